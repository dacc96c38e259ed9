import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hub } from '../../hub/hub.js';
import type { StationEvent } from '../../protocol/index.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import type { JournalRetention } from '../../station/store/journal-retention.js';
import { freePort } from '../helpers/free-port.js';
import { hubFetch } from '../helpers/hub-http.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simPrinter } from '../helpers/sim-printer.js';

const SITE = 'restore';

interface Health {
  recovery: { recovering: boolean; holes: Array<{ station: string; from: number; to: number; missingEvents: number }>; lostEvents: number };
  history: { epoch?: string };
}

/**
 * The procedure of docs/operations.md, "Back up and restore a hub", made worse than a backup:
 * the hub's history loses its newer half (a restored old copy, a disk fault) after the stations
 * were acked for all of it.
 */
describe('a hub whose history lost its tail', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubDir = join(dir.path, 'hub');
    const mqttPort = await freePort();
    let hub: Hub | undefined;
    cleanups.push(() => hub?.close());
    const startHub = async () => (hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort, dataDir: hubDir }));
    const stopHub = async () => {
      await hub?.close();
      hub = undefined;
    };
    const first = await startHub();
    const token = await first.createToken('manager', 'manager');
    const logins = new Map<string, string>();
    const agents = new Map<string, { agent: StationAgent; scanner: SimulatedScanner }>();
    cleanups.push(async () => {
      for (const { agent } of agents.values()) await agent.close();
    });
    const startStation = async (id: string, journalRetention?: JournalRetention) => {
      if (!logins.has(id)) logins.set(id, (await hub!.provisionStation(id)).password);
      const scanner = new SimulatedScanner();
      const agent = await StationAgent.start({
        printer: await simPrinter(),
        id,
        site: SITE,
        hubUrl: `mqtt://127.0.0.1:${mqttPort}`,
        dataDir: join(dir.path, id),
        scanner,
        mqttPassword: logins.get(id)!,
        ...(journalRetention ? { journalRetention } : {}),
      });
      agents.set(id, { agent, scanner });
      return { agent, scanner };
    };
    const stopStation = async (id: string) => {
      await agents.get(id)?.agent.close();
      agents.delete(id);
    };
    const scan = async (id: string, count: number) => {
      const { agent, scanner } = agents.get(id)!;
      for (let i = 0; i < count; i += 1) scanner.scan(`${id}-${agent.lastSeq + 1}-${i}`);
      await agent.drained();
    };
    /** Cuts history.jsonl to its first half of lines, as a restored older copy of it would be. */
    const truncateHistory = () => {
      const path = join(hubDir, 'history.jsonl');
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
      writeFileSync(path, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    };
    /** Every event id in the hub's history, with how often it is there. */
    const storedIds = () => {
      const counts = new Map<string, number>();
      for (const line of readFileSync(join(hubDir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean)) {
        const record = JSON.parse(line) as { kind: string; event?: StationEvent };
        if (record.kind === 'event') counts.set(record.event!.id, (counts.get(record.event!.id) ?? 0) + 1);
      }
      return counts;
    };
    const journaled = (id: string) =>
      readFileSync(join(dir.path, id, 'journal.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StationEvent);
    const metrics = async () => (await fetch(`${hub!.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    const health = async () => (await (await fetch(`${hub!.httpUrl}/api/v1/health`)).json()) as Health;
    /** The procedure's backup and restore: the whole folder copied aside, and later copied back over the newer one. */
    const backup = () => cpSync(hubDir, join(dir.path, 'backup'), { recursive: true });
    const restore = () => {
      rmSync(hubDir, { recursive: true, force: true });
      cpSync(join(dir.path, 'backup'), hubDir, { recursive: true });
    };
    return { backup, restore, hub: () => hub!, startHub, stopHub, token, startStation, stopStation, scan, truncateHistory, storedIds, journaled, health, metrics, agents };
  }

  it('finds the hole at start, says it is recovering, gets every acked event back from the journals exactly once, and drains the outboxes', async () => {
    const rig = await setUp();
    await rig.startStation('R1');
    await rig.startStation('R2');
    // Interleaved, so that each station has events in both halves of the history.
    for (let round = 0; round < 3; round += 1) {
      await rig.scan('R1', 20);
      await rig.scan('R2', 20);
    }
    const epoch = (await rig.health()).history.epoch;
    expect(epoch).toEqual(expect.any(String));

    await rig.stopHub();
    rig.truncateHistory();
    // Scans go on while the hub is down: they wait in the outboxes, past the hole.
    for (const id of ['R1', 'R2']) {
      const { agent, scanner } = rig.agents.get(id)!;
      for (let i = 0; i < 10; i += 1) scanner.scan(`${id}-late-${i}`);
      await vi.waitFor(() => expect(agent.outbox.size).toBeGreaterThanOrEqual(10));
    }
    await rig.stopStation('R1');
    await rig.stopStation('R2');

    // The hub starts with the stations away: its ack ledger shows what its history lost.
    await rig.startHub();
    const recovering = await rig.health();
    expect(recovering.history.epoch).toBe(epoch);
    expect(recovering.recovery.recovering).toBe(true);
    expect(recovering.recovery.holes.map((hole) => hole.station).sort()).toEqual(['R1', 'R2']);
    for (const hole of recovering.recovery.holes) expect(hole.missingEvents).toBe(hole.to - hole.from + 1);
    const metrics = await rig.metrics();
    expect(metrics).toMatch(/^packgate_history_recovering 1$/m);
    expect(metrics).toMatch(/^packgate_history_missing_events [1-9]\d*$/m);
    const tablet = new TabletClient(rig.hub().httpUrl, rig.token);
    await tablet.connect();
    try {
      expect(tablet.recovery).toMatchObject({ recovering: true });

      // The stations come back, are asked to resend, and the hole fills.
      const r1 = await rig.startStation('R1');
      const r2 = await rig.startStation('R2');
      await r1.agent.drained();
      await r2.agent.drained();
      await vi.waitFor(async () => expect((await rig.health()).recovery.recovering).toBe(false), { timeout: 15_000 });
      await vi.waitFor(() => expect(tablet.recovery).toMatchObject({ recovering: false, holes: [] }));
    } finally {
      await tablet.close();
    }

    const done = await rig.health();
    expect(done.recovery.lostEvents).toBe(0);
    const metricsAfter = await rig.metrics();
    expect(metricsAfter).toMatch(/^packgate_history_recovering 0$/m);
    // 0 events lost: every event each station journaled is in the history, exactly once.
    const stored = rig.storedIds();
    for (const id of ['R1', 'R2']) {
      const events = rig.journaled(id);
      expect(events.length).toBeGreaterThanOrEqual(70);
      expect(events.filter((event) => stored.get(event.id) !== 1)).toEqual([]);
    }
    expect([...stored.values()].filter((count) => count !== 1)).toEqual([]);
  });

  it('says which acked events are lost when a station journal no longer holds them, and resends the rest', async () => {
    const rig = await setUp();
    await rig.startStation('R3');
    await rig.scan('R3', 40);
    await rig.stopHub();
    rig.truncateHistory();
    await rig.stopStation('R3');
    await rig.startHub();
    const hole = (await rig.health()).recovery.holes.find((h) => h.station === 'R3')!;
    expect(hole).toBeDefined();

    // The station comes back with a retention of a few KB: its journal drops its oldest acked events at start.
    const { agent } = await rig.startStation('R3', { maxAgeMs: 7 * 24 * 3600 * 1000, maxBytes: 4 * 1024 });
    const kept = rig.journaled('R3');
    const journalFrom = kept[0]!.seq;
    expect(journalFrom).toBeGreaterThan(hole.from);
    await agent.drained();
    await vi.waitFor(async () => expect((await rig.health()).recovery.recovering).toBe(false), { timeout: 15_000 });

    // Never pretended: a critical alert names the station and the range lost.
    const lostTo = Math.min(journalFrom - 1, hole.to);
    const alerts = (await (await hubFetch(rig.hub().httpUrl, rig.token, 'GET', '/alerts')).json()) as {
      alerts: Array<{ kind: string; severity: string; message: string; target: { station?: string } }>;
    };
    const lost = alerts.alerts.filter((alert) => alert.kind === 'history-lost');
    expect(lost).toEqual([expect.objectContaining({ severity: 'critical', target: expect.objectContaining({ station: 'R3' }) })]);
    expect(lost[0]!.message).toContain(`events ${hole.from}-${lostTo} of station R3`);
    expect((await rig.health()).recovery.lostEvents).toBe(lostTo - hole.from + 1);

    // Everything the journal still held is back, once; the outbox drained.
    await agent.drained();
    const stored = rig.storedIds();
    expect(kept.filter((event) => stored.get(event.id) !== 1)).toEqual([]);

    // A restart does not find the settled hole again.
    await rig.stopHub();
    await rig.startHub();
    expect((await rig.health()).recovery).toMatchObject({ recovering: false, holes: [] });
  });

  it('restores a whole-folder backup (its ack ledger as old as its history) and gets the newer events back from the stations\' births', async () => {
    const rig = await setUp();
    await rig.startStation('R4');
    await rig.scan('R4', 30);
    await rig.stopHub();
    rig.backup();
    await rig.startHub();
    await rig.scan('R4', 30);
    const acked = rig.agents.get('R4')!.agent.outbox.ackedSeq;
    await rig.stopStation('R4');
    await rig.stopHub();
    rig.restore();

    // Nothing in the restored folder knows; the station's birth says how far it was acked, and the hub asks for the rest.
    await rig.startHub();
    expect((await rig.health()).recovery.recovering).toBe(false);
    const tablet = new TabletClient(rig.hub().httpUrl, rig.token);
    await tablet.connect();
    try {
      const { agent } = await rig.startStation('R4');
      const hole = expect.objectContaining({ recovering: true, holes: [expect.objectContaining({ station: 'R4', from: 31, to: acked })] });
      await vi.waitFor(() => expect(tablet.recoveries).toContainEqual(hole), { timeout: 15_000 });
      await vi.waitFor(() => expect(tablet.recovery).toMatchObject({ recovering: false }), { timeout: 15_000 });
      await agent.drained();
    } finally {
      await tablet.close();
    }
    const stored = rig.storedIds();
    expect(rig.journaled('R4').filter((event) => stored.get(event.id) !== 1)).toEqual([]);
    expect([...stored.values()].filter((count) => count !== 1)).toEqual([]);
    expect((await rig.health()).recovery.lostEvents).toBe(0);
  });
});
