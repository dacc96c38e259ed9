import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../common/data-lock.js';
import { Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { freePort } from '../helpers/free-port.js';
import { hubFetch } from '../helpers/hub-http.js';
import { seedShop } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simPrinter } from '../helpers/sim-printer.js';

const SITE = 'ops';

/** A lock file as a hub or agent on another machine leaves it (a folder copied while it ran there). */
function plantForeignLock(dir: string, owner: string): void {
  const holder = { v: 1, owner, pid: 4242, host: 'old-pc', startedAt: '2026-01-01T00:00:00.000Z', nonce: 'old' };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
}

/** The procedures of docs/operations.md, as far as they hold today (issue #13). */
describe('operations procedures', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Runs `close` once: in the test, or after it if the test failed first. */
  const closeOnce = (close: () => Promise<void>) => {
    let done: Promise<void> | undefined;
    const once = () => (done ??= close());
    cleanups.push(once);
    return once;
  };

  async function scanAll(scanner: SimulatedScanner, station: StationAgent, codes: readonly string[]): Promise<void> {
    for (const code of codes) scanner.scan(code);
    await station.drained();
  }

  it('backs up a running hub, and restores it in another folder (machine): logins, tokens and history come along', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const mqttPort = await freePort();
    const start = (data: string) => Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort, dataDir: data });
    const hub = await start(join(dir.path, 'hub'));
    const stopHub = closeOnce(() => hub.close());
    seedShop(hub, ['TB1']);
    const token = await hub.createToken('floor', 'manager');
    const login = await hub.provisionStation('S1');
    const scanner = new SimulatedScanner();
    const station = await StationAgent.start({ printer: await simPrinter(), id: 'S1', site: SITE, hubUrl: hub.mqttUrl, dataDir: join(dir.path, 'S1'), scanner, mqttPassword: login.password });
    closeOnce(() => station.close());
    await scanAll(scanner, station, ['A-1', 'A-2', 'A-3']);

    // The backup of a running hub: hub-state.json first, then history.jsonl.
    const backup = join(dir.path, 'backup');
    mkdirSync(backup);
    for (const file of ['hub-state.json', 'history.jsonl']) copyFileSync(join(dir.path, 'hub', file), join(backup, file));
    const lastSeq = hub.health().lastSeq;
    await stopHub();

    // Restored on the new machine; a lock copied along from the old one is refused, naming it.
    const restored = join(dir.path, 'new-hub');
    cpSync(backup, restored, { recursive: true });
    plantForeignLock(restored, 'hub');
    await expect(start(restored)).rejects.toMatchObject({ code: 'DATA_LOCKED', message: expect.stringContaining('host old-pc') });
    rmSync(join(restored, LOCK_FILE));
    const moved = await start(restored);
    closeOnce(() => moved.close());
    expect(moved.health().lastSeq).toBe(lastSeq);
    expect((await hubFetch(moved.httpUrl, token, 'GET', '/orders/taobao:TB1')).status).toBe(200);

    // The station comes back with its own login and goes on where it was.
    await scanAll(scanner, station, ['A-4', 'A-5']);
    const tablet = new TabletClient(moved.httpUrl, token);
    await tablet.connect();
    cleanups.push(() => tablet.close());
    await tablet.until(() => tablet.scans().length >= 5);
    expect(tablet.scans()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(moved.health().ingest.rejected).toEqual({});
  });

  it('replaces a station PC with its data folder copied over: the journal goes on and the hub takes every event', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    closeOnce(() => hub.close());
    const login = await hub.provisionStation('S1');
    const options = async (dataDir: string, scanner: SimulatedScanner) => ({ printer: await simPrinter(), id: 'S1', site: SITE, hubUrl: hub.mqttUrl, dataDir, scanner, mqttPassword: login.password });

    const oldScanner = new SimulatedScanner();
    const oldPc = await StationAgent.start(await options(join(dir.path, 'old-pc'), oldScanner));
    const stopOld = closeOnce(() => oldPc.close());
    await scanAll(oldScanner, oldPc, ['B-1', 'B-2', 'B-3']);
    await stopOld();

    const newDir = join(dir.path, 'new-pc');
    cpSync(join(dir.path, 'old-pc'), newDir, { recursive: true });
    plantForeignLock(newDir, 'station S1');
    const newScanner = new SimulatedScanner();
    await expect(StationAgent.start(await options(newDir, newScanner))).rejects.toMatchObject({ code: 'DATA_LOCKED', message: expect.stringContaining('host old-pc') });
    rmSync(join(newDir, LOCK_FILE));
    const newPc = await StationAgent.start(await options(newDir, newScanner));
    closeOnce(() => newPc.close());
    expect(newPc.lastSeq).toBe(oldPc.lastSeq);
    await scanAll(newScanner, newPc, ['B-4', 'B-5']);

    const tablet = new TabletClient(hub.httpUrl, await hub.createToken('floor', 'manager'));
    await tablet.connect();
    cleanups.push(() => tablet.close());
    await tablet.until(() => tablet.scans().length >= 5);
    expect(tablet.scans()).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
    expect(hub.health().ingest.rejected).toEqual({});
  });
});
