import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { INGEST_CHECKPOINT_FILE } from '../../hub/ingest/checkpoint.js';
import { Hub } from '../../hub/hub.js';
import type { StationEvent } from '../../protocol/index.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { freePort } from '../helpers/free-port.js';
import { simPrinter } from '../helpers/sim-printer.js';
import { tempDir } from '../helpers/temp-dir.js';

// The hub's log lines: where each start read the history from.
const logged = vi.hoisted(() => {
  process.env.PACKGATE_LOG_LEVEL = 'info';
  return [] as string[];
});
vi.mock('pino', async (original) => (await import('../helpers/logs.js')).capturingPino(await original(), logged));
afterAll(() => {
  delete process.env.PACKGATE_LOG_LEVEL;
});

const SITE = 'checkpoint';

interface Health {
  lastSeq: number;
  recovery: { recovering: boolean; holes: Array<{ station: string; from: number; to: number }>; lostEvents: number };
}

/**
 * docs/history-store.md, "Start: the ingest checkpoint": a hub restarted from its ingest checkpoint acks, dedupes and
 * recovers as one that read its whole history; a torn checkpoint, or a history cut below it, is
 * not used.
 */
describe('a hub restarted from its ingest checkpoint', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('starts from it, and from the whole history when it is torn or ahead of a cut history, and loses or doubles nothing', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubDir = join(dir.path, 'hub');
    const checkpointPath = join(hubDir, INGEST_CHECKPOINT_FILE);
    const mqttPort = await freePort();
    let hub: Hub | undefined;
    cleanups.push(() => hub?.close());
    let agent: StationAgent | undefined;
    let scanner: SimulatedScanner | undefined;
    cleanups.push(() => agent?.close());

    /** Starts the hub; returns where its ingest read the history from (0: every record). */
    const startHub = async () => {
      logged.length = 0;
      hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort, dataDir: hubDir });
      const line = logged.map((text) => JSON.parse(text) as { msg: string; from?: number }).find((entry) => entry.msg === 'ingest state rebuilt');
      return line?.from;
    };
    const stopHub = async () => {
      await hub?.close();
      hub = undefined;
    };
    const health = async () => (await (await fetch(`${hub!.httpUrl}/api/v1/health`)).json()) as Health;
    expect(await startHub()).toBe(0);
    const password = (await hub!.provisionStation('C1')).password;
    const startStation = async () => {
      scanner = new SimulatedScanner();
      agent = await StationAgent.start({ printer: await simPrinter(), id: 'C1', site: SITE, hubUrl: `mqtt://127.0.0.1:${mqttPort}`, dataDir: join(dir.path, 'C1'), scanner, mqttPassword: password });
    };
    const stopStation = async () => {
      await agent?.close();
      agent = undefined;
    };
    const scan = async (count: number) => {
      for (let i = 0; i < count; i += 1) scanner!.scan(`C1-${agent!.lastSeq + 1}-${i}`);
      await agent!.drained();
      await vi.waitFor(() => expect(agent!.outbox.ackedSeq).toBe(agent!.lastSeq));
    };
    const historyLines = () => readFileSync(join(hubDir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean);
    /** Every event the station journaled is in the history exactly once. */
    const expectEachOnce = () => {
      const counts = new Map<string, number>();
      for (const line of historyLines()) {
        const record = JSON.parse(line) as { kind: string; event?: StationEvent };
        if (record.kind === 'event') counts.set(record.event!.id, (counts.get(record.event!.id) ?? 0) + 1);
      }
      const journaled = readFileSync(join(dir.path, 'C1', 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StationEvent);
      expect(journaled.filter((event) => counts.get(event.id) !== 1)).toEqual([]);
      expect([...counts.values()].filter((count) => count !== 1)).toEqual([]);
      return journaled.length;
    };

    await startStation();
    await scan(20);
    await stopStation();
    await stopHub();
    // Saved at close, as of the last record.
    const saved = JSON.parse(readFileSync(checkpointPath, 'utf8')) as { historySeq: number };
    expect(saved.historySeq).toBe(historyLines().length);

    // From the checkpoint: the station's outbox is acked, its next events stored once.
    expect(await startHub()).toBe(saved.historySeq);
    expect((await health()).recovery.recovering).toBe(false);
    await startStation();
    await scan(10);
    expect(expectEachOnce()).toBe(30);
    await stopStation();
    await stopHub();

    // Torn: the whole history is read, to the same state.
    const text = readFileSync(checkpointPath, 'utf8');
    writeFileSync(checkpointPath, text.slice(0, text.length / 2));
    expect(await startHub()).toBe(0);
    expect(logged.some((line) => line.includes('ingest checkpoint not used'))).toBe(true);
    await startStation();
    await scan(10);
    expect(expectEachOnce()).toBe(40);
    await stopStation();
    await stopHub();

    // The history cut below the checkpoint (a restored older copy): not used; the hole is found and filled.
    const lines = historyLines();
    writeFileSync(join(hubDir, 'history.jsonl'), lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    expect(JSON.parse(readFileSync(checkpointPath, 'utf8'))).toMatchObject({ historySeq: lines.length });
    expect(await startHub()).toBe(0);
    const recovering = await health();
    expect(recovering.recovery.recovering).toBe(true);
    expect(recovering.recovery.holes).toEqual([expect.objectContaining({ station: 'C1', to: 40 })]);
    await startStation();
    await vi.waitFor(async () => expect((await health()).recovery.recovering).toBe(false), { timeout: 15_000 });
    await scan(5);
    expect(expectEachOnce()).toBeGreaterThanOrEqual(45);
    expect((await health()).recovery.lostEvents).toBe(0);
  });
});
