import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedScale } from '../../../firmware-sim/scale/in-process.js';
import type { DomainCommand } from '../../../hub/domain/index.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, until } from '../../helpers/station.js';
import { StationRig } from '../../helpers/station-rig.js';

/** A 400 g dress and 200 g baby shoes: the shop order (2 dresses, 1 pair) in a 100 g box should weigh 1100 g. */
const WEIGHTS: readonly DomainCommand[] = [
  { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: BARCODES.dress, multiplier: 1 }], unitWeightGrams: 400 },
  { type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BARCODES.baby, multiplier: 1 }], unitWeightGrams: 200 },
];

/** The weight figures the charts view shows: this hour's, and each station's over the last 12 hours. */
async function weightFigures(page: Page): Promise<{ thisHour: string | null; byStation: Array<[string | null, string | null]> }> {
  const thisHour = page.locator('.weight-this-hour');
  await thisHour.waitFor();
  const byStation = await page.locator('.weight-by-station li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-station'), item.getAttribute('data-count')] as [string | null, string | null]));
  return { thisHour: await thisHour.getAttribute('data-weight-mismatches'), byStation };
}

describe('tablet page: weight mismatches on the charts (issue #15)', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    await buildTabletOnce();
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a parcel a dress short at a real station is counted on the chart and on its station card, in both languages, and still after a reload', async () => {
    const scale = new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });
    const rig = await StationRig.start({ site: 'ui-weight', shop: ['TB5001'], seed: WEIGHTS, tablet: false, station: { scale, policy: { requireWeighing: true, boxWeightGrams: 100 } } });
    const { agent, scanner } = rig;

    const page = await browser.newPage();
    await openTablet(page, rig.hub.httpUrl, rig.token);
    await page.getByRole('link', { name: 'Charts' }).click();
    expect(await weightFigures(page)).toEqual({ thisHour: '0', byStation: [] });
    expect(await page.locator('.weight-chart .empty').textContent()).toBe('No parcel was blocked for its weight in the last 12 hours.');

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB5001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.view().label?.gate === 'awaiting_weight', 'the gate waiting for a weight');
    scale.place(700);
    await until(agent, () => agent.driver.session.block?.reason === 'weight_mismatch', 'the weight block');
    await agent.drained();

    // Live, from the feed.
    await expect.poll(async () => (await weightFigures(page)).thisHour).toBe('1');
    expect((await weightFigures(page)).byStation).toEqual([['P1', '1']]);
    expect(await page.locator('.weight-this-hour').textContent()).toBe('Blocked for their weight this hour: 1');

    // After a reload, from the hub's tally in the tablet state.
    await page.reload();
    await page.locator('.connection.connected').waitFor();
    expect(await weightFigures(page)).toEqual({ thisHour: '1', byStation: [['P1', '1']] });
    await page.getByRole('link', { name: 'Stations' }).click();
    expect(await page.locator('.station-card[data-station="P1"] .weight-hour').textContent()).toBe('1');
    await page.getByRole('link', { name: 'Charts' }).click();
    await page.locator('.weight-chart').scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, 'weight-charts-en');

    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    expect(await page.locator('.weight-chart h2').textContent()).toBe('每小时重量不符');
    expect(await page.locator('.weight-this-hour').textContent()).toBe('本小时：1 个包裹因重量不符被拦截');
    await screenshotBothSizes(page, 'weight-charts-zh');
  });
});
