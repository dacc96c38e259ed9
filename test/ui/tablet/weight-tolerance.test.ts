import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, shootBothLanguages, TestBrowser } from '../../helpers/browser.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe("tablet page: the site's weight tolerance and its changes (Mapping view, Alerts view)", () => {
  const dir = tempDir();
  let hub: Hub;
  let browser: TestBrowser;

  beforeAll(async () => {
    await buildTabletOnce();
    const start = (percent?: number) =>
      Hub.start({ site: 'ui-tolerance', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: dir.path, ...(percent === undefined ? {} : { weightTolerance: { grams: 20, percent } }) });
    // Day one on the default, then restarted loosened to 20 %.
    await (await start()).close();
    hub = await start(20);
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    dir.remove();
  });

  it('shows the one in force and each change, newest first, with the old and the new side by side and where it came from', async () => {
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, await hub.createToken('wall screen', 'viewer'));
    await page.getByRole('link', { name: 'Mapping' }).click();
    const inForce = page.locator('.tolerance-in-force');
    await inForce.waitFor();
    expect(await inForce.textContent()).toBe('In force: 20 g or 20 % of what the parcel should weigh, whichever is larger.');
    const cards = page.locator('.mapping-card.tolerance-change');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).locator('.before .value').textContent()).toBe('20 g / 3 %');
    expect(await cards.nth(0).locator('.after .value').textContent()).toBe('20 g / 20 %');
    expect(await cards.nth(0).locator('.since').textContent()).toMatch(/, by the hub's start-up options$/);
    expect(await cards.nth(1).locator('.before .value').textContent()).toBe('none recorded');
    expect(await cards.nth(1).locator('.after .value').textContent()).toBe('20 g / 3 %');
    await cards.nth(0).scrollIntoViewIfNeeded();
    await shootBothLanguages(page, 'weight-tolerance');
    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    expect(await inForce.textContent()).toBe('当前：20 g 或应重的 20 %，取较大者。');
    expect(await cards.nth(0).locator('.since').textContent()).toMatch(/，来自中心启动参数$/);
  });

  it('the loosening is a critical alert that sounds, says the old and the new in both languages, and a manager acknowledges it', async () => {
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, await hub.createToken('Li Na', 'manager'));
    const card = page.locator('.alert-card[data-kind="weight-tolerance-loosened"]');
    await card.waitFor();
    expect(await card.locator('.title').textContent()).toBe('Weight tolerance loosened');
    expect(await card.locator('.alert-detail').textContent()).toBe('Was 20 g / 3 %, now 20 g / 20 %: parcels further off their weight pass the check');
    expect(await card.getAttribute('class')).toContain('critical');
    // Raised at this hub's start, a moment ago: the page loaded it fresh, so it sounded.
    expect(await page.locator('body').getAttribute('data-alarms')).toBe('1');
    await shootBothLanguages(page, 'weight-tolerance-alert');
    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    expect(await card.locator('.title').textContent()).toBe('称重容差已放宽');
    expect(await card.locator('.alert-detail').textContent()).toBe('原为 20 g / 3 %，现为 20 g / 20 %：偏离应重更多的包裹也能通过称重检查');
    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="en"]').waitFor();

    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.getByText('Acknowledged by Li Na').waitFor();
    expect(hub.domainState.alerts.find((alert) => alert.kind === 'weight-tolerance-loosened')?.acknowledged).toMatchObject({ by: 'Li Na' });
  });
});
