import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, seedShop } from '../../helpers/station.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-order';

describe('tablet page: order lookup', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("shows a packed order's whole timeline by order number and by waybill", async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB3001']);
    const token = await hub.createToken('Li Na', 'manager');

    // A station packs the order: loaded, a wrong item blocked and cleared, every unit, the label.
    const station = await RawStation.connect(hub, SITE, 'PACK-03');
    cleanups.push(() => station.close());
    await station.status({ scanner: { kind: 'serial', state: 'ok' }, printer: { kind: 'zpl', state: 'ok' } });
    const taskId = hub.domainState.orders['taobao:TB3001']!.taskId!;
    station.order = { taskId, orderId: 'taobao:TB3001', orderNo: 'TB3001', channel: 'taobao' };
    const lines = (dress: number, baby: number) => [
      { masterSku: 'DRESS-RED-M', quantity: 2, counted: dress },
      { masterSku: 'BABY-SH-01', quantity: 1, counted: baby },
    ];
    await station.pack('pack.order_loaded', { ref: { type: 'order', id: 'TB3001' }, source: 'hub', waybill: 'SFTB3001', lines: lines(0, 0) });
    await station.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await station.verdict('wrong_item', 'SOCK-01', BARCODES.sock);
    await station.pack('pack.block_cleared', { reason: 'wrong_item', scope: 'unit', by: 'resolve', supervisor: null, blockedMs: 3000 });
    await station.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await station.verdict('counted', 'BABY-SH-01', BARCODES.baby);
    await station.pack('pack.order_verified', { lines: lines(2, 1) });
    const lists = { stopListVersion: 0, freezeListVersion: 0 };
    await station.pack('pack.label_requested', { reprint: false, ...lists, hubLastHeardAt: new Date().toISOString() });
    await station.pack('pack.label_printed', { reprint: false });
    await expect.poll(() => hub.domainState.tasks[taskId]?.progress).toBe('labelled');

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${hub.httpUrl}/#token=${token}`);
    await page.locator('.connection.connected').waitFor();
    await page.getByRole('link', { name: 'Order lookup' }).click();
    await page.getByPlaceholder('Order number or waybill').fill('TB3001');
    await page.getByRole('button', { name: 'Look up' }).click();

    const detail = page.locator('.order-detail[data-order="taobao:TB3001"]');
    await detail.waitFor();
    const timeline = detail.locator('.timeline .entry');
    await timeline.filter({ hasText: 'Label printed' }).first().waitFor();
    const types = await timeline.evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-type')));
    // The hub's records and the station's, in the order the hub stored them: each station
    // event first, then the task fact the hub made of it.
    expect(types).toEqual([
      'order.created',
      'order.released',
      'pack.order_loaded',
      'task.loaded',
      'pack.verdict',
      'pack.verdict',
      'pack.block_cleared',
      'pack.verdict',
      'pack.verdict',
      'pack.order_verified',
      'task.verified',
      'pack.label_requested',
      'pack.label_printed',
      'task.label-printed',
    ]);
    expect(await detail.locator('.task-status').textContent()).toBe('Labelled · Station PACK-03');
    expect(await timeline.and(page.locator('[data-type="pack.verdict"]')).filter({ hasText: 'Wrong item' }).textContent()).toContain('SOCK-01');
    await screenshotBothSizes(page, 'order-lookup');

    await page.getByPlaceholder('Order number or waybill').fill('SFTB3001');
    await page.getByRole('button', { name: 'Look up' }).click();
    await detail.locator('h2', { hasText: 'TB3001' }).waitFor();
    expect(await page.locator('.order-detail').count()).toBe(1);
  });
});
