import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StationScreen } from '../../../station/http/server.js';
import { screenView, type ScreenView } from '../../../station/http/view.js';
import { createSession, scanInput, step, type PackInput, type PackSession } from '../../../station/pack/index.js';
import { SCREENSHOT_DIR, TestBrowser, screenshotBothSizes } from '../../helpers/browser.js';
import { CODES, context, earbuds } from '../pack/helpers.js';

// Withdraw at the bench (issue #14) on the packer's page, in Chromium: the intercept over a
// labelled order says what to do, the WITHDRAW card's prompt, and the outcome on the red overlay
// and, without a block, in the notice; both languages. Screenshots: packer-withdraw-*.

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("withdraw on the packer's page (Chromium)", () => {
  let browser: TestBrowser;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await TestBrowser.launch();
  }, 20_000);
  afterAll(() => browser?.close());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows the intercept, the armed card and the parcel taken out, over the block and in the notice', async () => {
    // The page counts the time blocked against its own clock: the session's is now.
    const now = Date.now();
    let ctx = context({ now, link: { lastHeardAt: now } });
    let session: PackSession = createSession('ST-07');
    let screen: StationScreen | undefined;
    const input = (next: PackInput) => {
      session = step(session, next, ctx).state;
      screen?.refresh();
    };
    const scan = (...codes: string[]) => codes.forEach((code) => input(scanInput(code, ctx.now)));
    const view = (): ScreenView =>
      screenView({
        station: 'ST-07',
        display: step(session, { type: 'tick' }, ctx).display,
        printer: { kind: 'zpl', state: 'ok' },
        hub: { connected: true, live: true, lastHeardAt: ctx.now },
        hubSilenceMs: 300_000,
      });

    scan('$PG:BADGE:W1', '$PG:ORDER:880001', CODES.dressCase, CODES.dressEan, earbuds('SN-0001'), earbuds('SN-0002'));
    input({ type: 'label_requested' });
    input({ type: 'label_printed' });
    ctx = { ...ctx, stopList: { version: 2, entries: [{ taskId: 'T17', orderId: 'taobao:880001', reason: 'refund' }] } };
    input({ type: 'lists_updated' });

    screen = await StationScreen.start({ host: '127.0.0.1', port: 0, view });
    cleanups.push(() => screen!.close());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    cleanups.push(async () => expect(problems).toEqual([]));
    await page.goto(`${screen.url}/`);

    await page.locator('#block-action-en', { hasText: 'take the labelled parcel out, scan WITHDRAW then its waybill, then CANCEL' }).waitFor();
    expect(await page.locator('#block-action-zh').textContent()).toBe('拦截：取出已打单的包裹，扫描“取出”卡再扫描其面单，然后扫描“取消”卡');
    expect(await page.locator('#block-notice').isHidden()).toBe(true);

    scan('$PG:WITHDRAW');
    await page.locator('#block-action-en', { hasText: 'Scan the waybill of the parcel you took out (CANCEL: give up)' }).waitFor();
    expect(await page.locator('#block-action-zh').textContent()).toBe('请扫描取出的包裹的面单（扫描“取消”卡放弃）');

    scan('SF1234567890');
    await page.locator('#block-notice').waitFor();
    expect(await page.locator('#block-notice').textContent()).toBe('已取出 SF1234567890（订单 880001）：不要发出SF1234567890 taken out (order 880001): do not ship it');
    expect(await page.locator('#block').isVisible()).toBe(true);
    await screenshotBothSizes(page, 'packer-withdraw-blocked');

    // Off the bench, no block: a refused withdrawal shows in the notice, in the page's language first.
    scan('$PG:CANCEL', '$PG:WITHDRAW');
    await page.locator('#prompt', { hasText: '请扫描取出的包裹的面单' }).waitFor();
    scan('NOBODY1');
    await page.locator('#notice', { hasText: '未取出：本工位没有运单 NOBODY1 的订单' }).waitFor();
    await page.click('#lang');
    await page.locator('#notice', { hasText: /^Not taken out: no order at this station has waybill NOBODY1/ }).waitFor();
    expect(await page.evaluate(() => document.querySelector('#block').hidden)).toBe(true);
    await screenshotBothSizes(page, 'packer-withdraw-refused');
  }, 60_000);
});
