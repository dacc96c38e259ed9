import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, shootBothLanguages, TestBrowser, VIEWPORTS } from '../../helpers/browser.js';
import { BARCODES, run, seedShop } from '../../helpers/station.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-first-hour';
const VIEWS = ['alerts', 'stations', 'orders', 'evidence', 'freezes', 'mapping', 'charts', 'funnel', 'dock'] as const;
const LABEL = { name: '李四', phone: '13900001234', address: '广州市天河区体育西路 1 号' };

async function api(hub: Hub, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.httpUrl}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(response.status, `${method} ${path}`).toBe(200);
  return response.json();
}

const lines = (dress: number, baby: number) => [
  { masterSku: 'DRESS-RED-M', quantity: 2, counted: dress },
  { masterSku: 'BABY-SH-01', quantity: 1, counted: baby },
];

/** Points a raw station at a seeded order and loads it at the bench. */
async function load(hub: Hub, station: RawStation, orderNo: string): Promise<string> {
  const orderId = `taobao:${orderNo}`;
  const taskId = hub.domainState.orders[orderId]!.taskId!;
  station.order = { taskId, orderId, orderNo, channel: 'taobao' };
  await station.pack('pack.order_loaded', { ref: { type: 'order', id: orderNo }, source: 'hub', waybill: `SF${orderNo}`, lines: lines(0, 0) });
  await expect.poll(() => hub.domainState.tasks[taskId]?.station).toBe(station.id);
  return taskId;
}

