import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../protocol/index.js';
import { StationScreen } from '../../../station/http/server.js';
import { screenView, type ScreenView } from '../../../station/http/view.js';
import { createSession, indexTasks, scanInput, step, type PackEvent, type PackInput, type PackSession, type PackTask } from '../../../station/pack/index.js';
import { SCREENSHOT_DIR, TestBrowser, VIEWPORTS } from '../../helpers/browser.js';
import { CODES, TASK, context, earbuds } from '../pack/helpers.js';

// The page's globals inside page.evaluate (the project's lib has no DOM): run in the browser, typed loosely here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;
declare const Node: any;
type Element = any;

// Issue #17 items 8–11, the packer's screen, in Chromium: each state in both languages at
// 1024×768 and 390×844, screenshots in test-output/screenshots/packer-*, and the layout facts
// measured as element boxes.

/** A picture of 400×300 (drawn into the 64 px box) and a broken one. */
const PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#c33"/><circle cx="200" cy="150" r="90" fill="#fff"/></svg>';

function namedTask(images: string): PackTask {
  const [dress, earbuds] = TASK.lines;
  return {
    ...TASK,
    lines: [
      {
        ...dress!,
        name: { 'zh-CN': '红色连衣裙 M 码', en: 'Red dress, size M' },
        attributes: [
          { name: 'brand', value: 'Lumi' },
          { name: 'category', value: 'dress' },
          { name: 'color', value: 'red' },
          { name: 'size', value: 'M' },
        ],
        imageUrl: `${images}/dress.svg`,
      },
      { ...earbuds!, name: { 'zh-CN': '蓝牙耳机', en: 'Bluetooth earbuds' }, imageUrl: `${images}/missing.svg` },
    ],
  };
}

/** A pack session on a bench, its screen view with the devices as set, and its events. */
class Bench {
  session: PackSession = createSession('ST-07');
  readonly events: PackEvent[] = [];
  scanner: DeviceStatus = { kind: 'serial', state: 'ok', detail: '/dev/ttyACM0 @9600' };
  screen: StationScreen | undefined;
  readonly ctx;

  constructor(task: PackTask) {
    this.ctx = context({ tasks: indexTasks([task]) });
  }

  input(input: PackInput): void {
    const result = step(this.session, input, this.ctx);
    this.session = result.state;
    this.events.push(...result.events);
    this.screen?.refresh();
  }

  scan(...codes: string[]): void {
    for (const code of codes) this.input(scanInput(code, Date.now()));
  }

  view(): ScreenView {
    const display = step(this.session, { type: 'tick' }, this.ctx).display;
    return screenView({
      station: 'ST-07',
      display,
      scanner: this.scanner,
      printer: { kind: 'zpl', state: 'ok' },
      hub: { connected: true, live: true, lastHeardAt: Date.now() },
      hubSilenceMs: 300_000,
    });
  }
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}

const overlap = (a: Box, b: Box): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** The boxes of every visible element matching `selector`, with each one's font size. */
function boxes(page: Page, selector: string): Promise<Array<Box & { readonly fontSize: number; readonly text: string }>> {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll(sel)]
      .filter((el) => !el.hidden && el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height, fontSize: parseFloat(getComputedStyle(el).fontSize), text: el.textContent ?? '' };
      });
  }, selector);
}

async function box(page: Page, selector: string): Promise<Box> {
  const [found] = await boxes(page, selector);
  if (!found) throw new Error(`nothing visible matches ${selector}`);
  return found;
}

/** The box of the first text node of `selector` (the first language), without the second's span. */
function firstTextBox(page: Page, selector: string): Promise<Box> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const text = [...el.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
    const range = document.createRange();
    range.selectNodeContents(text);
    const r = range.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  }, selector);
}

