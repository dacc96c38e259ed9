import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { printData } from '../../helpers/domain.js';
import { BARCODES, run, seedShop } from '../../helpers/station.js';
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
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Order lookup' }).click();
    await page.getByPlaceholder('Order number or waybill').fill('TB3001');
    await page.getByRole('button', { name: 'Look up' }).click();

    const detail = page.locator('.order-detail[data-order="taobao:TB3001"]');
    await detail.waitFor();
    const timeline = detail.locator('.timeline .entry');
    await timeline.filter({ hasText: 'Label printed' }).first().waitFor();
    const types = await timeline.evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-type')));
    // The hub's records and the station's, in the order the hub stored them: each step once (the
    // station's event; the task fact the hub made of it adds no second line).
    expect(types).toEqual([
      'order.created',
      'order.released',
      'pack.order_loaded',
      'pack.verdict',
      'pack.verdict',
      'pack.block_cleared',
      'pack.verdict',
      'pack.verdict',
      'pack.order_verified',
      'pack.label_requested',
      'pack.label_printed',
    ]);
    expect(await detail.locator('.task-status').textContent()).toBe('Labelled · Station PACK-03');
    // The order's status follows its latest step, not "Released".
    expect(await detail.locator('.status').textContent()).toBe('Labelled');
    expect(await timeline.and(page.locator('[data-type="pack.verdict"]')).filter({ hasText: 'Wrong item' }).textContent()).toContain('SOCK-01');
    await screenshotBothSizes(page, 'order-lookup');

    await page.getByPlaceholder('Order number or waybill').fill('SFTB3001');
    await page.getByRole('button', { name: 'Look up' }).click();
    await detail.locator('h2', { hasText: 'TB3001' }).waitFor();
    expect(await page.locator('.order-detail').count()).toBe(1);
  });

  it('shows an order in pre-printed parcels, found by a child waybill, in Chinese: each parcel sealed, never its print data', async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, []);
    const secret = 'CAINIAO-ENCRYPTED-PAGE-4411';
    run(hub, {
      type: 'createOrder',
      channel: 'taobao',
      orderNo: 'TB3002',
      waybill: 'YT3002',
      label: { name: '王*', phone: '138****1234', address: '上海市***' },
      lines: [{ channelSku: 'DRESS-2026-RED-M', quantity: 2 }],
      parcels: [
        { waybill: 'YT3002', print: printData(`${secret}-1`) },
        { waybill: 'YT3002-2', print: printData(`${secret}-2`) },
      ],
    });
    const token = await hub.createToken('李娜', 'manager');
    const station = await RawStation.connect(hub, SITE, 'PACK-04');
    cleanups.push(() => station.close());
    const taskId = hub.domainState.orders['taobao:TB3002']!.taskId!;
    station.order = { taskId, orderId: 'taobao:TB3002', orderNo: 'TB3002', channel: 'taobao' };
    const lines = (counted: number) => [{ masterSku: 'DRESS-RED-M', quantity: 2, counted }];
    const lists = { stopListVersion: 0, freezeListVersion: 0, hubLastHeardAt: new Date().toISOString() };
    await station.pack('pack.order_loaded', { ref: { type: 'waybill', id: 'YT3002-2' }, source: 'hub', waybill: 'YT3002', lines: lines(0) });
    await station.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await station.pack('pack.parcel_closed', { parcel: { index: 1, waybill: 'YT3002' }, lines: lines(1) });
    await station.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await station.pack('pack.order_verified', { lines: lines(2) });
    await station.pack('pack.sealed', { parcel: { index: 1, waybill: 'YT3002' }, parcels: 2, ...lists });
    await station.pack('pack.sealed', { parcel: { index: 2, waybill: 'YT3002-2' }, parcels: 2, ...lists });
    await expect.poll(() => hub.domainState.tasks[taskId]?.progress).toBe('sealed');

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ locale: 'zh-CN' });
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: '订单查询' }).click();
    await page.getByPlaceholder('订单号或运单号').fill('yt3002-2');
    await page.getByRole('button', { name: '查询' }).click();

    const detail = page.locator('.order-detail[data-order="taobao:TB3002"]');
    await detail.locator('.timeline .entry[data-type="pack.sealed"]').nth(1).waitFor();
    expect(await detail.locator('.task-status').textContent()).toBe('已封包 · 工位 PACK-04');
    const parcels = await detail.locator('.parcels .parcel').evaluateAll((items) => items.map((item) => item.textContent));
    expect(parcels).toHaveLength(2);
    expect(parcels[0]).toMatch(/^YT3002 菜鸟电子面单.* 在 PACK-04 封包.*封箱：DRESS-RED-M × 1$/);
    expect(parcels[1]).toMatch(/^YT3002-2 菜鸟电子面单.* 在 PACK-04 封包$/);
    const sealed = detail.locator('.timeline .entry[data-type="pack.sealed"]');
    expect(await sealed.nth(1).textContent()).toContain('包裹已封包工位 PACK-04 · 第 2/2 包 · YT3002-2');
    expect(await detail.locator('.timeline .entry[data-type="pack.parcel_closed"]').textContent()).toContain('第 1/2 包 · YT3002');
    expect(await page.content()).not.toContain(secret);
    await screenshotBothSizes(page, 'order-lookup-parcels');
  });
});
