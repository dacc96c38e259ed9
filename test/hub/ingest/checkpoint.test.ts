import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INGEST_CHECKPOINT_FILE } from '../../../hub/ingest/checkpoint.js';
import { Ingest } from '../../../hub/ingest/ingest.js';
import { HistoryRecovery } from '../../../hub/ingest/recovery.js';
import { History } from '../../../hub/store/history.js';
import { siteTopics, type StationStatus } from '../../../protocol/index.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

const topics = siteTopics('t');
const OLD = 'old-folder';
const NEW = 'new-folder';
/** Every station incarnation the scenario touches. */
const KEYS: Array<[string, string | undefined]> = [
  ['S1', OLD],
  ['S1', NEW],
  ['S2', undefined],
  ['S3', undefined],
];

describe('Ingest checkpoint', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function folder(): string {
    const dir = tempDir();
    cleanups.push(dir.remove);
    return join(dir.path, INGEST_CHECKPOINT_FILE);
  }

  /** An ingest on `history`, with what it sends and reports. */
  function open(history: History, checkpointPath?: string, checkpointEvery?: number) {
    const acks: Array<[string, number, string | undefined]> = [];
    const resets: Array<[string, string | undefined]> = [];
    const ingest = new Ingest({
      topics,
      history,
      onStored: () => {},
      sendAck: (station, upTo, incarnation) => acks.push([station, upTo, incarnation]),
      onReset: (station, incarnation) => resets.push([station, incarnation]),
      ...(checkpointPath === undefined ? {} : { checkpointPath }),
      ...(checkpointEvery === undefined ? {} : { checkpointEvery }),
    });
    cleanups.push(() => ingest.close());
    const send = (leaf: 'events' | 'status', station: string, payload: unknown) =>
      ingest.handle(leaf === 'events' ? topics.stationEvents(station) : topics.stationStatus(station), Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)));
    const event = (station: string, seq: number, incarnation?: string) =>
      send('events', station, { ...scanEvent(station, seq), ...(incarnation === undefined ? {} : { incarnation }) });
    const status = (station: string, state: StationStatus['state'], bdSeq: number, incarnation?: string) =>
      send('status', station, { ...stationStatus(station, state, bdSeq), ...(incarnation === undefined ? {} : { incarnation }) });
    return { ingest, acks, resets, send, event, status };
  }

  const flushed = () => new Promise<void>((resolve) => setImmediate(resolve));

  /**
   * A history with what the checkpoint must carry: two incarnations of a station (one retired), a
   * gap, refused payloads with and without a sequence, a settled lost range, statuses; the
   * checkpoint saved part way, and more of each after it.
   */
  async function scenario(path: string) {
    const history = History.open();
    const first = open(history, path, Infinity);
    for (const seq of [1, 2, 3]) first.event('S1', seq, OLD);
    first.status('S1', 'online', 1, OLD);
    for (const seq of [1, 2, 4]) first.event('S1', seq, NEW);
    first.status('S1', 'online', 2, NEW);
    for (const seq of [1, 2, 3, 4, 5]) first.event('S2', seq);
    first.send('events', 'S2', { ...scanEvent('S2', 6), v: 9 });
    first.send('events', 'S2', 'not json');
    // As HistoryRecovery settles a lost range: the sequence first, then the record.
    for (let seq = 1; seq <= 4; seq += 1) first.ingest.sequence('S3').add(seq);
    history.append({
      kind: 'domain',
      command: { type: 'historyLost', station: 'S3', from: 1, to: 4, reason: 'test' },
      audit: { at: new Date().toISOString(), actor: { kind: 'system', id: 'recovery' }, command: 'historyLost', raw: null },
      events: [],
    });
    await first.ingest.checkpoint();
    const covered = history.lastSeq;
    // After the checkpoint: read at start on top of it.
    first.event('S2', 7);
    first.event('S2', 9);
    first.status('S1', 'offline', 2, NEW);
    first.event('S3', 5);
    first.event('S3', 6);
    await flushed();
    first.ingest.close();
    return { history, covered };
  }

  /** What an ingest holds, as far as its public surface shows it. */
  function stateOf(ingest: Ingest) {
    return {
      sequences: KEYS.map(([station, incarnation]) => ingest.sequence(station, incarnation)).map((sequence) => sequence.saved()),
      statuses: [...ingest.statuses],
    };
  }

  /** Holes a recovery on `ingest` finds for the same ledger: the sequences it starts from. */
  function holesOf(ingest: Ingest) {
    const recovery = new HistoryRecovery({ sequence: (s, i) => ingest.sequence(s, i), requestResend: () => {}, onLost: () => {}, acknowledge: () => {} });
    cleanups.push(() => recovery.close());
    recovery.detect(
      [
        { station: 'S1', incarnation: NEW, upTo: 6 },
        { station: 'S2', upTo: 10 },
        { station: 'S3', upTo: 6 },
      ],
      'ack ledger',
    );
    return recovery.view();
  }

  it('starts from the checkpoint with the state a start from the whole history has: the same acks, dedupe, resets and holes', async () => {
    const path = folder();
    const { history, covered } = await scenario(path);

    const fromCheckpoint = open(history, path);
    const fromScratch = open(history);
    expect(fromCheckpoint.ingest.startedFrom).toBe(covered);
    expect(fromScratch.ingest.startedFrom).toBe(0);
    await flushed();

    const sorted = (acks: Array<[string, number, string | undefined]>) => [...acks].sort((a, b) => `${a[0]} ${a[2]}`.localeCompare(`${b[0]} ${b[2]}`));
    expect(sorted(fromCheckpoint.acks)).toEqual(sorted(fromScratch.acks));
    expect(sorted(fromCheckpoint.acks)).toEqual([
      ['S1', 2, NEW],
      ['S1', 3, OLD],
      ['S2', 7, undefined],
      ['S3', 6, undefined],
    ]);
    expect(stateOf(fromCheckpoint.ingest)).toEqual(stateOf(fromScratch.ingest));
    expect(fromCheckpoint.ingest.sequence('S2').saved()).toEqual({ contiguous: 7, ahead: [[9, 9]] });
    expect(holesOf(fromCheckpoint.ingest)).toEqual(holesOf(fromScratch.ingest));
    expect(holesOf(fromCheckpoint.ingest).holes.map((hole) => [hole.station, hole.from])).toEqual([
      ['S1', 3],
      ['S2', 8],
    ]);

    // A stale will of the retired incarnation and a repeated status store nothing and reset nothing.
    const before = history.lastSeq;
    for (const side of [fromCheckpoint, fromScratch]) {
      side.status('S1', 'offline', 9, OLD);
      side.status('S1', 'offline', 2, NEW);
    }
    expect(history.lastSeq).toBe(before);
    expect(fromCheckpoint.resets).toEqual([]);
    expect(fromScratch.resets).toEqual([]);
    // A stored sequence under another id is a conflict for both.
    fromCheckpoint.event('S2', 3);
    fromScratch.event('S2', 3);
    expect(fromCheckpoint.ingest.stats().rejected).toEqual(fromScratch.ingest.stats().rejected);
    expect(fromCheckpoint.ingest.stats().rejected).toEqual({ SEQ_CONFLICT: 1 });
  });

  it('is saved by itself every `checkpointEvery` records, private to its owner', async () => {
    const path = folder();
    const history = History.open();
    const side = open(history, path, 3);
    for (const seq of [1, 2, 3]) side.event('S2', seq);
    await vi.waitFor(() => expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ historySeq: 3 }));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    side.event('S2', 4);
    await side.ingest.checkpoint();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ historySeq: 4 });
    expect(open(history, path).ingest.startedFrom).toBe(4);
  });

  it.each([
    ['torn', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['empty', () => ''],
    ['of another shape', () => JSON.stringify({ v: 1, historySeq: 3, acked: [] })],
    ['with a sequence out of order', (text: string) => text.replace('"ahead":[[9,9]]', '"ahead":[[9,9],[5,6]]')],
  ])('is not used when %s: start reads the whole history and gets the same state', async (_name, damage) => {
    const path = folder();
    const { history } = await scenario(path);
    const side = open(history, path);
    await side.ingest.checkpoint();
    side.ingest.close();
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, damage(text));
    if (_name === 'with a sequence out of order') expect(readFileSync(path, 'utf8')).not.toBe(text);
    const damaged = open(history, path);
    expect(damaged.ingest.startedFrom).toBe(0);
    expect(stateOf(damaged.ingest)).toEqual(stateOf(open(history).ingest));
  });

  it('is not used with a history cut below it, nor with another history grown past it', async () => {
    const path = folder();
    const { history } = await scenario(path);
    const saved = open(history, path);
    await saved.ingest.checkpoint();
    saved.ingest.close();
    const covered = (JSON.parse(readFileSync(path, 'utf8')) as { historySeq: number }).historySeq;
    expect(covered).toBe(history.lastSeq);

    // Shorter: a restored older copy, a lost tail.
    const cut = History.open();
    const short = open(cut);
    for (const seq of [1, 2]) short.event('S2', seq);
    expect(open(cut, path).ingest.startedFrom).toBe(0);

    // As long, but other records under the checkpoint's sequence.
    const other = History.open();
    const long = open(other);
    for (let seq = 1; seq <= covered + 3; seq += 1) long.event('S2', seq);
    const started = open(other, path);
    expect(started.ingest.startedFrom).toBe(0);
    expect(started.ingest.sequence('S2').saved()).toEqual({ contiguous: covered + 3, ahead: [] });
    expect(started.ingest.sequence('S1', NEW).saved()).toEqual({ contiguous: 0, ahead: [] });
  });
});
