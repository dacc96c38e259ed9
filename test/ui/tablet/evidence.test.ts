import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { EvidenceClipBody, StationEvent } from '../../../protocol/index.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, shootBothLanguages, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, until } from '../../helpers/station.js';
import { StationRig } from '../../helpers/station-rig.js';

/*
 * The tablet's evidence view (issue #16) in Chromium, against a real hub and a station filming
 * the simulated camera with Debian's ffmpeg: the clip, fetched through the hub, reaches
 * `canplay` in the page's video element; the photo shows; a manager marks the waybill disputed.
 */

const SITE = 'ui-evidence';

/** The few DOM members read here (the test's tsconfig has no DOM library). */
interface Playable {
  readonly readyState: number;
  readonly duration: number;
  addEventListener(type: 'canplay', listener: () => void, options: { once: true }): void;
}

/** Resolves once the page's video element can play (readyState ≥ HAVE_FUTURE_DATA, or its `canplay`). */
function canPlay(page: Page): Promise<boolean> {
  return page.locator('.evidence-media video').evaluate(
    (video) => new Promise<boolean>((resolve) => ((video as unknown as Playable).readyState >= 3 ? resolve(true) : (video as unknown as Playable).addEventListener('canplay', () => resolve(true), { once: true }))),
  );
}

describe('tablet page: evidence view', () => {
  beforeAll(buildTabletOnce);

  it('finds a parcel by waybill: scans, label, photo, and its clip playing in the page; a manager marks it disputed', async () => {
    const rig = await StationRig.start({ site: SITE, shop: ['TB1621'], station: { camera: { kind: 'sim' }, evidence: { leadMs: 1000, tailMs: 500 } } });
    expect(await rig.agent.camera!.reached(Date.now() + 1000, 15_000)).toBe(true);
    const { agent, scanner } = rig;
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB1621');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    const clips = () => rig.tablet.records.flatMap((r) => (r.kind === 'event' && (r.event as unknown as StationEvent).body.type === 'evidence.clip' ? [(r.event as unknown as StationEvent).body as EvidenceClipBody] : []));
    await rig.tablet.until(() => clips().length === 1);

    const browser = await TestBrowser.launch();
    onTestFinished(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, rig.hub.httpUrl, rig.token);
    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByPlaceholder('Waybill').fill('sftb1621');
    await page.getByRole('button', { name: 'Find' }).click();

    const detail = page.locator('.evidence-detail[data-waybill="sftb1621"]');
    await detail.waitFor();
    await detail.locator('.evidence-media video').waitFor({ timeout: 15_000 });
    expect(await canPlay(page)).toBe(true);
    const duration = await page.locator('.evidence-media video').evaluate((video) => (video as unknown as Playable).duration);
    expect(duration).toBeGreaterThan(1);
    await detail.locator('.evidence-media img').waitFor();
    expect(await detail.locator('.evidence-media img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await detail.locator('.scans .scan').count()).toBe(3);
    expect(await detail.locator('.release').textContent()).toContain('Label printed');
    expect(await detail.locator('.hash').textContent()).toContain(clips()[0]!.video!.sha256);
    await shootBothLanguages(page, 'evidence');

    page.once('dialog', (dialog) => void dialog.accept('claim 88231'));
    await detail.getByRole('button', { name: 'Mark disputed' }).click();
    await detail.locator('.banner.disputed').waitFor();
    await until(agent, () => agent.evidence.stored()[0]?.pinned === true, 'the clip pinned at the station');
    expect(await detail.getByRole('button', { name: 'Close dispute' }).count()).toBe(1);
    await screenshotBothSizes(page, 'evidence-disputed-en');
  }, 90_000);

  it('says plainly when the station that filmed the parcel is offline', async () => {
    const rig = await StationRig.start({ site: SITE, shop: ['TB1622'], station: { camera: { kind: 'sim' }, evidence: { leadMs: 1000, tailMs: 500 } } });
    expect(await rig.agent.camera!.reached(Date.now() + 1000, 15_000)).toBe(true);
    const { agent, scanner } = rig;
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB1622');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    await rig.tablet.until(() => rig.tablet.records.some((r) => r.kind === 'event' && (r.event as unknown as StationEvent).body.type === 'evidence.clip'));
    await rig.stopStation();
    await rig.tablet.until(() => rig.hub.domainState.stations.P1?.state === 'offline');

    const browser = await TestBrowser.launch();
    onTestFinished(() => browser.close());
    const page = await browser.newPage({ locale: 'zh-CN' });
    await openTablet(page, rig.hub.httpUrl, rig.token);
    await page.getByRole('link', { name: '打包证据' }).click();
    await page.getByPlaceholder('运单号').fill('SFTB1622');
    await page.getByRole('button', { name: '查找' }).click();
    const offline = page.locator('.evidence-media .file-error[data-code="STATION_OFFLINE"]').first();
    await offline.waitFor({ timeout: 15_000 });
    expect(await offline.textContent()).toContain('工位离线');
    await screenshotBothSizes(page, 'evidence-offline-zh');
  }, 60_000);
});
