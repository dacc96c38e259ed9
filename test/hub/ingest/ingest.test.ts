import { describe, expect, it } from 'vitest';
import { IngestRejection } from '../../../hub/ingest/reasons.js';
import { Ingest } from '../../../hub/ingest/ingest.js';
import { History, type HistoryRecord } from '../../../hub/store/history.js';
import { siteTopics } from '../../../protocol/index.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';

const topics = siteTopics('t');

function setup(history = History.open()) {
  const stored: HistoryRecord[] = [];
  const acks: Array<[string, number]> = [];
  const replays: Array<[string, number]> = [];
  const ingest = new Ingest({
    topics,
    history,
    onStored: (record) => stored.push(record),
    sendAck: (station, upTo) => acks.push([station, upTo]),
    requestReplay: (station, from) => replays.push([station, from]),
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
});
