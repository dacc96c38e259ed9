import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabletOnce, openTablet, shootBothLanguages, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, until } from '../../helpers/station.js';
import { StationRig } from '../../helpers/station-rig.js';

/** The board's order line of station P1 in English and in Chinese (the header's switch, and back). */
async function orderLine(page: Page): Promise<{ en: string | null; zh: string | null }> {
  const line = page.locator('.station-card[data-station="P1"] .order');
  const en = await line.textContent();
  await page.locator('header.top button.lang').click();
  await page.locator('html[lang="zh-CN"]').waitFor();
  const zh = await line.textContent();
  await page.locator('header.top button.lang').click();
  await page.locator('html[lang="en"]').waitFor();
  return { en, zh };
}

describe('tablet page: the station board says what state the order at each bench is in', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    await buildTabletOnce();
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a real station packs an order: loaded, blocked, verified with its label printing, labelled until the next order, in both languages', async () => {
    const rig = await StationRig.start({ site: 'ui-board', shop: ['TB8001', 'TB8002'], tablet: false });
    const { agent, scanner } = rig;
    // Out of paper, the label waits at the printer: the board can be read while it prints.
    rig.printer.simulator.setConditions({ paperOut: true });

    const page = await browser.newPage();
    await openTablet(page, rig.hub.httpUrl, rig.token);
    await page.getByRole('link', { name: 'Stations' }).click();
    const line = page.locator('.station-card[data-station="P1"] .order');

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB8001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    await expect.poll(() => line.textContent()).toBe('taobao:TB8001 · Loaded');
    expect(await orderLine(page)).toEqual({ en: 'taobao:TB8001 · Loaded', zh: 'taobao:TB8001 · 已上台' });

    scanner.scan(BARCODES.sock);
    await expect.poll(() => line.textContent()).toBe('taobao:TB8001 · Blocked · Wrong item');
    expect(await orderLine(page)).toEqual({ en: 'taobao:TB8001 · Blocked · Wrong item', zh: 'taobao:TB8001 · 已拦截 · 商品错误' });
    expect(await line.getAttribute('class')).toBe('order bad');
    await shootBothLanguages(page, 'station-board-blocked');
    scanner.scan('$PG:RESOLVE');
    await expect.poll(() => line.textContent()).toBe('taobao:TB8001 · Loaded');

    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.driver.session.order?.parcels[0]?.label.status === 'requested', 'the label asked for');
    await expect.poll(() => line.textContent()).toBe('taobao:TB8001 · Verified · Label printing');
    expect(await orderLine(page)).toEqual({ en: 'taobao:TB8001 · Verified · Label printing', zh: 'taobao:TB8001 · 已核验 · 面单打印中' });
    await shootBothLanguages(page, 'station-board-printing');

    rig.printer.simulator.setConditions({ paperOut: false });
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label printed');
    await expect.poll(() => line.textContent()).toBe('taobao:TB8001 · Labelled');
    expect(await orderLine(page)).toEqual({ en: 'taobao:TB8001 · Labelled', zh: 'taobao:TB8001 · 已打面单' });
    expect(await line.getAttribute('class')).toBe('order');
    // The printer's recovery arrives with the station's next status: the picture shows both.
    await expect.poll(() => page.locator('.station-card[data-station="P1"] dd.device.ok').count()).toBe(2);
    await shootBothLanguages(page, 'station-board-labelled');

    // After a reload the state comes from the hub's tally, and it is the same.
    await page.reload();
    await page.locator('.connection.connected').waitFor();
    await expect.poll(() => line.textContent()).toBe('taobao:TB8001 · Labelled');

    // The next order at the bench replaces it.
    scanner.scan('$PG:ORDER:TB8002');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the next order');
    await expect.poll(() => line.textContent()).toBe('taobao:TB8002 · Loaded');
  });
});
