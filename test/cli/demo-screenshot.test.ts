import { copyFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DemoShiftRun } from '../../cli/commands/demo-run.js';
import { buildTabletOnce, screenshotBothSizes, TestBrowser } from '../helpers/browser.js';

describe('the demo shift on the tablet page, in a real browser', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows an alert card for each staged incident (the README screenshot)', async () => {
    const demo = await DemoShiftRun.start({ port: 0, mqttPort: 0, intervalMs: 100, say: () => undefined });
    cleanups.push(() => demo.close());
    const allStaged = new Promise<void>((resolve) => {
      let count = 0;
      demo.stager.onStaged(() => (count += 1) === demo.schedule.length && resolve());
    });
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${demo.hub.httpUrl}/#token=${demo.token}`);
    await page.locator('.connection.connected').waitFor();
    demo.begin();
    await allStaged;

    for (const kind of ['freeze-created', 'mapping-pending', 'station-fault']) {
      await page.locator(`.alert-card[data-kind="${kind}"]`).first().waitFor();
    }
    // The scanner plugged back closes its fault: no second alert.
    await page.locator('.alert-card.closed[data-kind="station-fault"]').first().waitFor();
    expect(await page.locator('.alert-card[data-kind="station-fault"]').count()).toBeGreaterThanOrEqual(2);
    const [tablet] = await screenshotBothSizes(page, 'demo-shift');
    // DEMO_SCREENSHOT=1 also refreshes the README's picture from this run.
    if (process.env.DEMO_SCREENSHOT === '1') copyFileSync(tablet!, new URL('../../docs/img/tablet-demo.png', import.meta.url));
  }, 40_000);
});
