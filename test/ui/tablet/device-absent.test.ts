import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, TestBrowser } from '../../helpers/browser.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-device-absent';

describe("tablet page: a station's missing scanner", () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows an absent scanner as not connected, with the reason the station gave', async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('Li Na', 'manager');
    const station = await RawStation.connect(hub, SITE, 'PACK-07');
    cleanups.push(() => station.close());
    const detail = '/dev/ttyNOPE0: Error: No such file or directory, cannot open /dev/ttyNOPE0';
    await station.status({ scanner: { kind: 'serial', state: 'absent', detail } });

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Stations' }).click();
    const scanner = page.locator('.station-card[data-station="PACK-07"] .device.absent');
    await expect.poll(() => scanner.textContent()).toBe(`Not connected · ${detail}`);
  });

  it("shows a station's scale only where it has one, with the reason it is not connected", async () => {
    const hub = await Hub.start({ site: `${SITE}-scale`, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('Li Na', 'manager');
    const weighing = await RawStation.connect(hub, `${SITE}-scale`, 'PACK-08');
    cleanups.push(() => weighing.close());
    const plain = await RawStation.connect(hub, `${SITE}-scale`, 'PACK-09');
    cleanups.push(() => plain.close());
    const detail = '/dev/ttyUSB3: Error: No such file or directory, cannot open /dev/ttyUSB3';
    await weighing.status({ scanner: { kind: 'sim', state: 'ok' }, scale: { kind: 'serial', state: 'absent', detail } });
    await plain.status({ scanner: { kind: 'sim', state: 'ok' } });

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${hub.httpUrl}/#token=${token}`);
    await page.locator('.connection.connected').waitFor();
    await page.getByRole('link', { name: 'Stations' }).click();
    const card = page.locator('.station-card[data-station="PACK-08"]');
    await expect.poll(() => card.locator('dt', { hasText: 'Scale' }).count()).toBe(1);
    await expect.poll(() => card.locator('.device.absent').textContent()).toBe(`Not connected · ${detail}`);
    await page.locator('.station-card[data-station="PACK-09"]').waitFor();
    expect(await page.locator('.station-card[data-station="PACK-09"] dt', { hasText: 'Scale' }).count()).toBe(0);
  });
});