/** Facts every state must keep at every size: no sideways scrolling, header chips whole and apart. */
async function commonLayout(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where}: page wider than the screen`).toBeLessThanOrEqual(innerWidth);
  const chips = await boxes(page, 'header > *');
  expect(chips.length, where).toBeGreaterThanOrEqual(4);
  for (const chip of chips) {
    // An empty chip would still take a gap (a wide hole before "Hub").
    expect(chip.text.trim(), `${where}: an empty header chip`).not.toBe('');
    // One or two lines of text: never a character per line.
    expect(chip.height, `${where}: header "${chip.text}" is ${chip.height}px high`).toBeLessThanOrEqual(2 * 1.6 * chip.fontSize);
    expect(chip.right, `${where}: header "${chip.text}" runs off the screen`).toBeLessThanOrEqual(innerWidth + 0.5);
  }
  for (const [i, a] of chips.entries()) for (const b of chips.slice(i + 1)) expect(overlap(a, b), `${where}: "${a.text}" overlaps "${b.text}"`).toBe(false);
}

describe("the packer's screen, issue #17 items 8–11 (Chromium)", () => {
  let browser: TestBrowser;
  let images: Server;
  let imagesUrl: string;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await TestBrowser.launch();
    images = createServer((request, response) => {
      if (request.url === '/dress.svg') response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(PICTURE);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  }, 20_000);
  afterAll(async () => {
    await browser?.close();
    images?.closeAllConnections();
    await new Promise<void>((resolve) => (images ? images.close(() => resolve()) : resolve()));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(bench: Bench): Promise<Page> {
    const screen = await StationScreen.start({ host: '127.0.0.1', port: 0, view: () => bench.view(), onInput: (input) => input.type !== 'carrier' && bench.input(input) });
    bench.screen = screen;
    cleanups.push(() => screen.close());
    const page = await browser.newPage({ viewport: VIEWPORTS.tablet });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    cleanups.push(async () => expect(problems).toEqual([]));
    await page.goto(`${screen.url}/`);
    await page.locator('#station', { hasText: 'ST-07' }).waitFor();
    return page;
  }

  /**
   * Runs `check` in each language at each size and writes `packer-{name}-{lang}-{w}x{h}.png`.
   * The page starts in Chinese; the language button switches, as the packer would.
   */
  async function eachLanguageAndSize(page: Page, name: string, check: (where: string, lang: 'zh-CN' | 'en') => Promise<void>): Promise<void> {
    for (const lang of ['zh-CN', 'en'] as const) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.click('#lang');
      for (const size of [VIEWPORTS.tablet, VIEWPORTS.phone]) {
        await page.setViewportSize(size);
        const where = `${name} ${lang} ${size.width}x${size.height}`;
        await commonLayout(page, where);
        await check(where, lang);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `packer-${name}-${lang}-${size.width}x${size.height}.png`), fullPage: true });
      }
    }
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'zh-CN') await page.click('#lang');
    await page.setViewportSize(VIEWPORTS.tablet);
  }

  it("item 8: the scanner's state beside the printer and hub: connected, absent with why, reconnecting", async () => {
    const bench = new Bench(namedTask(imagesUrl));
    bench.scan('$PG:BADGE:W1');
    const page = await open(bench);
    const words = {
      ok: { 'zh-CN': '扫描枪: 已连接', en: 'Scanner: connected' },
      absent: { 'zh-CN': '扫描枪: 未连接 (/dev/ttyNOPE0: No such file or directory)', en: 'Scanner: not connected (/dev/ttyNOPE0: No such file or directory)' },
      fault: { 'zh-CN': '扫描枪: 重新连接中 (device lost; reopening)', en: 'Scanner: reconnecting (device lost; reopening)' },
    } as const;
    const states: Array<[keyof typeof words, DeviceStatus]> = [
      ['ok', { kind: 'serial', state: 'ok', detail: '/dev/ttyACM0 @9600' }],
      ['absent', { kind: 'serial', state: 'absent', detail: '/dev/ttyNOPE0: No such file or directory' }],
      ['fault', { kind: 'serial', state: 'fault', detail: 'device lost; reopening' }],
    ];
    for (const [state, status] of states) {
      bench.scanner = status;
      bench.screen!.refresh();
      await page.locator(`#scanner[data-state="${state}"]`).waitFor();
      await eachLanguageAndSize(page, `scanner-${state}`, async (where, lang) => {
        expect(await page.locator('#scanner').textContent(), where).toBe(words[state][lang]);
        const [scanner, printer, hub] = await Promise.all([box(page, '#scanner'), box(page, '#printer'), box(page, '#hub')]);
        // Beside the printer and the hub: in the same header, on its rows.
        const header = await box(page, 'header');
        for (const chip of [scanner, printer, hub]) expect(chip.top >= header.top && chip.bottom <= header.bottom, where).toBe(true);
        expect(await page.locator('#scanner').getAttribute('class'), where).toBe(state === 'ok' ? 'device ok' : 'device fault');
      });
    }
  }, 60_000);

  it('item 9: $PG:ASIDE opens a menu of reasons; a tap or a reason card puts the order aside with that reason, said in words', async () => {
    const bench = new Bench(namedTask(imagesUrl));
    bench.scan('$PG:BADGE:W1', '$PG:ORDER:880001', CODES.dressEan, '$PG:ASIDE');
    expect(bench.events.some((e) => e.type === 'pack.order_aside')).toBe(false);
    const page = await open(bench);
    await page.locator('#aside-menu').waitFor();
    await eachLanguageAndSize(page, 'aside-menu', async (where, lang) => {
      const reasons = await boxes(page, '#aside-reasons button');
      expect(reasons.map((reason) => reason.text.split('$PG:')[0]), where).toEqual(
        lang === 'en'
          ? ['Short pick缺货少拣', 'Damaged goods商品破损', 'Wrong goods picked拣错商品', 'Label problem面单问题', 'Other reason其他原因']
          : ['缺货少拣Short pick', '商品破损Damaged goods', '拣错商品Wrong goods picked', '面单问题Label problem', '其他原因Other reason'],
      );
      // Each button shows its card's code, and the two languages sit on separate lines.
      expect(await page.locator('#aside-reasons .card').allTextContents(), where).toEqual(['$PG:ASIDE:SHORT_PICK', '$PG:ASIDE:DAMAGED', '$PG:ASIDE:WRONG_PICK', '$PG:ASIDE:LABEL_PROBLEM', '$PG:ASIDE:OTHER']);
      const [reason, other] = await Promise.all([box(page, '#aside-reasons li:first-child .reason'), box(page, '#aside-reasons li:first-child .en')]);
      expect(other.top, where).toBeGreaterThanOrEqual(reason.bottom - 0.5);
      for (const [i, a] of reasons.entries()) for (const b of reasons.slice(i + 1)) expect(overlap(a, b), where).toBe(false);
      const width = page.viewportSize()!.width;
      for (const button of reasons) expect(button.right, where).toBeLessThanOrEqual(width);
      // A card's code stays inside its button (at 1024 px, $PG:ASIDE:LABEL_PROBLEM ran past the border).
      const codesInside = await page.locator('#aside-reasons button').evaluateAll((buttons) =>
        buttons.map((button) => {
          const card = button.querySelector('.card')!;
          return card.scrollWidth <= card.clientWidth && button.scrollWidth <= button.clientWidth;
        }),
      );
      expect(codesInside, where).toEqual([true, true, true, true, true]);
      const [title, back] = await Promise.all([box(page, '#aside-title'), box(page, '#aside-back')]);
      expect(overlap(title, back), where).toBe(false);
    });

    // Back closes the menu; the order stays.
    await page.click('#aside-back');
    await page.locator('#aside-menu').waitFor({ state: 'hidden' });
    expect(bench.session.order?.task.taskId).toBe('T17');
    // The screen's button opens it again; a tap on a reason puts the order aside with it.
    await page.click('#aside-open');
    await page.locator('#aside-menu').waitFor();
    await page.getByRole('button', { name: /商品破损/ }).click();
    await page.locator('#aside-menu').waitFor({ state: 'hidden' });
    expect(bench.events.filter((e) => e.type === 'pack.order_aside').map((e) => ('reason' in e ? { reason: e.reason } : {}))).toMatchObject([{ reason: 'damaged' }]);
    await page.locator('#notice', { hasText: '已搁置：商品破损' }).waitFor();
    await eachLanguageAndSize(page, 'aside-done', async (where) => {
      expect(await page.locator('#notice').textContent(), where).toMatch(/已搁置：商品破损\s*Put aside: damaged goods|Put aside: damaged goods\s*已搁置：商品破损/);
    });

    // A reason card needs no menu.
    bench.scan('$PG:ORDER:880001', '$PG:ASIDE:LABEL_PROBLEM');
    await page.locator('#notice', { hasText: '已搁置：面单问题' }).waitFor();
    expect(bench.events.filter((e) => e.type === 'pack.order_aside').map((e) => ('reason' in e ? { reason: e.reason } : {}))).toMatchObject([{ reason: 'damaged' }, { reason: 'label_problem' }]);
  }, 60_000);

  it('item 10: languages on separate lines, the total under the counts, green down to the bottom, a header of whole chips at 390 px', async () => {
    const bench = new Bench(namedTask(imagesUrl));
    bench.scan('$PG:BADGE:W1', '$PG:ORDER:880001', CODES.dressEan);
    // The label gate's "not every unit is verified" comes with the notice of a label asked too early.
    bench.input({ type: 'label_requested' });
    const page = await open(bench);
    await page.locator('#notice:not([hidden])').waitFor();
    await eachLanguageAndSize(page, 'packing', async (where) => {
      for (const selector of ['#notice', '#prompt']) {
        const [first, second] = await Promise.all([firstTextBox(page, selector), box(page, `${selector} .en`)]);
        expect(second.top, `${where}: ${selector}'s second language runs into the first`).toBeGreaterThanOrEqual(first.bottom - 0.5);
      }
      const [total, countHead, skuHead, firstCount] = await Promise.all([box(page, '#total'), box(page, '#count-head'), box(page, '#sku-head'), box(page, '#lines tr:first-child td.count')]);
      expect(Math.abs(total.left - countHead.left), where).toBeLessThan(1);
      expect(Math.abs(total.right - countHead.right), where).toBeLessThan(1);
      expect(total.left, where).toBeGreaterThanOrEqual(skuHead.right - 0.5);
      // Right-aligned like the counts above it.
      const totalText = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('total')!);
        const countRange = document.createRange();
        countRange.selectNodeContents(document.querySelector('#lines td.count')!);
        return { total: range.getBoundingClientRect().right, count: countRange.getBoundingClientRect().right };
      });
      expect(Math.abs(totalText.total - totalText.count), where).toBeLessThan(1);
      expect(firstCount.left, where).toBeGreaterThanOrEqual(skuHead.right - 0.5);
      const header = await box(page, 'header');
      // A phone's header: a few rows of whole chips, not a column of characters.
      expect(header.height, where).toBeLessThan(page.viewportSize()!.height / 3);
    });

    // Verified and printed: green to the bottom of the screen.
    bench.scan(CODES.dressEan, CODES.dressEan, CODES.dressEan, CODES.dressEan, CODES.dressEan, CODES.dressEan, earbuds('SN1'), earbuds('SN2'));
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    await page.locator('body.state-printed').waitFor();
    await eachLanguageAndSize(page, 'printed', async (where) => {
      const colours = await page.evaluate(() => {
        const paint = (x: number, y: number) => {
          for (let el: Element | null = document.elementFromPoint(x, y); el; el = el.parentElement) {
            const colour = getComputedStyle(el).backgroundColor;
            if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
          }
          return getComputedStyle(document.documentElement).backgroundColor;
        };
        const scrollBottom = document.documentElement.scrollHeight;
        window.scrollTo(0, scrollBottom);
        const atBottom = paint(window.innerWidth / 2, window.innerHeight - 3);
        const bottomLeft = paint(3, window.innerHeight - 3);
        window.scrollTo(0, 0);
        return { atBottom, bottomLeft, body: document.body.getBoundingClientRect().bottom, page: Math.max(window.innerHeight, scrollBottom) };
      });
      expect(colours.atBottom, where).toBe('rgb(216, 245, 216)');
      expect(colours.bottomLeft, where).toBe('rgb(216, 245, 216)');
      expect(colours.body, where).toBeGreaterThanOrEqual(colours.page - 1);
    });
  }, 90_000);

  it("item 11: each line names the item in both languages with its attributes and picture, in a bounded box, and a picture that fails gives way to 'no picture'", async () => {
    const bench = new Bench(namedTask(imagesUrl));
    bench.scan('$PG:BADGE:W1', '$PG:ORDER:880001', CODES.dressEan);
    const page = await open(bench);
    await page.locator('#lines tr').first().waitFor();
    await page.waitForFunction(() => document.querySelector('#lines img.item-image')?.complete && document.querySelector('#lines .item-image.missing'));
    expect(await page.evaluate(() => document.querySelector('#lines img.item-image').naturalWidth)).toBe(400);
    await eachLanguageAndSize(page, 'items', async (where, lang) => {
      const names = await page.locator('#lines tr:first-child .item-name').allTextContents();
      expect(names, where).toEqual(lang === 'en' ? ['Red dress, size M', '红色连衣裙 M 码'] : ['红色连衣裙 M 码', 'Red dress, size M']);
      expect(await page.locator('#lines tr:first-child .item-sku').textContent(), where).toBe('DRESS-2026-RED-M');
      expect(await page.locator('#lines tr:first-child .item-attrs').textContent(), where).toBe('Lumi · dress · color: red · size: M');
      expect(await page.locator('#lines tr:nth-child(2) .item-image.missing').textContent(), where).toBe(lang === 'en' ? 'no picture' : '无图片');
      for (const row of [1, 2]) {
        const [image, text, count] = await Promise.all([box(page, `#lines tr:nth-child(${row}) .item-image`), box(page, `#lines tr:nth-child(${row}) .item-text`), box(page, `#lines tr:nth-child(${row}) td.count`)]);
        const side = page.viewportSize()!.width > 600 ? 64 : 48;
        expect([image.width, image.height], where).toEqual([side, side]);
        expect(overlap(image, text), where).toBe(false);
        expect(overlap(text, count), where).toBe(false);
        expect(overlap(image, count), where).toBe(false);
      }
      // Names, SKU and attributes read as lines of words, never a column of characters.
      for (const part of await boxes(page, '#lines .item-text > *')) {
        expect(part.height, `${where}: "${part.text}" is ${part.height}px high`).toBeLessThanOrEqual(2 * 1.6 * part.fontSize);
        expect(part.width, `${where}: "${part.text}" is ${part.width}px wide`).toBeGreaterThanOrEqual(Math.min(part.text.length, 8) * 0.5 * part.fontSize);
      }
      const [first, second] = await Promise.all([box(page, '#lines tr:first-child .item-name:not(.en)'), box(page, '#lines tr:first-child .item-name.en')]);
      expect(second.top, where).toBeGreaterThanOrEqual(first.bottom - 0.5);
    });
  }, 60_000);
});
