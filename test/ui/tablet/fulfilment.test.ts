import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import type { DomainCommand } from '../../../hub/domain/schemas.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser, VIEWPORTS } from '../../helpers/browser.js';
import { run, seedShop } from '../../helpers/station.js';

/** A station's facts about a task at PACK-01, as its events would make them. */
function packed(hub: Hub, orderNo: string, upTo: 'verified' | 'labelled'): void {
  const taskId = hub.domainState.orders[`taobao:${orderNo}`]!.taskId!;
  const facts: DomainCommand[] = [
    { type: 'taskLoaded', taskId, station: 'PACK-01' },
    { type: 'taskVerified', taskId, station: 'PACK-01' },
  ];
  if (upTo === 'labelled') facts.push({ type: 'labelPrinted', taskId, station: 'PACK-01' });
  run(hub, ...facts);
}

/**
 * A shift's orders at every node: TB1 handed over (closed batch H1) and picked up, TB2 in open
 * batch H2, TB3 labelled at the bench, TB4 verified, TB5 and TB6 released only; TB7 labelled and
 * then stopped (an intercept at PACK-01). The patrol, run as if five hours later, finds every
 * order past its node's limit stuck.
 */
function shift(hub: Hub): void {
  seedShop(hub, ['TB1', 'TB2', 'TB3', 'TB4', 'TB5', 'TB6', 'TB7']);
  for (const orderNo of ['TB1', 'TB2', 'TB3', 'TB7']) packed(hub, orderNo, 'labelled');
  packed(hub, 'TB4', 'verified');
  run(
    hub,
    { type: 'openHandover', carrier: 'sf-express', operator: 'Zhao Lei', station: 'DOCK-1' },
    { type: 'handoverScan', batchId: 'H1', waybill: 'SFTB1' },
    { type: 'closeHandover', batchId: 'H1', operator: 'Zhao Lei' },
    { type: 'carrierEvent', orderId: 'taobao:TB1', carrier: 'sf-express', eventId: 'SF-1', event: 'carrier.picked_up' },
    { type: 'openHandover', carrier: 'sf-express', operator: 'Wang Min', station: 'DOCK-1' },
    { type: 'handoverScan', batchId: 'H2', waybill: 'SFTB2' },
    { type: 'stopTask', orderId: 'taobao:TB7', reason: 'cancel' },
  );
  const patrolled = hub.execute(
    { type: 'patrol' },
    { now: new Date(Date.now() + 5 * 3600_000), actor: { kind: 'system', id: 'patrol' } },
  );
  if (!patrolled.ok) throw new Error(patrolled.code);
}

/** Each funnel row's node and its figures, as the page shows them. */
function funnelRows(page: Page) {
  return page.locator('.funnel-node').evaluateAll((rows) =>
    rows.map((row) => ({
      node: row.getAttribute('data-node'),
      reached: Number(row.querySelector('.reached')?.textContent),
      stuck: row.querySelector('.stuck strong') ? Number(row.querySelector('.stuck strong')!.textContent) : null,
    })),
  );
}

