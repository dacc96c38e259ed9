import { copyFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/run.js';
import { Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { CliProcess } from '../helpers/cli-process.js';
import { freePort } from '../helpers/free-port.js';
import { hubFetch } from '../helpers/hub-http.js';
import { seedShop } from '../helpers/station.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simPrinter } from '../helpers/sim-printer.js';

const halve = (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2));

/** Issue #13, item 4: a damaged cache is rebuilt; damaged or missing logins are refused, never silently replaced. */
describe('damaged or missing state files', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A hub folder with a catalog, orders and an admin token, closed cleanly. */
  async function seededHub(): Promise<{ data: string; token: string }> {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'hub');
    const hub = await Hub.start({ site: 'dmg', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: data });
    seedShop(hub, ['TB1', 'TB2', 'TB3']);
    const token = await hub.createToken('admin', 'admin');
    await hub.close();
    return { data, token };
  }

  it('rebuilds a truncated domain.json from the history', async () => {
    const { data } = await seededHub();
    halve(join(data, 'domain.json'));
    expect(() => JSON.parse(readFileSync(join(data, 'domain.json'), 'utf8'))).toThrow(SyntaxError);

    const hub = await Hub.start({ site: 'dmg', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: data });
    cleanups.push(() => hub.close());
    expect(Object.keys(hub.domainState.orders).sort()).toEqual(['taobao:TB1', 'taobao:TB2', 'taobao:TB3']);
    expect(Object.keys(hub.domainState.catalog)).toHaveLength(4);
    await hub.close();
    expect(JSON.parse(readFileSync(join(data, 'domain.json'), 'utf8')).state.orders['taobao:TB2'].waybill).toBe('SFTB2');
  });

  it('refuses a missing or truncated hub-state.json beside a history, and starts with every login once it is restored', { timeout: 60_000 }, async () => {
    const { data, token } = await seededHub();
    const state = join(data, 'hub-state.json');
    const backup = `${state}.backup`;
    copyFileSync(state, backup);
    const start = () => Hub.start({ site: 'dmg', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: data });

    rmSync(state);
    const missing = new CliProcess(['hub', '--site', 'dmg', '--port', '0', '--mqtt-port', '0', '--data', data]);
    cleanups.push(() => missing.stop('SIGKILL'));
    // The exit code, or 'started' if the hub came up with a fresh admin token (what it must not do).
    const outcome = await Promise.race([missing.exited, missing.waitForOutput(/Tablet page:/).then(() => 'started', () => missing.exited)]);
    expect(outcome).toBe(1);
    expect(missing.stderr).toContain('[HUB_STATE_MISSING]');
    expect(missing.stderr).toContain(state);
    expect(missing.stderr).toContain('restore it from the backup');
    expect(missing.stdout).not.toContain('Admin token');
    await expect(start()).rejects.toMatchObject({ code: 'HUB_STATE_MISSING' });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runCli(['hub', 'station', 'add', '--id', 'S9', '--data', data])).toBe(1);
    expect(errors.mock.calls.flat().join('\n')).toContain('[HUB_STATE_MISSING]');
    expect(existsSync(state)).toBe(false);

    copyFileSync(backup, state);
    halve(state);
    await expect(start()).rejects.toMatchObject({ code: 'HUB_STATE_DAMAGED', message: expect.stringContaining(state) });
    writeFileSync(state, '');
    await expect(start()).rejects.toMatchObject({ code: 'HUB_STATE_DAMAGED' });
    writeFileSync(state, '[]');
    await expect(start()).rejects.toMatchObject({ code: 'HUB_STATE_DAMAGED' });

    copyFileSync(backup, state);
    const restored = await start();
    cleanups.push(() => restored.close());
    expect(restored.hasTokens()).toBe(true);
    const order = await hubFetch(restored.httpUrl, token, 'GET', '/orders/taobao:TB3');
    expect(order.status).toBe(200);
    expect(((await order.json()) as { order: { waybill: string } }).order.waybill).toBe('SFTB3');
  });

  it('starts a station agent whose state and hub copy were torn, resending its journal under a newer birth', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'S1');
    const options = { id: 'S1', site: 'dmg', hubUrl: `mqtt://127.0.0.1:${await freePort()}`, dataDir: data };
    const scanner = new SimulatedScanner();
    const first = await StationAgent.start({ printer: await simPrinter(), ...options, scanner });
    scanner.scan('$PG:BADGE:W01');
    const bdSeq = first.status().bdSeq;
    await first.close();
    halve(join(data, 'state.json'));
    writeFileSync(join(data, 'hub-copy.json'), '{"v":1,"stops":');

    const again = await StationAgent.start({ printer: await simPrinter(), ...options, scanner: new SimulatedScanner() });
    cleanups.push(() => again.close());
    expect(again.status().bdSeq).toBeGreaterThan(bdSeq);
    expect(again.outbox.ackedSeq).toBe(0);
    expect(again.outbox.size).toBe(again.lastSeq);
    expect(again.lastSeq).toBeGreaterThan(0);
  });
});
