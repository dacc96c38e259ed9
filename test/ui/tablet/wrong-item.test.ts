import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, seedShop } from '../../helpers/station.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-wrong';

describe('tablet page: a wrong item scanned at a station', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('appears at once with its station and SKU, sounds, shows on the station board, and closes when cleared at the bench', async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB2001']);
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);

    const station = await RawStation.connect(hub, SITE, 'PACK-07');
    cleanups.push(() => station.close());
    await station.status({ scanner: { kind: 'serial', state: 'ok' }, printer: { kind: 'zpl', state: 'ok' } });
    const taskId = hub.domainState.orders['taobao:TB2001']!.taskId!;
    station.order = { taskId, orderId: 'taobao:TB2001', orderNo: 'TB2001', channel: 'taobao' };
    await station.pack('pack.order_loaded', {
      ref: { type: 'order', id: 'TB2001' },
      source: 'hub',
      waybill: 'SFTB2001',
      lines: [
        { masterSku: 'DRESS-RED-M', quantity: 2, counted: 0 },
        { masterSku: 'BABY-SH-01', quantity: 1, counted: 0 },
      ],
    });
    await station.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await station.verdict('wrong_item', 'SOCK-01', BARCODES.sock);

    const card = page.locator('.alert-card[data-kind="station-block"]');
    await card.waitFor();
    await expect.poll(() => card.locator('.title').textContent()).toBe('Blocked at the station: Wrong item');
    expect(await card.locator('.fact.station dd').textContent()).toBe('PACK-07');
    expect(await card.locator('.fact.sku dd').textContent()).toBe('SOCK-01');
    expect(await card.locator('.fact.order dd').textContent()).toBe('taobao:TB2001');
    expect(await card.getAttribute('class')).toContain('critical');
    // A new critical alert sounds and vibrates: the page counts its alarms.
    expect(await page.locator('body').getAttribute('data-alarms')).toBe('1');
    await screenshotBothSizes(page, 'alerts-wrong-item');

    await page.getByRole('link', { name: 'Stations' }).click();
    const board = page.locator('.station-card[data-station="PACK-07"]');
    await board.waitFor();
    await expect.poll(() => board.locator('.scans-hour').textContent()).toBe('2');
    expect(await board.textContent()).toContain('50.0%');
    expect(await board.locator('.order').textContent()).toContain('taobao:TB2001');
    expect(await board.locator('.pill.online').textContent()).toBe('Online');
    await screenshotBothSizes(page, 'stations');

    // The printer runs out of paper: the hub's fault alert names the fault, in both languages.
    await station.status({ scanner: { kind: 'serial', state: 'ok' }, printer: { kind: 'zpl', state: 'fault', detail: 'tcp:127.0.0.1:9100: paper out' } });
    await page.getByRole('link', { name: 'Alerts' }).click();
    const fault = page.locator('.alert-card[data-kind="station-fault"]');
    await fault.waitFor();
    expect(await fault.locator('.alert-detail').textContent()).toBe('Printer: tcp:127.0.0.1:9100: paper out');
    expect(await page.locator('.open-count').textContent()).toBe('2 open');
    await screenshotBothSizes(page, 'alerts-hub-open-en');
    await page.getByRole('button', { name: '中文' }).click();
    expect(await fault.locator('.alert-detail').textContent()).toBe('打印机：tcp:127.0.0.1:9100: 缺纸');
    expect(await card.locator('.title').textContent()).toBe('工位拦截：商品错误');
    await screenshotBothSizes(page, 'alerts-hub-open-zh');

    // The bench clears the block and the printer is refilled: the hub closes both, the page says why.
    await station.pack('pack.block_cleared', { reason: 'wrong_item', scope: 'unit', by: 'resolve', supervisor: null, blockedMs: 4000 });
    await station.status({ scanner: { kind: 'serial', state: 'ok' }, printer: { kind: 'zpl', state: 'ok' } });
    await card.getByText('已结束：工位已重新扫描解除').waitFor();
    await fault.getByText('已结束：设备已恢复').waitFor();
    expect(await page.locator('.open-count').textContent()).toBe('0 条待确认');
    expect(await page.locator('.alert-card').count()).toBe(2);
    await screenshotBothSizes(page, 'alerts-hub-closed-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await card.getByText('Over: cleared at the bench by a rescan').waitFor();
    await fault.getByText('Over: the device works again').waitFor();
    await screenshotBothSizes(page, 'alerts-hub-closed-en');
  });
});
