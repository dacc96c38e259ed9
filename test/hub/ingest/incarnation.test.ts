import type { UUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Ingest } from '../../../hub/ingest/ingest.js';
import { IngestRejection } from '../../../hub/ingest/reasons.js';
import { History, type HistoryRecord } from '../../../hub/store/history.js';
import { siteTopics, type StationStatus } from '../../../protocol/index.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';

const topics = siteTopics('t');
const OLD = 'old-folder';
const NEW = 'new-folder';

function setup(history = History.open()) {
  const stored: HistoryRecord[] = [];
  const acks: Array<[string, number, string | undefined]> = [];
  const resets: Array<[string, string | undefined, string | undefined]> = [];
  const changes: StationStatus[] = [];
  const ingest = new Ingest({
    topics,
    history,
    onStored: (record) => stored.push(record),
    sendAck: (station, upTo, incarnation) => acks.push([station, upTo, incarnation]),
    onReset: (station, incarnation, previous) => resets.push([station, incarnation, previous]),
    onStatusChange: (status) => changes.push(status),
  });
  const send = (topic: string, payload: unknown) => ingest.handle(topic, Buffer.from(JSON.stringify(payload)));
  const event = (seq: number, incarnation?: string, id?: UUID) => {
    const built = scanEvent('S1', seq, `CODE-${seq}`, id);
    send(topics.stationEvents('S1'), incarnation === undefined ? built : { ...built, incarnation });
    return built.id as UUID;
  };
  const status = (state: StationStatus['state'], bdSeq: number, incarnation?: string) =>
    send(topics.stationStatus('S1'), { ...stationStatus('S1', state, bdSeq), ...(incarnation === undefined ? {} : { incarnation }) });
  const flushed = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { ingest, stored, acks, resets, changes, event, status, flushed, history };
}

describe('Ingest: station incarnations', () => {
  it('stores a new incarnation from seq 1, acks it by incarnation, and reports the reset once', async () => {
    const { ingest, stored, acks, resets, event, flushed } = setup();
    for (const seq of [1, 2, 3]) event(seq, OLD);
    await flushed();
    expect(acks.at(-1)).toEqual(['S1', 3, OLD]);
    for (const seq of [1, 2]) event(seq, NEW);
    await flushed();
    expect(stored.filter((r) => r.kind === 'event')).toHaveLength(5);
    expect(ingest.stats()).toMatchObject({ accepted: 5, rejected: {} });
    expect(acks.at(-1)).toEqual(['S1', 2, NEW]);
    expect(resets).toEqual([['S1', NEW, OLD]]);
  });

  it('keeps exactly-once within an incarnation: a seq under another id is SEQ_CONFLICT, a known id a duplicate', async () => {
    const { ingest, stored, event, resets } = setup();
    const id = event(1, NEW);
    event(1, NEW);
    event(1, OLD, id);
    expect(stored.map((r) => r.kind)).toEqual(['event', 'rejected']);
    expect(stored[1]).toMatchObject({ code: IngestRejection.SeqConflict });
    expect(ingest.stats()).toMatchObject({ accepted: 1, duplicates: 1, rejected: { [IngestRejection.SeqConflict]: 1 } });
    expect(resets).toEqual([]);
  });

  it("takes a new folder's birth whatever its bdSeq, and ignores the old folder's will after it", () => {
    const { ingest, changes, resets, status } = setup();
    status('online', 40, OLD);
    status('offline', 40, OLD);
    status('online', 1, NEW);
    status('offline', 41, OLD);
    expect(changes.map((s) => [s.state, s.incarnation])).toEqual([['online', OLD], ['offline', OLD], ['online', NEW]]);
    expect(ingest.statuses.get('S1')).toMatchObject({ state: 'online', incarnation: NEW });
    expect(resets).toEqual([['S1', NEW, OLD]]);
  });

  it('stores late events of the incarnation left behind once each, without another reset', () => {
    const { ingest, event, resets } = setup();
    event(1, OLD);
    event(1, NEW);
    event(2, OLD);
    event(2, NEW);
    expect(ingest.stats()).toMatchObject({ accepted: 4, rejected: {} });
    expect(resets).toEqual([['S1', NEW, OLD]]);
  });

  it('counts a first incarnation after events without one as a reset; those keep their station-only key', async () => {
    const { ingest, resets, event } = setup();
    event(1);
    event(2);
    event(1, NEW);
    expect(resets).toEqual([['S1', NEW, undefined]]);
    expect(ingest.sequence('S1').contiguous).toBe(2);
    expect(ingest.sequence('S1', NEW).contiguous).toBe(1);
  });

  it('rebuilds each incarnation from the history at start, alerting nothing again', async () => {
    const history = History.open();
    const first = setup(history);
    first.event(1);
    first.status('online', 5);
    first.event(1, NEW);
    first.event(2, NEW);
    first.status('online', 1, NEW);
    await first.flushed();

    const again = setup(history);
    await again.flushed();
    expect(again.resets).toEqual([]);
    expect(again.acks).toEqual(expect.arrayContaining([['S1', 1, undefined], ['S1', 2, NEW]]));
    again.event(2, NEW);
    again.event(3, NEW);
    again.status('offline', 5);
    expect(again.stored.map((r) => r.kind)).toEqual(['rejected', 'event']);
    expect(again.ingest.statuses.get('S1')).toMatchObject({ state: 'online', incarnation: NEW });
    expect(again.resets).toEqual([]);
  });
});
