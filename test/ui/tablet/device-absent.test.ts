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
});
