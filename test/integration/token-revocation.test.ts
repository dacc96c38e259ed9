import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/run.js';
import { Hub } from '../../hub/hub.js';
import { FeedClose } from '../../hub/push/ws-route.js';
import { hubFetch } from '../helpers/hub-http.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';
import { captureConsole } from '../helpers/console-lines.js';

/** Issue #13, item 8: a token that is withdrawn stops streaming at once, over a real WebSocket. */
describe('tablet feeds of a revoked or expired token', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  const { out } = captureConsole();
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startHub(): Promise<{ hub: Hub; data: string }> {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'hub');
    const hub = await Hub.start({ site: 'rev', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: data });
    cleanups.push(() => hub.close());
    return { hub, data };
  }

  async function tablet(hub: Hub, token: string): Promise<TabletClient> {
    const client = new TabletClient(hub.httpUrl, token);
    // The hub takes a token made from the command line at its next look at the state file.
    await vi.waitFor(() => client.connect(), { timeout: 5000, interval: 100 });
    cleanups.push(() => client.close());
    return client;
  }

  it('closes, within a second, every feed opened with a token revoked from the command line, and only those', async () => {
    const { hub, data } = await startHub();
    expect(await runCli(['hub', 'token', 'create', '--role', 'viewer', '--name', 'wall', '--data', data])).toBe(0);
    const revoked = out.pop()!;
    const manager = await hub.createToken('floor', 'manager');
    const wall = await tablet(hub, revoked);
    const wallAgain = await tablet(hub, revoked);
    const floor = await tablet(hub, manager);

    expect(await runCli(['hub', 'token', 'list', '--data', data])).toBe(0);
    const id = out.find((line) => line.includes('\twall\t'))!.split('\t')[0]!;
    const revokedAt = Date.now();
    expect(await runCli(['hub', 'token', 'revoke', '--id', id, '--data', data])).toBe(0);
    await Promise.all([wall.closed(), wallAgain.closed()]);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect([wall.closeCode, wallAgain.closeCode]).toEqual([FeedClose.Unauthorized, FeedClose.Unauthorized]);

    // A record stored now reaches the manager's feed alone.
    hub.execute({ type: 'setCatalogItem', masterSku: 'SOCK-01', barcodes: [{ code: '5901234123457', multiplier: 1 }] }, { now: new Date(), actor: { kind: 'system', id: 'test' } });
    const catalogSet = (r: (typeof wall.records)[number]) => r.kind === 'domain' && r.command.type === 'setCatalogItem';
    await floor.until((records) => records.some(catalogSet));
    expect(wall.records.some(catalogSet)).toBe(false);
    expect(floor.closeCode).toBeUndefined();
    expect((await hubFetch(hub.httpUrl, revoked, 'GET', '/stations')).status).toBe(401);
  });

  it('closes the feed of a token when it expires, and refuses the token from then on', async () => {
    const { hub } = await startHub();
    const expiresAt = new Date(Date.now() + 1500);
    const token = await hub.createToken('temp', 'viewer', expiresAt);
    const client = await tablet(hub, token);
    expect((await hubFetch(hub.httpUrl, token, 'GET', '/stations')).status).toBe(200);

    await client.closed();
    expect(client.closeCode).toBe(FeedClose.Unauthorized);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
    expect(Date.now() - expiresAt.getTime()).toBeLessThan(1000);
    expect((await hubFetch(hub.httpUrl, token, 'GET', '/stations')).status).toBe(401);
    await expect(new TabletClient(hub.httpUrl, token).connect()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('creates an expiring token from the command line and lists its expiry', async () => {
    const { data } = await startHub();
    expect(await runCli(['hub', 'token', 'create', '--role', 'viewer', '--expires-in', '8h', '--data', data])).toBe(0);
    expect(await runCli(['hub', 'token', 'list', '--data', data])).toBe(0);
    const expires = Date.parse(out.at(-1)!.split('\t')[4]!);
    expect(Math.abs(expires - (Date.now() + 8 * 3_600_000))).toBeLessThan(60_000);
    expect(await runCli(['hub', 'token', 'create', '--role', 'viewer', '--expires-in', 'soon', '--data', data])).toBe(2);
  });
});
