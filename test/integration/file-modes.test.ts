import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { BARCODES, seedShop, until } from '../helpers/station.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simPrinter } from '../helpers/sim-printer.js';

/** Each entry of `dir` with its permission bits, e.g. `{'history.jsonl': '600'}`. */
/** Each file's mode under `dir`, a folder's entries by their path in it, so `camera/` is `700` and a file in it `600`. */
function modes(dir: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      const stat = statSync(path);
      const mode = (stat.mode & 0o777).toString(8);
      if (!stat.isDirectory()) return [[prefix + name, mode]];
      return [[`${prefix}${name}/`, mode], ...Object.entries(modes(path, `${prefix}${name}/`))];
    }),
  );
}

/** Issue #13, item 8: what the hub and a station write is theirs alone (POSIX modes; Windows goes by ACLs). */
describe.runIf(process.platform !== 'win32')('file modes of the data folders', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('creates every hub and station file 0600 in a 0700 folder, and closes a folder it finds open', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubDir = join(dir.path, 'hub');
    const stationDir = join(dir.path, 'S1');
    mkdirSync(stationDir, { mode: 0o755 });
    chmodSync(stationDir, 0o755);

    let closed = false;
    const hub = await Hub.start({ site: 'modes', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: hubDir });
    cleanups.push(() => (closed ? undefined : hub.close()));
    seedShop(hub, ['TB1']);
    await hub.createToken('admin', 'admin');
    const login = await hub.provisionStation('S1');
    const scanner = new SimulatedScanner();
    const station = await StationAgent.start({ printer: await simPrinter(), id: 'S1', site: 'modes', hubUrl: hub.mqttUrl, dataDir: stationDir, scanner, mqttPassword: login.password });
    cleanups.push(() => (closed ? undefined : station.close()));
    await until(station, () => station.connected && station.copy.versions().stops !== null, 'the hub lists');
    for (const code of ['$PG:BADGE:W01', '$PG:ORDER:TB1', BARCODES.dress]) scanner.scan(code);
    await station.drained();
    closed = true;
    await station.close();
    await hub.close();

    const hubFiles = modes(hubDir);
    expect(Object.keys(hubFiles)).toEqual(expect.arrayContaining(['hub-state.json', 'history.jsonl', 'history.jsonl.idx', 'domain.json', 'mapping-version.json']));
    const stationFiles = modes(stationDir);
    expect(Object.keys(stationFiles)).toEqual(expect.arrayContaining(['journal.jsonl', 'state.json', 'hub-copy.json', 'session.json.0', 'hub-tasks.jsonl']));
    for (const files of [hubFiles, stationFiles]) {
      expect(Object.entries(files).filter(([name, mode]) => mode !== (name.endsWith('/') ? '700' : '600'))).toEqual([]);
    }
    expect((statSync(hubDir).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(stationDir).mode & 0o777).toString(8)).toBe('700');
  });
});
