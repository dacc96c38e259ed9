import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainStore } from '../../../hub/control/domain-store.js';
import { INGEST_CHECKPOINT_FILE } from '../../../hub/ingest/checkpoint.js';
import { Ingest } from '../../../hub/ingest/ingest.js';
import { HistoryRecovery, type Hole } from '../../../hub/ingest/recovery.js';
import { archivedRecords } from '../../../hub/store/archive-read.js';
import { ACK_LEDGER_FILE, AckLedger } from '../../../hub/store/ack-ledger.js';
import { History } from '../../../hub/store/history.js';
import { siteTopics } from '../../../protocol/index.js';
import { dressOrder, managerContext } from '../../helpers/domain.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 2, 1, 6);
const dayAt = (day: number, ms = 0) => new Date(START + day * DAY_MS + ms);
/** Reopened on day 5 with 3 live days: days 0 and 1 are archived, days 2 and 3 stay live. */
const LIVE = { liveDays: 3, now: () => dayAt(5) };
const topics = siteTopics('t');

/**
 * docs/history-store.md, "Segments, retention and archive": a rebuild without its cache (no
 * ingest checkpoint, no domain.json) reads the archived days too, so it knows what the hub
 * stored and acked before the live window.
 */
describe('a rebuild over archived days', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  const cleanups: Array<() => unknown> = [];
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'history.jsonl');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    vi.useRealTimers();
    dir.remove();
  });

  const archives = () => readdirSync(join(dir.path, 'history-archive')).sort();

  it('ingest without a usable checkpoint acks up to the last stored event and recovery finds no hole (no history-lost)', async () => {
    // S1 sends 5 events a day on days 0-3, acked as stored (the ledger says so).
    const checkpointPath = join(dir.path, INGEST_CHECKPOINT_FILE);
    const handlers = { topics, onStored: () => {}, sendAck: () => {}, onReset: () => {} };
    let history = History.open(path, { liveDays: 0, now: () => dayAt(0) });
    const append = (seq: number) =>
      history.append({ kind: 'event', station: 'S1', event: scanEvent('S1', seq), keys: ['station:S1'] }, dayAt(Math.floor((seq - 1) / 5), seq * 1000));
    for (let seq = 1; seq <= 5; seq += 1) append(seq);
    // An ingest checkpoint as of day 0 (a backup's, say): its record is archived by the time it is read.
    const early = new Ingest({ ...handlers, history, checkpointPath });
    await early.checkpoint();
    early.close();
    expect((JSON.parse(readFileSync(checkpointPath, 'utf8')) as { historySeq: number }).historySeq).toBe(5);
    for (let seq = 6; seq <= 20; seq += 1) append(seq);
    history.close();
    const ledger = AckLedger.open(join(dir.path, ACK_LEDGER_FILE));
    ledger.note('S1', undefined, 20);
    ledger.close();

    history = History.open(path, LIVE);
    cleanups.push(() => history.close());
    expect(archives()).toEqual(['000000000001-000000000005.jsonl.gz', '000000000006-000000000010.jsonl.gz']);
    expect(history.firstSeq).toBe(11);

    const acks: Array<[string, number]> = [];
    const ingest = new Ingest({
      topics,
      history,
      checkpointPath,
      onStored: () => {},
      sendAck: (station, upTo) => acks.push([station, upTo]),
      onReset: () => {},
    });
    cleanups.push(() => ingest.close());
    expect(ingest.startedFrom).toBe(0);
    expect(ingest.sequence('S1').saved()).toEqual({ contiguous: 20, ahead: [] });

    const lost: Hole[] = [];
    const asked: number[] = [];
    const recovery = new HistoryRecovery({
      sequence: (station, incarnation) => ingest.sequence(station, incarnation),
      requestResend: (_station, _incarnation, from) => asked.push(from),
      onLost: (hole) => lost.push(hole),
      acknowledge: (station, incarnation) => ingest.acknowledge(station, incarnation),
    });
    cleanups.push(() => recovery.close());
    const reopened = AckLedger.open(join(dir.path, ACK_LEDGER_FILE));
    cleanups.push(() => reopened.close());
    recovery.detect(reopened.entries(), 'ack ledger');
    // The station's journal kept its last week only (from 16): it comes back with its ack cursor.
    recovery.onStatus({ ...stationStatus('S1', 'online', 2), ackedSeq: 20, journalFrom: 16 });
    expect(recovery.view()).toEqual({ recovering: false, holes: [], lostEvents: 0 });
    expect(lost).toEqual([]);
    expect(asked).toEqual([]);
    // Acks wait for the history's sync: the first one after start covers every stored event.
    await vi.waitFor(() => expect(acks.at(-1)).toEqual(['S1', 20]));
    // The next event follows on.
    ingest.handle(topics.stationEvents('S1'), Buffer.from(JSON.stringify(scanEvent('S1', 21))));
    expect(ingest.sequence('S1').saved()).toEqual({ contiguous: 21, ahead: [] });
  });

  it('the domain rebuilt without domain.json holds the orders and mappings made on archived days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const snapshot = join(dir.path, 'domain.json');
    let history = History.open(path, { liveDays: 0, now: () => dayAt(0) });
    let store = await DomainStore.open(history, snapshot);
    const context = managerContext();
    const run = (day: number, command: Parameters<DomainStore['execute']>[0]) => {
      vi.setSystemTime(dayAt(day, 60_000));
      expect(store.execute(command, context).ok).toBe(true);
    };
    run(0, { type: 'setMapping', channel: 'taobao', channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' });
    run(0, { type: 'setOnHand', sku: 'DRESS-RED-M', quantity: 10 });
    run(1, { type: 'createOrder', ...dressOrder('TB1001') });
    run(2, { type: 'createOrder', ...dressOrder('TB1002') });
    run(3, { type: 'createOrder', ...dressOrder('TB1003') });
    vi.useRealTimers();
    const before = structuredClone(store.state);
    await store.close();
    history.close();

    history = History.open(path, LIVE);
    cleanups.push(() => history.close());
    expect(archives()).toHaveLength(2);
    expect(history.firstSeq).toBe(4);
    rmSync(snapshot);
    store = await DomainStore.open(history, snapshot);
    cleanups.push(() => store.close());
    expect(store.state).toEqual(before);
    expect(Object.keys(store.state.orders).sort()).toEqual(expect.arrayContaining([expect.stringContaining('TB1001'), expect.stringContaining('TB1003')]));
  });

  it('scanWithArchive runs archive -> sealed -> open in sequence; scan keeps to the live window; a half-written archive is never read', () => {
    let history = History.open(path, { liveDays: 0, now: () => dayAt(0) });
    for (let seq = 1; seq <= 20; seq += 1) {
      history.append({ kind: 'event', station: 'S1', event: scanEvent('S1', seq) }, dayAt(Math.floor((seq - 1) / 5), seq * 1000));
    }
    history.close();
    history = History.open(path, LIVE);
    history.append({ kind: 'event', station: 'S1', event: scanEvent('S1', 21) }, dayAt(5));
    history.close();
    // A crash mid-archive leaves a temporary file: open removes it.
    const archive = join(dir.path, 'history-archive');
    writeFileSync(join(archive, '000000000011-000000000015.jsonl.gz.tmp'), 'half');
    history = History.open(path, LIVE);
    cleanups.push(() => history.close());
    const seqs = (records: Iterable<{ seq: number }>) => [...records].map((record) => record.seq);
    const all = Array.from({ length: 21 }, (_, i) => i + 1);
    expect(archives()).toEqual(['000000000001-000000000005.jsonl.gz', '000000000006-000000000010.jsonl.gz']);
    expect(seqs(history.scanWithArchive())).toEqual(all);
    expect(seqs(history.scanWithArchive(7))).toEqual(all.slice(7));
    expect(seqs(history.scanWithArchive(12))).toEqual(all.slice(12));
    expect(seqs(history.scan(0))).toEqual(all.slice(10));
    // Archives moved away: the rebuild reads what is left (and logs the days missing).
    rmSync(join(archive, '000000000001-000000000005.jsonl.gz'));
    expect(seqs(history.scanWithArchive())).toEqual(all.slice(5));
  });

  it('reads an archive member by member, across lines cut between members, and refuses a damaged one', () => {
    const lines = Array.from({ length: 9 }, (_, i) => JSON.stringify({ seq: 11 + i, pad: 'x'.repeat(i * 7) }) + '\n').join('');
    const bytes = Buffer.from(lines);
    const archive = join(dir.path, 'a.jsonl.gz');
    // Members cut mid-line, as the archiver's 4 MB chunks are.
    writeFileSync(archive, Buffer.concat([gzipSync(bytes.subarray(0, 50)), gzipSync(bytes.subarray(50, 51)), gzipSync(bytes.subarray(51))]));
    expect([...archivedRecords<{ seq: number }>(archive, 11, 19)].map((record) => record.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(() => [...archivedRecords(archive, 11, 25)]).toThrow(expect.objectContaining({ code: 'HISTORY_CORRUPT' }));
    expect(() => [...archivedRecords(archive, 1, 9)]).toThrow(expect.objectContaining({ code: 'HISTORY_CORRUPT' }));
    const packed = gzipSync(bytes);
    writeFileSync(archive, packed.subarray(0, packed.length - 3));
    expect(() => [...archivedRecords(archive, 11, 19)]).toThrow(expect.objectContaining({ code: 'HISTORY_CORRUPT' }));
    packed[packed.length - 6] = packed[packed.length - 6]! ^ 0xff;
    writeFileSync(archive, packed);
    expect(() => [...archivedRecords(archive, 11, 19)]).toThrow(expect.objectContaining({ code: 'HISTORY_CORRUPT' }));
  });
});
