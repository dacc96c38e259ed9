import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import type { EvidenceClipBody } from '../../../protocol/index.js';
import { buildTabletOnce, openTablet, shootBothLanguages, TestBrowser } from '../../helpers/browser.js';
import { hubFetch } from '../../helpers/hub-http.js';
import { seedShop } from '../../helpers/station.js';
import { RawStation } from './raw-station.js';

/*
 * The evidence view for a token that does not see customers: the clip, photo and export show the
 * shipping label and the hub refuses them to a viewer or a dock, so the page offers none of them
 * (and asks for none) and says why; the record (status, span, hashes, scans) stays. A manager is
 * offered all three. The clip's record comes from a station speaking the protocol; no file is
 * needed to see what is offered.
 */

const SITE = 'ui-evidence-access';
const SHA = { video: 'a'.repeat(64), photo: 'b'.repeat(64) };

function clipRecord(): EvidenceClipBody {
  const at = Date.now();
  return {
    type: 'evidence.clip',
    clipId: 'P1-access-1',
    station: 'P1',
    taskId: 'T1',
    orderNo: 'TB1',
    waybills: ['SFTB1'],
    packer: 'W07',
    status: 'complete',
    reason: null,
    detail: null,
    ending: 'printed',
    from: new Date(at - 60_000).toISOString(),
    to: new Date(at).toISOString(),
    durationMs: 60_000,
    video: { path: 'camera/clips/2026-12-06/P1-access-1.mp4', bytes: 391_204, sha256: SHA.video },
    photo: { path: 'camera/clips/2026-12-06/P1-access-1.jpg', bytes: 11_723, sha256: SHA.photo },
    gaps: [],
    overlay: 'mov_text',
  };
}

/** The evidence files the page asks the hub for, from now on. */
function mediaRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/v1\/evidence\/[^/?]+\/(clip|photo|export)/.test(request.url())) urls.push(request.url());
  });
  return urls;
}

async function findWaybill(page: Page, link: string, placeholder: string, find: string): Promise<void> {
  await page.getByRole('link', { name: link }).click();
  await page.getByPlaceholder(placeholder).fill('SFTB1');
  await page.getByRole('button', { name: find }).click();
  await page.locator('.evidence-detail[data-waybill="SFTB1"] .clip-facts').waitFor();
}

describe('tablet page: evidence for roles that do not see customers', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('offers a viewer and a dock no clip, photo or export and says why; a manager gets all three', async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1']);
    const manager = await hub.createToken('Li Na', 'manager');
    const station = await RawStation.connect(hub, SITE, 'P1');
    cleanups.push(() => station.close());
    await station.event(clipRecord());
    const clips = async () => ((await (await hubFetch(hub.httpUrl, manager, 'GET', '/evidence?waybill=SFTB1')).json()) as { clips: unknown[] }).clips.length;
    await expect.poll(clips).toBe(1);

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());

    const wall = await browser.newPage();
    const wallAsked = mediaRequests(wall);
    await openTablet(wall, hub.httpUrl, await hub.createToken('wall', 'viewer'));
    await findWaybill(wall, 'Evidence', 'Waybill', 'Find');
    const detail = wall.locator('.evidence-detail');
    expect(await detail.locator('.media-withheld').textContent()).toContain("does not see customers");
    expect(await detail.locator('.hash').textContent()).toContain(SHA.video);
    expect(await detail.locator('.clip-facts').textContent()).toContain('Complete');
    expect(await detail.locator('video, img, .loading, .file-error').count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Download evidence (zip)' }).count()).toBe(0);
    await shootBothLanguages(wall, 'evidence-viewer');
    expect(wallAsked).toEqual([]);

    const desk = await browser.newPage({ locale: 'zh-CN' });
    const deskAsked = mediaRequests(desk);
    await openTablet(desk, hub.httpUrl, await hub.createToken('dock desk', 'dock'));
    await findWaybill(desk, '打包证据', '运单号', '查找');
    expect(await desk.locator('.evidence-detail .media-withheld').textContent()).toContain('不能查看顾客信息');
    expect(await desk.locator('.evidence-detail video, .evidence-detail img').count()).toBe(0);
    expect(await desk.getByRole('button', { name: '下载证据包（zip）' }).count()).toBe(0);
    expect(deskAsked).toEqual([]);

    const floor = await browser.newPage();
    const floorAsked = mediaRequests(floor);
    await openTablet(floor, hub.httpUrl, manager);
    await findWaybill(floor, 'Evidence', 'Waybill', 'Find');
    await floor.getByRole('button', { name: 'Download evidence (zip)' }).waitFor();
    expect(await floor.locator('.evidence-detail .media-withheld').count()).toBe(0);
    await expect.poll(() => floorAsked.map((url) => new URL(url).pathname).sort()).toEqual(['/api/v1/evidence/SFTB1/clip', '/api/v1/evidence/SFTB1/photo']);
  });
});
