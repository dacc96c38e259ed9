import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SimulatedScale } from '../../../firmware-sim/scale/in-process.js';
import type { DomainCommand } from '../../../hub/domain/index.js';
import { buildTabletOnce, openTablet, shootBothLanguages, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, until } from '../../helpers/station.js';
import { StationRig } from '../../helpers/station-rig.js';

/*
 * The evidence view's weight line in Chromium, against a real hub and a station with a simulated
 * scale: the parcel's weight, what it should weigh, and the weight margin the station held it to
 * (the site's 10 g / 1 %: ±11 g on 1100 g), in both languages.
 */

/** A 400 g dress and 200 g baby shoes: TB5001 (2 dresses, 1 pair) in a 100 g box should weigh 1100 g. */
const WEIGHTS: readonly DomainCommand[] = [
  { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: BARCODES.dress, multiplier: 1 }], unitWeightGrams: 400 },
  { type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BARCODES.baby, multiplier: 1 }], unitWeightGrams: 200 },
];

describe('tablet page: evidence view, the weight margin', () => {
  beforeAll(buildTabletOnce);

  it("shows the parcel's weight with what it should weigh and the margin it was held to", async () => {
    const scale = new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });
    const rig = await StationRig.start({
      site: 'ui-evidence-weight',
      shop: ['TB5001'],
      seed: WEIGHTS,
      hub: { weightTolerance: { grams: 10, percent: 1 } },
      station: { scale, policy: { requireWeighing: true, boxWeightGrams: 100 } },
    });
    const { agent, scanner } = rig;
    await until(agent, () => agent.copy.weightTolerance.grams === 10, "the site's tolerance");
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB5001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.view().label?.gate === 'awaiting_weight', 'the gate waiting for a weight');
    scale.place(1105);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    await agent.drained();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));

    const browser = await TestBrowser.launch();
    onTestFinished(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, rig.hub.httpUrl, rig.token);
    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByPlaceholder('Waybill').fill('sftb5001');
    await page.getByRole('button', { name: 'Find' }).click();
    const weight = page.locator('.evidence-detail[data-waybill="sftb5001"] dd.weight');
    await weight.waitFor();
    expect(await weight.textContent()).toBe('1,105 g (expected 1,100 g ± 11 g) · within the margin');
    await shootBothLanguages(page, 'evidence-weight');
    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    expect(await weight.textContent()).toBe('1,105 g（应重 1,100 g ± 11 g） · 在允差内');
  }, 60_000);
});
