import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INGEST_CHECKPOINT_FILE } from '../../../hub/ingest/checkpoint.js';
import { IngestRejection } from '../../../hub/ingest/reasons.js';
import { Ingest } from '../../../hub/ingest/ingest.js';
import { History, type HistoryRecord } from '../../../hub/store/history.js';
import { siteTopics, type StationEvent } from '../../../protocol/index.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

const topics = siteTopics('t');

function setup(history = History.open(), checkpointPath?: string) {
  const stored: HistoryRecord[] = [];
  const acks: Array<[string, number]> = [];
  const replays: Array<[string, number]> = [];
  const ingest = new Ingest({
    topics,
    history,
    onStored: (record) => stored.push(record),
    sendAck: (station, upTo) => acks.push([station, upTo]),
    requestReplay: (station, from) => replays.push([station, from]),
    ...(checkpointPath === undefined ? {} : { checkpointPath }),
  });
  const send = (topic: string, payload: unknown) =>
    ingest.handle(topic, Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)));
  /** Acks are coalesced until the current burst is stored; this waits for them. */
  const flushed = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { ingest, stored, acks, replays, send, flushed, history };
}

describe('Ingest', () => {
  it('stores an event once and acks it', async () => {
    const { ingest, stored, acks, send, flushed } = setup();
    const event = scanEvent('S1', 1);
    send(topics.stationEvents('S1'), event);
    send(topics.stationEvents('S1'), event);
    await flushed();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'event', seq: 1, event });
    expect(ingest.stats()).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(acks).toEqual([['S1', 1]]);
  });

  it('acks only up to the highest contiguous sequence', async () => {
    const { acks, send, flushed } = setup();
    send(topics.stationEvents('S1'), scanEvent('S1', 1));
    send(topics.stationEvents('S1'), scanEvent('S1', 3));
    await flushed();
    expect(acks.at(-1)).toEqual(['S1', 1]);
    send(topics.stationEvents('S1'), scanEvent('S1', 2));
    await flushed();
    expect(acks.at(-1)).toEqual(['S1', 3]);
  });

  it('asks the station to replay from a gap, once per gap, and stops asking when it is filled', async () => {
    const { replays, acks, send, flushed } = setup();
    send(topics.stationEvents('S1'), scanEvent('S1', 1));
    send(topics.stationEvents('S1'), scanEvent('S1', 3));
    send(topics.stationEvents('S1'), scanEvent('S1', 4));
    expect(replays).toEqual([['S1', 2]]);
    send(topics.stationEvents('S1'), scanEvent('S1', 2));
    send(topics.stationEvents('S1'), scanEvent('S1', 5));
    await flushed();
    expect(replays).toEqual([['S1', 2]]);
    expect(acks.at(-1)).toEqual(['S1', 5]);
  });

  it.each([
    // Garbage carries no sequence, so sequence 1 stays missing and nothing past it is acked yet.
    ['garbage bytes', '\u0000\u00ff not json', IngestRejection.NotJson, 0],
    ['a wrong schema version', { ...scanEvent('S1', 1), v: 9 }, IngestRejection.VersionUnsupported, 2],
    ['a body that breaks the schema', { ...scanEvent('S1', 1), body: { type: 'scan' } }, IngestRejection.Invalid, 2],
    ['another station in the payload', scanEvent('S2', 1), IngestRejection.StationMismatch, 2],
  ])('rejects %s with a code, counts it, keeps the raw payload and goes on', async (_name, payload, code, acked) => {
    const { ingest, stored, send, acks, flushed } = setup();
    send(topics.stationEvents('S1'), payload);
    send(topics.stationEvents('S1'), scanEvent('S1', 2, 'AFTER'));
    await flushed();
    expect(ingest.stats().rejected).toEqual({ [code]: 1 });
    expect(stored[0]).toMatchObject({ kind: 'rejected', station: 'S1', code });
    expect(stored[1]).toMatchObject({ kind: 'event', event: { body: { data: 'AFTER' } } });
    expect(ingest.stats().accepted).toBe(1);
    // A refused event that carries its sequence is acked, so it cannot block the station's outbox.
    expect(acks.at(-1)).toEqual(['S1', acked]);
  });

  it('refuses a second event under a sequence already stored', async () => {
    const { ingest, stored, send, flushed } = setup();
    send(topics.stationEvents('S1'), scanEvent('S1', 1, 'FIRST'));
    send(topics.stationEvents('S1'), scanEvent('S1', 1, 'IMPOSTOR'));
    await flushed();
    expect(ingest.stats().rejected).toEqual({ [IngestRejection.SeqConflict]: 1 });
    expect(stored.filter((r) => r.kind === 'event')).toHaveLength(1);
  });

  it('refuses input on a topic that is not a station input', () => {
    const { ingest, send } = setup();
    send(topics.stationAcks('S1'), { v: 1 });
    expect(ingest.stats().rejected).toEqual({ [IngestRejection.UnknownTopic]: 1 });
  });

  it('records station presence changes and ignores a stale will', () => {
    const { stored, send } = setup();
    send(topics.stationStatus('S1'), stationStatus('S1', 'online', 2));
    send(topics.stationStatus('S1'), stationStatus('S1', 'online', 2));
    send(topics.stationStatus('S1'), stationStatus('S1', 'offline', 1));
    send(topics.stationStatus('S1'), stationStatus('S1', 'offline', 2));
    expect(stored.map((r) => (r.kind === 'station' ? `${r.status.state}:${r.status.bdSeq}` : r.kind))).toEqual([
      'online:2',
      'offline:2',
    ]);
  });

  it('records a status whose held mapping version moved, and none that changes only other versions', () => {
    const { stored, send } = setup();
    const held = (mapping: number, stops: number) => ({ ...stationStatus('S1', 'online', 2), versions: { mapping, stops, freezes: null, tasks: null } });
    send(topics.stationStatus('S1'), held(4, 1));
    send(topics.stationStatus('S1'), held(4, 2));
    send(topics.stationStatus('S1'), held(5, 2));
    expect(stored.map((r) => (r.kind === 'station' ? r.status.versions : r.kind))).toEqual([
      { mapping: 4, stops: 1, freezes: null, tasks: null },
      { mapping: 5, stops: 2, freezes: null, tasks: null },
    ]);
  });

  it('records a status whose weight tolerance alone changed (when the station started to apply it), not a presence change', () => {
    const { stored, send } = setup();
    const applying = (grams: number, percent: number) => ({ ...stationStatus('S1', 'online', 2), policy: { hubSilenceMs: 300_000, weightTolerance: { grams, percent } } });
    send(topics.stationStatus('S1'), applying(20, 3));
    send(topics.stationStatus('S1'), applying(20, 3));
    send(topics.stationStatus('S1'), applying(5, 3));
    send(topics.stationStatus('S1'), applying(5, 0));
    send(topics.stationStatus('S1'), applying(5, 0));
    expect(stored.map((r) => (r.kind === 'station' ? r.status.policy?.weightTolerance : r.kind))).toEqual([
      { grams: 20, percent: 3 },
      { grams: 5, percent: 3 },
      { grams: 5, percent: 0 },
    ]);
  });

  it('rebuilds de-duplication from the history it is given', async () => {
    const history = History.open();
    const event = scanEvent('S1', 1);
    setup(history).send(topics.stationEvents('S1'), event);
    const restarted = setup(history);
    restarted.send(topics.stationEvents('S1'), event);
    await restarted.flushed();
    expect(restarted.ingest.stats()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(restarted.acks.at(-1)).toEqual(['S1', 1]);
  });

  it('looks an event id up only at or below the station\'s highest stored seq (a new event costs no id lookup)', async () => {
    const history = History.open();
    const lookups = vi.spyOn(history, 'hasEventId');
    const { ingest, stored, send, flushed } = setup(history);
    const events = [1, 2, 3, 5].map((seq) => scanEvent('S1', seq));
    for (const event of events) send(topics.stationEvents('S1'), event);
    send(topics.stationEvents('S2'), scanEvent('S2', 1));
    expect(lookups).not.toHaveBeenCalled();
    // The gap filled and two repeats: each could be a repeat, so each is looked up.
    send(topics.stationEvents('S1'), scanEvent('S1', 4));
    send(topics.stationEvents('S1'), events[1]);
    send(topics.stationEvents('S1'), events[3]);
    expect(lookups).toHaveBeenCalledTimes(3);
    await flushed();
    expect(stored).toHaveLength(6);
    expect(ingest.stats()).toMatchObject({ accepted: 6, duplicates: 2 });
  });
});

