import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { STRINGS } from '../../../ui/tablet/src/strings.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, run, seedShop } from '../../helpers/station.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-lang';
const VIEWS = ['alerts', 'stations', 'orders', 'freezes', 'mapping', 'charts'] as const;

/** Every English text of the strings table that the Chinese table does not share, in pieces around its `{placeholders}`. */
function englishPieces(): string[] {
  const pieces = new Set<string>();
  const walk = (en: unknown, zh: unknown) => {
    if (typeof en === 'string') {
      if (en === zh) return;
      for (const piece of en.split(/\{\w+\}/)) if (/[A-Za-z]{2}/.test(piece) && piece.trim().length >= 3) pieces.add(piece.trim());
      return;
    }
    for (const [key, value] of Object.entries(en as Record<string, unknown>)) walk(value, (zh as Record<string, unknown>)[key]);
  };
  walk(STRINGS.en, STRINGS['zh-CN']);
  return [...pieces];
}

/** What a person sees of the page: its visible text and its input placeholders. */
async function visibleText(page: Page): Promise<string> {
  const placeholders = await page.locator('input').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('placeholder') ?? ''));
  return [await page.locator('body').innerText(), ...placeholders].join('\n');
}

describe('tablet page: languages', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('switches every visible string of every view to Chinese, and defaults to the browser language', async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1001', 'TB1002', 'TB1003']);
    run(
      hub,
      { type: 'setOnHand', sku: 'DRESS-RED-M', batch: 'B2026-11', warehouse: 'WH-HZ', quantity: 5 },
      { type: 'stopTask', orderId: 'taobao:TB1001', reason: 'address-change' },
      { type: 'createFreeze', orderId: 'taobao:TB1002' },
      // A mapping row changed: held for confirmation (the circuit breaker).
      { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'SOCK-01' },
      { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'BOOK-01' },
      // A Douyin code one zero short of a mapped one: held, with the near miss suggested.
      { type: 'setMapping', channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' },
      {
        type: 'createOrder',
        channel: 'douyin',
        orderNo: 'DY9001',
        waybill: 'YT9001',
        label: { name: '李四', phone: '13900001234', address: '广州市天河区体育西路 1 号' },
        lines: [{ channelSku: 'DY-BABY-SH-01', quantity: 1 }],
      },
    );
    const station = await RawStation.connect(hub, SITE, 'PACK-02');
    cleanups.push(() => station.close());
    await station.status({ scanner: { kind: 'serial', state: 'fault', detail: 'unplugged' }, printer: { kind: 'zpl', state: 'ok' } });
    const taskId = hub.domainState.orders['taobao:TB1003']!.taskId!;
    station.order = { taskId, orderId: 'taobao:TB1003', orderNo: 'TB1003', channel: 'taobao' };
    await station.pack('pack.order_loaded', { ref: { type: 'order', id: 'TB1003' }, source: 'hub', waybill: 'SFTB1003', lines: [] });
    await station.verdict('counted', 'DRESS-RED-M', BARCODES.dress);
    await station.verdict('wrong_item', 'SOCK-01', BARCODES.sock);
    const token = await hub.createToken('Li Na', 'manager');

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ locale: 'en-US' });
    await openTablet(page, hub.httpUrl, token);
    await page.locator('.alert-card[data-kind="station-block"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const english = englishPieces();
    expect(english.length).toBeGreaterThan(150);
    const shown = async (view: (typeof VIEWS)[number]) => {
      await page.locator(`a.tab[href="#/${view}"]`).click();
      await page.locator(`.view[data-view="${view}"]`).waitFor();
      if (view === 'orders') {
        await page.locator('input[name="order"]').fill('TB1003');
        await page.locator('form.lookup button').click();
        await page.locator('.timeline .entry[data-type="pack.verdict"]').first().waitFor();
      }
      if (view === 'stations') await page.locator('.station-card[data-station="PACK-02"] .device.fault').waitFor();
      if (view === 'freezes') await page.locator('.freeze-card').waitFor();
      if (view === 'mapping') {
        await page.locator('.mapping-card.unresolved[data-channel-sku="DY-BABY-SH-01"] .suggestion').waitFor();
        await page.locator('.mapping-card.pending[data-channel-sku="SOCK-TB-01"]').waitFor();
      }
    };

    for (const view of VIEWS) {
      await shown(view);
      const text = await visibleText(page);
      expect(english.filter((piece) => text.includes(piece)).length, `English on ${view}`).toBeGreaterThan(3);
      await screenshotBothSizes(page, `${view}-en`);
    }

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: 'English' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    for (const view of VIEWS) {
      await shown(view);
      const text = await visibleText(page);
      expect(english.filter((piece) => text.includes(piece)), `English left on ${view}`).toEqual([]);
      await screenshotBothSizes(page, `${view}-zh-CN`);
    }

    // A browser set to Chinese gets Chinese without a tap.
    const chinese = await browser.newPage({ locale: 'zh-CN' });
    await openTablet(chinese, hub.httpUrl, token);
    expect(await chinese.locator('.connection').textContent()).toBe('已连接');
  }, 60_000);
});
