import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../../common/random.js';
import { Hub } from '../../hub/hub.js';
import type { StationEvent } from '../../protocol/index.js';
import { CliProcess } from '../helpers/cli-process.js';
import { BARCODES, seedShop } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';

const SITE = 'kill9';
const SCANS = 200;
const KILLS = 5;
/** A failing run is repeated with its seed. */
const SEED = Number(process.env.PACKGATE_FUZZ_SEED ?? 20261122);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `items` appear in `sequence` in order (each used once). */
function isSubsequence(items: readonly string[], sequence: readonly string[]): boolean {
  let at = 0;
  for (const item of items) {
    while (at < sequence.length && sequence[at] !== item) at += 1;
    if (at === sequence.length) return false;
    at += 1;
  }
  return true;
}

describe('station agent killed with SIGKILL at random points', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(`loses and doubles no event over ${SCANS} scans and ${KILLS} kills (seed ${SEED})`, async () => {
    const next = seededRandom(SEED);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const orders = Array.from({ length: 50 }, (_, i) => `TB6${String(i).padStart(3, '0')}`);
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: join(dir.path, 'hub') });
    cleanups.push(() => hub.close());
    seedShop(hub, orders);
    const login = await hub.provisionStation('K1');
    const passwordFile = join(dir.path, 'k1.pass');
    writeFileSync(passwordFile, `${login.password}\n`);
    const labels = join(dir.path, 'labels.zpl');
    const stationDir = join(dir.path, 'K1');
    const args = ['station', '--id', 'K1', '--site', SITE, '--hub', hub.mqttUrl, '--scanner', 'stdin', '--printer', `file:${labels}`];
    const spawnStation = () => {
      const child = new CliProcess([...args, '--data', stationDir, '--http-port', '0', '--mqtt-password-file', passwordFile]);
      child.child.stdin.on('error', () => undefined); // writes racing the kill
      cleanups.push(() => child.stop('SIGKILL'));
      return child;
    };

    // Each order ends with RESOLVE: refused when nothing is blocked, it clears the over-quantity
    // block a lost order label causes, so one kill does not stall the rest of the run.
    const scans = ['$PG:BADGE:W07', ...orders.flatMap((order) => [`$PG:ORDER:${order}`, BARCODES.dress, BARCODES.baby, BARCODES.dress, '$PG:RESOLVE'])].slice(0, SCANS);
    const killAfter = new Set<number>();
    while (killAfter.size < KILLS) killAfter.add(10 + randomInt(next, SCANS - 20));

    let station = spawnStation();
    await station.waitForOutput(/Station K1 running/);
    let kills = 0;
    for (const [i, scan] of scans.entries()) {
      station.child.stdin.write(`${scan}\n`);
      // A packer's pace, quickened: the agent is mid-scan, mid-send or idle when the kill lands.
      // After an order's label, the hub's answer comes first, as a packer waits for the screen:
      // units scanned before it are refused, and a loaded machine would otherwise finish no order.
      await pause(scan.startsWith('$PG:ORDER:') ? 250 : randomInt(next, 20));
      if (!killAfter.has(i)) continue;
      station.child.kill('SIGKILL');
      expect(await station.exited).toBeNull();
      kills += 1;
      station = spawnStation();
      // Scans written while it starts would wait in the pipe; the next kill could take them along.
      await station.waitForOutput(/Station K1 running/);
    }
    expect(kills).toBe(KILLS);

    // Every event the station journaled reaches the hub: wait for its whole journal, then stop it.
    const journal = () =>
      readFileSync(join(stationDir, 'journal.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as StationEvent);
    const tablet = new TabletClient(hub.httpUrl, await hub.createToken('test', 'manager'));
    await tablet.connect();
    cleanups.push(() => tablet.close());
    const stored = () => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
    await station.waitForOutput(/Station K1 running/);
    // Refused payloads count too, so that a refusal fails the test below instead of stalling it.
    const settled = () => tablet.records.filter((r) => r.kind === 'event' || r.kind === 'rejected').length;
    await tablet.until(() => settled() >= journal().length && settled() > 0);
    expect(await station.stop('SIGINT')).toBe(0);
    const journaled = journal();
    await tablet.until(() => settled() >= journaled.length);
    expect(tablet.records.filter((r) => r.kind === 'rejected')).toEqual([]);

    const events = stored();
    const ids = events.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.map((event) => event.seq)).toEqual(journaled.map((_, i) => i + 1));
    expect(ids).toEqual(journaled.map((event) => event.id));
    expect(hub.health().ingest.rejected).toEqual({});

    // Scans lost in a dead process's pipe never became events; every other scan became events once, in order.
    const recorded = tablet.scans();
    expect(isSubsequence(recorded, scans)).toBe(true);
    expect(recorded.length).toBeGreaterThan(SCANS / 2);
    // No label printed twice for one order.
    const printed = readFileSync(labels, 'utf8').split('^XZ').filter((label) => label.includes('^XA'));
    const waybills = printed.map((label) => /SFTB6\d{3}/.exec(label)?.[0]);
    expect(new Set(waybills).size).toBe(waybills.length);
    expect(waybills.length).toBeGreaterThan(0);
    // What the hub counted as printed came out of the printer.
    const printedAtHub = events.filter((event) => event.body.type === 'pack.label_printed').length;
    expect(printedAtHub).toBeLessThanOrEqual(waybills.length);
  }, 120_000);
});