describe('Ingest on a file history: a repeat is never stored twice', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  const DAY_MS = 24 * 60 * 60 * 1000;
  /** Acks are sent once the burst is stored and the history synced. */
  const acked = async (history: History) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await history.synced();
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  /** How many times each journaled event is stored in `history`, by id. */
  function storedTimes(history: History, journal: readonly StationEvent[]): number[] {
    const times = new Map<string, number>();
    for (const record of history.scan()) if (record.kind === 'event') times.set(record.event.id, (times.get(record.event.id) ?? 0) + 1);
    return journal.map((event) => times.get(event.id) ?? 0);
  }

  it('across sealed day segments, after a restart from the ingest checkpoint, and after the history lost its tail', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'history.jsonl');
    const checkpoint = join(dir.path, INGEST_CHECKPOINT_FILE);
    const journals = {
      S1: Array.from({ length: 8 }, (_, i) => ({ ...scanEvent('S1', i + 1), incarnation: 'pc-1' })),
      // A gap: seq 3 comes last, so 4 and 5 are held past the contiguous prefix meanwhile.
      S2: Array.from({ length: 6 }, (_, i) => scanEvent('S2', i + 1)),
    };
    const journal = [...journals.S1, ...journals.S2];
    const publish = (ingest: ReturnType<typeof setup>, events: readonly StationEvent[]) => {
      for (const event of events) ingest.send(topics.stationEvents(event.station), event);
    };
    const start = (now = new Date()) => {
      const history = History.open(path, { now: () => now });
      cleanups.push(() => history.close());
      const ingest = setup(history, checkpoint);
      cleanups.push(() => ingest.ingest.close());
      return ingest;
    };
    const stop = async ({ ingest, history }: ReturnType<typeof setup>) => {
      await acked(history);
      ingest.close();
      await ingest.checkpoint();
      history.close();
    };

    // Day one: the first events of each station, S2's with a gap.
    const first = start();
    publish(first, journals.S1.slice(0, 4));
    publish(first, [1, 2, 4, 5].map((seq) => journals.S2[seq - 1]!));
    await stop(first);

    // A day later: the open file is sealed at open; the stations lost their acks and send their whole journals.
    const second = start(new Date(Date.now() + DAY_MS));
    expect(second.history.stats.segments).toBe(1);
    expect(second.ingest.startedFrom).toBe(8);
    // The broker redelivers S2's 4 and 5 first (held past its gap), then the journals come whole.
    publish(second, journals.S2.slice(3, 5));
    publish(second, journal);
    // An impostor under a stored sequence is refused, not taken for a repeat.
    second.send(topics.stationEvents('S2'), scanEvent('S2', 4, 'IMPOSTOR'));
    await acked(second.history);
    expect(second.ingest.stats()).toMatchObject({ accepted: 6, duplicates: 10, rejected: { [IngestRejection.SeqConflict]: 1 } });
    expect(storedTimes(second.history, journal)).toEqual(journal.map(() => 1));
    expect(second.acks).toEqual(expect.arrayContaining([['S1', 8], ['S2', 6]]));
    await stop(second);

    // The open file loses its last four records, three events and the refusal (a restored backup, a disk fault): ingest's checkpoint no longer fits.
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    writeFileSync(path, lines.slice(0, -4).join('\n') + '\n');
    for (const file of readdirSync(dir.path)) if (file.endsWith('.idx')) rmSync(join(dir.path, file));
    const third = start(new Date(Date.now() + DAY_MS));
    expect(third.ingest.startedFrom).toBe(0);
    expect(storedTimes(third.history, journal).filter((times) => times === 0)).toHaveLength(3);
    // The hub asks for a resend from the journals (hub/ingest/recovery.ts); then they are sent again (an ack lost once more).
    publish(third, journal);
    publish(third, journal);
    await acked(third.history);
    expect(third.ingest.stats()).toMatchObject({ accepted: 3, duplicates: 2 * journal.length - 3 });
    expect(storedTimes(third.history, journal)).toEqual(journal.map(() => 1));
    expect(third.acks).toEqual(expect.arrayContaining([['S1', 8], ['S2', 6]]));
    await stop(third);
  });
});