describe('tablet page: fulfilment funnel, dock and the order\'s nodes (issue #14)', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(): Promise<{ hub: Hub; browser: TestBrowser }> {
    const hub = await Hub.start({ site: 'ui-fulfil', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    shift(hub);
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    return { hub, browser };
  }

  it('shows the funnel per node with its stuck orders one tap away, follows the feed, and opens a stuck order with its nodes', async () => {
    const { hub, browser } = await start();
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, await hub.createToken('Li Na', 'manager'));
    await page.getByRole('link', { name: 'Fulfilment' }).click();
    await page.locator('.funnel-node[data-node="delivered"]').waitFor();
    expect(await funnelRows(page)).toEqual([
      { node: 'released', reached: 7, stuck: 3 },
      { node: 'verified', reached: 5, stuck: null },
      { node: 'labelled', reached: 4, stuck: 2 },
      { node: 'handed-over', reached: 1, stuck: 0 },
      { node: 'picked-up', reached: 1, stuck: null },
      { node: 'delivered', reached: 0, stuck: null },
    ]);
    const labelled = page.locator('.funnel-node[data-node="labelled"]');
    expect(await labelled.locator('.conversion strong').textContent()).toBe('80.0%');
    expect(await labelled.locator('.limit').textContent()).toBe('Stuck after 2 h');
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.getByRole('button', { name: 'Last 7 days', pressed: true }).waitFor();
    await screenshotBothSizes(page, 'fulfilment-funnel-en');

    // Live: a delivery reported while the page is open moves the last node.
    run(hub, { type: 'carrierEvent', orderId: 'taobao:TB1', carrier: 'sf-express', eventId: 'SF-2', event: 'carrier.delivered' });
    await page.locator('.funnel-node[data-node="delivered"] .reached', { hasText: '1' }).waitFor();

    // The stuck orders one tap away, oldest first; a tap opens the order with its nodes.
    await page.locator('.funnel-node[data-node="released"]').getByRole('button', { name: 'Show the 3 stuck' }).click();
    const stuck = page.locator('.funnel-node[data-node="released"] .stuck-orders li');
    await stuck.first().waitFor();
    expect(await stuck.evaluateAll((items) => items.map((item) => item.getAttribute('data-order')))).toEqual(['taobao:TB4', 'taobao:TB5', 'taobao:TB6']);
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshotBothSizes(page, 'fulfilment-stuck-en');
    await stuck.first().getByRole('link', { name: 'taobao:TB4' }).click();
    const steps = page.locator('.order-detail[data-order="taobao:TB4"] .node-step');
    await steps.first().waitFor();
    expect(await steps.evaluateAll((items) => items.map((item) => [item.getAttribute('data-node'), item.getAttribute('data-state')]))).toEqual([
      ['released', 'stuck'],
      ['verified', 'reached'],
      ['labelled', 'ahead'],
      ['handed-over', 'ahead'],
      ['picked-up', 'ahead'],
      ['delivered', 'ahead'],
    ]);
    expect(await steps.first().locator('.stuck').textContent()).toBe('Stuck here: past the limit');
    await screenshotBothSizes(page, 'fulfilment-order-nodes-en');

    // A handed-over order: every node up to picked up, the carrier's events on its timeline.
    await page.getByPlaceholder('Order number or waybill').fill('TB1');
    await page.getByRole('button', { name: 'Look up' }).click();
    const tb1 = page.locator('.order-detail[data-order="taobao:TB1"]');
    await tb1.locator('.node-step[data-node="delivered"][data-state="reached"]').waitFor();
    expect(await tb1.locator('.node-step').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))).toEqual(Array(6).fill('reached'));
    await tb1.locator('.timeline .entry[data-type="order.handed-over"]', { hasText: 'Batch H1' }).waitFor();
    await tb1.locator('.timeline .entry[data-type="order.carrier-event"]', { hasText: 'Picked up by the carrier' }).waitFor();
  }, 60_000);

  it('shows the dock: the intercept and where the parcel is, open batches per carrier, closed ones, parcels and the sheet', async () => {
    const { hub, browser } = await start();
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, await hub.createToken('wall screen', 'viewer'));
    await page.getByRole('link', { name: 'Dock' }).click();
    const intercept = page.locator('.intercept-card[data-order="taobao:TB7"]');
    expect(await intercept.locator('li[data-waybill="SFTB7"]').textContent()).toBe('SFTB7 at station PACK-01');
    const open = page.locator('.batch-card.open');
    expect(await open.evaluateAll((cards) => cards.map((card) => card.getAttribute('data-batch')))).toEqual(['H2']);
    expect(await open.locator('.count').textContent()).toBe('Parcels: 1');
    expect(await page.locator('.per-carrier li[data-carrier="sf-express"]').textContent()).toBe('SF Express: 1');

    // Live: a stop on TB2, whose parcel is in open batch H2, makes a second intercept naming the batch.
    run(hub, { type: 'stopTask', orderId: 'taobao:TB2', reason: 'address-change' });
    await page.locator('.intercept-card[data-order="taobao:TB2"] li', { hasText: 'in open batch H2 (SF Express)' }).waitFor();
    await screenshotBothSizes(page, 'fulfilment-dock-en');

    await page.getByRole('button', { name: 'Show closed batches' }).click();
    const closed = page.locator('.batch-card.closed[data-batch="H1"]');
    expect(await closed.locator('.batch-facts').textContent()).toMatch(/Closed by Zhao Lei, .*; parcels: 1$/);
    await closed.getByRole('button', { name: 'Show parcels' }).click();
    expect(await closed.locator('.batch-parcels tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => cell.textContent)))).toEqual([
      ['1', 'SFTB1', 'taobao:TB1', '1'],
    ]);
    for (const format of ['pdf', 'xlsx'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), closed.locator(`.sheet-${format}`).click()]);
      expect(download.suggestedFilename()).toBe(`handover-H1.${format}`);
      const bytes = await download.createReadStream().then(async (stream) => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      });
      expect(bytes.subarray(0, format === 'pdf' ? 5 : 2).toString('latin1')).toBe(format === 'pdf' ? '%PDF-' : 'PK');
    }
    await screenshotBothSizes(page, 'fulfilment-dock-closed-en');
    // The intercepted order one tap away, its parcel labelled and its nodes up to labelled.
    await page.locator('.intercept-card[data-order="taobao:TB7"]').getByRole('link', { name: 'taobao:TB7' }).click();
    await page.locator('.order-detail[data-order="taobao:TB7"] .node-step[data-node="labelled"][data-state="reached"]').waitFor();
  }, 60_000);

  it('shows all three in Chinese', async () => {
    const { hub, browser } = await start();
    const page = await browser.newPage({ locale: 'zh-CN' });
    await openTablet(page, hub.httpUrl, await hub.createToken('李娜', 'manager'));
    await page.getByRole('link', { name: '履约漏斗' }).click();
    await page.locator('.funnel-node[data-node="labelled"] .limit', { hasText: '超过 2 小时即滞留' }).waitFor();
    await page.locator('.funnel-node[data-node="labelled"]').getByRole('button', { name: '查看 2 个滞留订单' }).click();
    await page.locator('.stuck-orders li[data-order="taobao:TB3"]').waitFor();
    await screenshotBothSizes(page, 'fulfilment-funnel-zh');
    await page.getByRole('link', { name: 'taobao:TB3' }).click();
    const steps = page.locator('.order-detail[data-order="taobao:TB3"] .node-step');
    await steps.first().waitFor();
    expect(await steps.locator('.name').allTextContents()).toEqual(['已下发', '已核验', '已打单/封包', '已交接', '已揽收', '已签收']);
    expect(await page.locator('.node-step[data-node="labelled"] .stuck').textContent()).toBe('已超时滞留');
    await screenshotBothSizes(page, 'fulfilment-order-nodes-zh');
    await page.getByRole('link', { name: '交接' }).click();
    await page.getByText('拦截：请取出以下包裹').waitFor();
    expect(await page.locator('.intercept-card[data-order="taobao:TB7"] li').textContent()).toBe('SFTB7 在工位 PACK-01');
    expect(await page.locator('.per-carrier li').textContent()).toBe('顺丰速运：1');
    await page.getByRole('button', { name: '显示已关闭批次' }).click();
    await page.locator('.batch-card.closed[data-batch="H1"]').getByRole('button', { name: '查看包裹' }).click();
    await page.locator('.batch-card.closed .batch-parcels').waitFor();
    await screenshotBothSizes(page, 'fulfilment-dock-zh');
  }, 60_000);
});
