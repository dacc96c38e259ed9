import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageHealth } from '../../../hub/api/health.js';
import { Ingest } from '../../../hub/ingest/ingest.js';
import { History } from '../../../hub/store/history.js';
import { siteTopics, type StationEvent } from '../../../protocol/index.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';
import { SimulatedDisk } from '../../helpers/sim-disk.js';
import { tempDir } from '../../helpers/temp-dir.js';

const topics = siteTopics('df');

describe('Ingest on a disk that fills up', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());

  function setup() {
    dir = tempDir();
    const disk = new SimulatedDisk();
    const history = History.open(join(dir.path, 'history.jsonl'), { files: disk });
    const acks = new Map<string, number>();
    const replays: Array<[string, number]> = [];
    const ingest = new Ingest({
      topics,
      history,
      onStored: () => undefined,
      sendAck: (station, upTo) => acks.set(station, upTo),
      requestReplay: (station, from) => replays.push([station, from]),
      stallRetryMs: 5,
    });
    const send = (event: StationEvent) => ingest.handle(topics.stationEvents(event.station), Buffer.from(JSON.stringify(event)));
    const storedSeqs = (station: string) =>
      [...history.scan()].flatMap((record) => (record.kind === 'event' && record.station === station ? [record.event.seq] : []));
    return { disk, history, ingest, acks, replays, send, storedSeqs, close: () => (ingest.close(), history.close()) };
  }

  it.each(['ENOSPC', 'EIO', 'EDQUOT'])('stalls without throwing on %s, acks nothing it did not store, and resumes by itself with every event stored once', async (code) => {
    const { disk, ingest, history, acks, replays, send, storedSeqs, close } = setup();
    const events = { S1: [1, 2, 3, 4, 5, 6].map((seq) => scanEvent('S1', seq)), S2: [1, 2, 3].map((seq) => scanEvent('S2', seq)) };
    send(events.S1[0]!);
    send(events.S1[1]!);
    await vi.waitFor(() => expect(acks.get('S1')).toBe(2));

    if (code === 'ENOSPC') disk.fill(100); // the next record is cut short, then nothing fits
    else disk.failWrites(code);
    expect(() => send(events.S1[2]!)).not.toThrow();
    send(events.S1[3]!);
    send(events.S2[0]!);
    ingest.handle(topics.stationStatus('S2'), Buffer.from(JSON.stringify(stationStatus('S2', 'online', 1))));
    expect(ingest.storage()).toMatchObject({ state: 'stalled', code, deferred: 3 });
    expect(storageHealth(ingest, history)).toMatchObject({ writable: false, problem: { code: 'HISTORY_WRITE_FAILED', errno: code } });
    expect(history.lastSeq).toBe(2);
    // Still stalled after retries while the disk refuses; nothing more acked.
    await vi.waitFor(() => expect(Date.parse((ingest.storage() as { retryAt: string }).retryAt) - Date.parse((ingest.storage() as { since: string }).since)).toBeGreaterThan(10));
    expect(acks).toEqual(new Map([['S1', 2]]));
    expect(replays).toEqual([]);

    disk.freeSpace();
    await vi.waitFor(() => expect(ingest.storage().state).toBe('ok'));
    // The payload whose write failed is stored; the stations whose events were passed over are asked for them.
    expect(storedSeqs('S1')).toEqual([1, 2, 3]);
    expect(replays.sort()).toEqual([['S1', 4], ['S2', 1]]);
    expect(ingest.statuses.get('S2')?.bdSeq).toBe(1);
    // The stations send again from there (their outboxes kept everything unacked), the replay overlapping what is stored.
    for (const event of [...events.S1.slice(2), ...events.S2]) send(event);
    await vi.waitFor(() => expect(acks).toEqual(new Map([['S1', 6], ['S2', 3]])));
    expect(storedSeqs('S1')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(storedSeqs('S2')).toEqual([1, 2, 3]);
    expect(ingest.stats()).toMatchObject({ accepted: 9, duplicates: 1 });
    expect(storageHealth(ingest, history)).toEqual({ writable: true, deferred: 3 });
    close();
  });

  it('holds acks while the history cannot be synced, reports it, and sends them once a sync succeeds', async () => {
    const { disk, ingest, history, acks, send, close } = setup();
    disk.failSyncs('EIO');
    send(scanEvent('S1', 1));
    await vi.waitFor(() => expect(history.syncFailure).toBeDefined());
    expect(storageHealth(ingest, history)).toMatchObject({ writable: false, problem: { code: 'HISTORY_SYNC_FAILED', errno: 'EIO' } });
    expect(acks.size).toBe(0);
    disk.freeSpace();
    await vi.waitFor(() => expect(acks.get('S1')).toBe(1), { timeout: 5000 });
    expect(storageHealth(ingest, history).writable).toBe(true);
    close();
  });
});