describe('tablet page: the first hour on the floor (issue #17, items 12, 14-18)', () => {
  let hub: Hub;
  let browser: TestBrowser;
  let token: string;
  const stations: RawStation[] = [];

  beforeAll(async () => {
    await buildTabletOnce();
    hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    seedShop(hub, ['TB7001', 'TB7002', 'TB7003', 'TB7004', 'TB7005']);
    token = await hub.createToken('Li Na', 'manager');
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    for (const station of stations.splice(0)) await station.close();
    await browser?.close();
    await hub?.close();
  });

  it('without a token: says it is not connected, which tokens work and what each role sees (item 15)', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.httpUrl}/`);
    await page.locator('.token-form').waitFor();
    expect(await page.locator('.connection').textContent()).toBe('Not connected: no token');
    expect(await page.locator('label[for="token-input"]').textContent()).toBe('Access token');
    const help = await page.locator('.token-help').innerText();
    expect(help).toContain('Any admin, manager, dock or viewer token works');
    expect(await page.locator('.token-help li[data-role="manager"]').textContent()).toContain('acknowledge alerts, approve or reject refunds');
    expect(await page.locator('.token-help li[data-role="viewer"]').textContent()).toContain('without the buttons');
    expect(await page.locator('.token-help li[data-role="dock"]').textContent()).toContain('opens on the Dock view');
    expect(await page.locator('.token-help li[data-role="integration"]').textContent()).toContain('cannot read');
    await page.locator('header.top button.lang').click();
    expect(await page.locator('.connection').textContent()).toBe('未连接：尚未输入令牌');
    expect(await page.locator('label[for="token-input"]').textContent()).toBe('访问令牌');
    await page.locator('header.top button.lang').click();
    await shootBothLanguages(page, 'first-hour-no-token');
    // A viewer's token is taken as well as a manager's.
    await page.locator('#token-input').fill(await hub.createToken('wall screen', 'viewer'));
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('.connection.connected').waitFor();
    await page.getByText('View only').waitFor();
  });

  it('on a phone and on the tablet every view is in reach: the tab bar wraps inside the screen (item 14)', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await openTablet(page, hub.httpUrl, token);
    for (const lang of ['en', 'zh-CN']) {
      if (lang === 'zh-CN') await page.locator('header.top button.lang').click();
      // At 1024 px the English tabs ran past the edge ("Fulfilmen", no Dock) while Chinese fitted.
      for (const size of [VIEWPORTS.tablet, VIEWPORTS.phone]) {
        await page.setViewportSize(size);
        const boxes = await page.locator('nav.tabs .tab').evaluateAll((tabs) => tabs.map((tab) => tab.getBoundingClientRect()).map(({ left, right }) => ({ left, right })));
        expect(boxes).toHaveLength(VIEWS.length);
        for (const box of boxes) {
          expect(box.left, `${lang} ${size.width}`).toBeGreaterThanOrEqual(0);
          expect(box.right, `${lang} ${size.width}`).toBeLessThanOrEqual(size.width);
        }
        expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(size.width);
      }
      for (const view of VIEWS) {
        await page.locator(`nav.tabs a[href="#/${view}"]`).click();
        await page.locator(`section.view[data-view="${view}"]`).waitFor();
      }
    }
    await page.locator('header.top button.lang').click();
    await page.locator('nav.tabs a[href="#/alerts"]').click();
    await shootBothLanguages(page, 'first-hour-tabs');
  });

  it('the board shows the order on the bench, not one put aside, and its scans add up to the chart (items 12, 18)', async () => {
    const one = await RawStation.connect(hub, SITE, 'PACK-01');
    const two = await RawStation.connect(hub, SITE, 'PACK-02');
    stations.push(one, two);
    for (const station of [one, two]) await station.status({ scanner: { kind: 'serial', state: 'ok' }, printer: { kind: 'zpl', state: 'ok' } });

    // PACK-01: TB7001 loaded, one unit, put aside ("other"); then TB7002 loaded, one unit.
    const asideTask = await load(hub, one, 'TB7001');
    await one.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await one.pack('pack.order_aside', { reason: 'other', lines: lines(1, 0), block: null });
    await expect.poll(() => hub.domainState.tasks[asideTask]?.progress).toBe('released');
    expect(hub.domainState.tasks[asideTask]?.station).toBeUndefined();
    await load(hub, one, 'TB7002');
    await one.verdict('counted', 'DRESS-RED-M', BARCODES.dress);

    // PACK-02: a scan the session made nothing of, a wrong item cleared, then TB7003 packed and labelled.
    await two.event({ type: 'scan', data: 'HELLO', raw: Buffer.from('HELLO').toString('base64'), source: 'serial' });
    const labelledTask = await load(hub, two, 'TB7003');
    await two.verdict('wrong_item', 'SOCK-01', BARCODES.sock);
    await two.pack('pack.block_cleared', { reason: 'wrong_item', scope: 'unit', by: 'resolve', supervisor: null, blockedMs: 2000 });
    await two.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await two.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await two.verdict('counted', 'BABY-SH-01', BARCODES.baby);
    await two.pack('pack.order_verified', { lines: lines(2, 1) });
    await two.pack('pack.label_printed', { reprint: false });
    await expect.poll(() => hub.domainState.tasks[labelledTask]?.progress).toBe('labelled');

    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Stations' }).click();
    const card = (id: string) => page.locator(`.station-card[data-station="${id}"]`);
    await expect.poll(() => card('PACK-01').locator('.order').textContent()).toBe('taobao:TB7002 · Loaded');
    await expect.poll(() => card('PACK-02').locator('.scans-hour').textContent()).toBe('5');
    expect(await card('PACK-01').locator('.scans-hour').textContent()).toBe('2');
    const site = page.locator('.site-hour');
    expect(await site.getAttribute('data-scans')).toBe('7');
    expect(await site.textContent()).toBe('All stations this hour: scans 7, mismatches 1');
    await shootBothLanguages(page, 'first-hour-stations');

    await page.getByRole('link', { name: 'Charts' }).click();
    const chartHour = page.locator('.this-hour');
    await chartHour.waitFor();
    expect([await chartHour.getAttribute('data-scans'), await chartHour.getAttribute('data-mismatches')]).toEqual(['7', '1']);
    await shootBothLanguages(page, 'first-hour-charts');
  });

  it('the order timeline says each step once, reasons in words, and a labelled order says so (item 16)', async () => {
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Order lookup' }).click();
    const lookUp = async (orderNo: string) => {
      await page.getByPlaceholder('Order number or waybill').fill(orderNo);
      await page.getByRole('button', { name: 'Look up' }).click();
      const detail = page.locator(`.order-detail[data-order="taobao:${orderNo}"]`);
      await detail.waitFor();
      return detail;
    };
    const labelled = await lookUp('TB7003');
    await labelled.locator('.timeline .entry[data-type="pack.label_printed"]').waitFor();
    expect(await labelled.locator('.status').textContent()).toBe('Labelled');
    const labels = await labelled.locator('.timeline .entry .what').evaluateAll((items) => items.map((item) => item.textContent));
    for (const step of ['Loaded at the bench', 'All units scanned and matched', 'Label printed']) expect(labels.filter((text) => text === step), step).toHaveLength(1);
    expect(await labelled.locator('.timeline .entry[data-type^="task."]').count()).toBe(0);
    // On the tablet, who did each step sits under what was done (it stood 28 px to its left).
    const offsets = await labelled.locator('.timeline .entry:has(.who)').evaluateAll((entries) =>
      entries.map((entry) => {
        const who = entry.querySelector('.who')!;
        const style = (globalThis as unknown as { getComputedStyle(element: unknown): { paddingLeft: string } }).getComputedStyle(who);
        const whoText = who.getBoundingClientRect().left + parseFloat(style.paddingLeft);
        return whoText - entry.querySelector('.what')!.getBoundingClientRect().left;
      }),
    );
    expect(offsets.length).toBeGreaterThan(5);
    for (const offset of offsets) expect(Math.abs(offset)).toBeLessThan(1);
    await labelled.locator('.timeline .entry[data-type="pack.label_printed"]').scrollIntoViewIfNeeded();
    await shootBothLanguages(page, 'first-hour-timeline-labelled');

    const aside = await lookUp('TB7001');
    const asideLine = aside.locator('.timeline .entry[data-type="pack.order_aside"]');
    await asideLine.waitFor();
    expect(await asideLine.textContent()).toContain('Station PACK-01 · Other reason');
    expect(await aside.locator('.timeline').textContent()).not.toMatch(/\bother\b/);
    expect(await aside.locator('.status').textContent()).toBe('Released');
    await asideLine.scrollIntoViewIfNeeded();
    await shootBothLanguages(page, 'first-hour-timeline-aside');
  });

  it('decided freezes and mappings say who decided and when; a pending change names the orders it holds (item 17)', async () => {
    run(hub, { type: 'createFreeze', orderId: 'taobao:TB7004' }, { type: 'createFreeze', orderId: 'taobao:TB7005' });
    const freezes = Object.values(hub.domainState.freezes);
    const freezeOf = (orderId: string) => freezes.find((freeze) => freeze.orderId === orderId)!.id;
    await api(hub, token, 'POST', `/freezes/${freezeOf('taobao:TB7004')}/approve`);
    await api(hub, await hub.createToken('Wang Wei', 'manager'), 'POST', `/freezes/${freezeOf('taobao:TB7005')}/reject`);
    // A change waiting that holds two orders, and another confirmed by Li Na.
    run(
      hub,
      { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'SOCK-01' },
      { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'BOOK-01' },
      { type: 'createOrder', channel: 'taobao', orderNo: 'TB7101', waybill: 'SF7101', label: LABEL, lines: [{ channelSku: 'SOCK-TB-01', quantity: 1 }] },
      { type: 'createOrder', channel: 'taobao', orderNo: 'TB7102', waybill: 'SF7102', label: LABEL, lines: [{ channelSku: 'SOCK-TB-01', quantity: 1 }] },
      { type: 'setMapping', channel: 'douyin', channelSku: 'DY-SOCK-01', masterSku: 'SOCK-01' },
      { type: 'setMapping', channel: 'douyin', channelSku: 'DY-SOCK-01', masterSku: 'BOOK-01' },
    );
    await api(hub, token, 'POST', '/mappings/confirm', { channel: 'douyin', channelSku: 'DY-SOCK-01' });

    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Frozen stock' }).click();
    await page.getByRole('button', { name: 'Show decided' }).click();
    const decided = (orderId: string) => page.locator('.freeze-card', { hasText: orderId }).locator('.decided');
    await expect.poll(() => decided('taobao:TB7004').textContent()).toMatch(/^ · Decided by Li Na, \d\d\/\d\d, \d\d:\d\d:\d\d$/);
    expect(await decided('taobao:TB7005').textContent()).toContain('Decided by Wang Wei');
    await shootBothLanguages(page, 'first-hour-freezes-decided');

    await page.getByRole('link', { name: 'Mapping' }).click();
    const holds = page.locator('.mapping-card.pending[data-channel-sku="SOCK-TB-01"] .holds');
    await holds.waitFor();
    expect(await holds.textContent()).toBe('Orders with SOCK-01, BOOK-01 are held: 2 (taobao:TB7101, taobao:TB7102)');
    const confirmed = page.locator('.mapping-card.decided.confirmed', { hasText: 'DY-SOCK-01' });
    await confirmed.waitFor();
    expect(await confirmed.locator('.decided-by').textContent()).toMatch(/^Confirmed by Li Na, \d\d\/\d\d, \d\d:\d\d:\d\d$/);
    await shootBothLanguages(page, 'first-hour-mapping-pending');
    await confirmed.scrollIntoViewIfNeeded();
    await shootBothLanguages(page, 'first-hour-mapping-decided');
  });
});
