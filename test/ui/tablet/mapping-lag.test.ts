import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, TestBrowser } from '../../helpers/browser.js';
import { run, seedShop } from '../../helpers/station.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-map-lag';

async function api<T>(hub: Hub, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.httpUrl}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe("tablet page: a station's mapping lag", () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("follows the hub's snapshot version: a pending mapping change puts a station 1 behind until its status reports the new version", async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, []);
    run(hub, { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'SOCK-01' });
    const token = await hub.createToken('Li Na', 'manager');
    const before = await api<{ version: number | null }>(hub, token, 'GET', '/mappings/stations');
    expect(before.version).not.toBeNull();
    const version = before.version!;
    expect((await api<{ hubMappingVersion: number | null }>(hub, token, 'GET', '/tablet/state')).hubMappingVersion).toBe(version);

    const station = await RawStation.connect(hub, SITE, 'PACK-05');
    cleanups.push(() => station.close());
    station.mappingVersion = version;
    await station.status({ scanner: { kind: 'serial', state: 'ok' } });

    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/mappings/stations')) asked.push(request.url());
    });
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Stations' }).click();
    const lag = page.locator('.station-card[data-station="PACK-05"] .mapping-lag');
    await expect.poll(() => lag.textContent()).toBe('Current');

    // Changing an existing row holds it for confirmation: the pending list moves, the catalog does not.
    const catalogVersion = hub.domainState.catalogVersion;
    const changed = await api<{ changed: boolean }>(hub, token, 'PUT', '/mappings', { channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'BOOK-01' });
    expect(changed.changed).toBe(true);
    expect(hub.domainState.catalogVersion).toBe(catalogVersion);
    expect((await api<{ version: number | null }>(hub, token, 'GET', '/mappings/stations')).version).toBe(version + 1);
    await expect.poll(() => lag.textContent()).toBe('1 behind');
    expect(await lag.getAttribute('class')).toContain('bad');

    // The mapping view shows the same figure from the same answer: no request of its own.
    const requests = asked.length;
    await page.getByRole('link', { name: 'Mapping' }).click();
    const lagging = page.locator('.lagging li[data-station="PACK-05"]');
    await expect.poll(() => lagging.textContent()).toBe(`PACK-05 Version ${version}, 1 behind`);
    expect(asked.length).toBe(requests);

    station.mappingVersion = version + 1;
    await station.status({ scanner: { kind: 'serial', state: 'ok' } });
    await lagging.waitFor({ state: 'detached' });
    await page.getByText(`Every station has the current mapping (version ${version + 1}).`).waitFor();
    await page.getByRole('link', { name: 'Stations' }).click();
    await expect.poll(() => lag.textContent()).toBe('Current');
  });
});
