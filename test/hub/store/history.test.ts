import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { History, type HistoryEntry } from '../../../hub/store/history.js';
import { scanEvent, stationStatus } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

function scan(station: string, seq: number, keys: string[] = []): HistoryEntry {
  return { kind: 'event', station, event: scanEvent(station, seq), keys };
}

/** The same behaviour in memory and on disk. */
describe.each([
  ['in memory', () => undefined],
  ['on disk', (dir: string) => join(dir, 'hub', 'history.jsonl')],
])('History (%s)', (_mode, pathIn) => {
  let dir: ReturnType<typeof tempDir>;
  let history: History;
  beforeEach(() => {
    dir = tempDir();
    history = History.open(pathIn(dir.path));
  });
  afterEach(() => {
    history.close();
    dir.remove();
  });

  it('numbers records from 1 and stamps them', () => {
    expect(history.lastSeq).toBe(0);
    const record = history.append(scan('S1', 1), new Date('2026-11-22T08:00:00Z'));
    expect(record).toMatchObject({ seq: 1, at: '2026-11-22T08:00:00.000Z', kind: 'event', station: 'S1' });
    expect(history.append({ kind: 'station', station: 'S1', status: stationStatus('S1', 'online', 1) }).seq).toBe(2);
    expect(history.lastSeq).toBe(2);
  });

  it('answers since(seq, limit) oldest first, and scan() for every record after a sequence', () => {
    for (let seq = 1; seq <= 10; seq += 1) history.append(scan('S1', seq));
    expect(history.since(7).map((r) => r.seq)).toEqual([8, 9, 10]);
    expect(history.since(2, 3).map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(history.since(10)).toEqual([]);
    expect(history.since(-5, 2).map((r) => r.seq)).toEqual([1, 2]);
    expect([...history.scan(4)].map((r) => r.seq)).toEqual([5, 6, 7, 8, 9, 10]);
    expect([...history.scan()]).toHaveLength(10);
  });

  it('finds a timeline by key, newest `limit` first cut, oldest first in the answer, paged with beforeSeq', () => {
    for (let seq = 1; seq <= 20; seq += 1) {
      history.append(scan('S1', seq, [`order:O${seq % 3}`, 'station:S1', `order:O${seq % 3}`]));
    }
    const timeline = history.byKey('order:O1');
    expect(timeline.map((r) => r.seq)).toEqual([1, 4, 7, 10, 13, 16, 19]);
    expect(timeline[0]).toMatchObject({ kind: 'event', keys: ['order:O1', 'station:S1', 'order:O1'] });
    expect(history.byKey('order:O1', { limit: 3 }).map((r) => r.seq)).toEqual([13, 16, 19]);
    expect(history.byKey('order:O1', { limit: 3, beforeSeq: 13 }).map((r) => r.seq)).toEqual([4, 7, 10]);
    expect(history.byKey('station:S1', { limit: 4, beforeSeq: 9 }).map((r) => r.seq)).toEqual([5, 6, 7, 8]);
    expect(history.byKey('order:nope')).toEqual([]);
    expect(history.stats).toMatchObject({ records: 20, keys: 4, postings: 40 });
  });

  it('knows which event ids it holds', () => {
    const event = scanEvent('S1', 1);
    history.append({ kind: 'event', station: 'S1', event });
    history.append({ kind: 'rejected', station: 'S1', code: 'X', message: 'm', topic: 't', payload: event.id });
    expect(history.hasEventId(event.id)).toBe(true);
    expect(history.hasEventId(scanEvent('S1', 1).id)).toBe(false);
  });
});

describe('History file', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'history.jsonl');
  });
  afterEach(() => dir.remove());

  function fill(count: number, options?: Parameters<typeof History.open>[1]): HistoryEntry[] {
    const history = History.open(path, options);
    const entries: HistoryEntry[] = [];
    for (let seq = history.lastSeq + 1; entries.length < count; seq += 1) {
      entries.push(scan('S1', seq, [`order:O${seq % 4}`]));
      history.append(entries.at(-1)!);
    }
    history.close();
    return entries;
  }

  it('reads back every record, its keys and its event ids after reopening, with or without the checkpoint', () => {
    const entries = fill(50);
    for (const withCheckpoint of [true, false]) {
      if (!withCheckpoint) writeFileSync(`${path}.idx`, 'gone');
      const history = History.open(path);
      expect(history.lastSeq).toBe(50);
      const eventOf = (e: HistoryEntry) => (e.kind === 'event' ? e.event : undefined);
      expect(history.since(0).map(eventOf)).toEqual(entries.map(eventOf));
      expect(history.byKey('order:O2').map((r) => r.seq)).toEqual([2, 6, 10, 14, 18, 22, 26, 30, 34, 38, 42, 46, 50]);
      const last = entries.at(-1)!;
      expect(last.kind === 'event' && history.hasEventId(last.event.id)).toBe(true);
      history.close();
    }
  });

  it('indexes the records written after the last checkpoint', () => {
    fill(30);
    const checkpoint = readFileSync(`${path}.idx`);
    fill(12);
    writeFileSync(`${path}.idx`, checkpoint); // as if killed before the next checkpoint
    const history = History.open(path);
    expect(history.lastSeq).toBe(42);
    expect(history.byKey('order:O1', { limit: 3 }).map((r) => r.seq)).toEqual([33, 37, 41]);
    expect(history.append(scan('S1', 43)).seq).toBe(43);
    history.close();
  });

  it('ignores a checkpoint that does not fit the file (shorter, or another file)', () => {
    fill(30);
    const checkpoint = readFileSync(`${path}.idx`);
    dir.remove();
    dir = tempDir();
    path = join(dir.path, 'history.jsonl');
    fill(10);
    writeFileSync(`${path}.idx`, checkpoint);
    let history = History.open(path);
    expect(history.lastSeq).toBe(10);
    expect(history.byKey('order:O1').map((r) => r.seq)).toEqual([1, 5, 9]);
    history.close();
    fill(30);
    writeFileSync(`${path}.idx`, checkpoint);
    history = History.open(path);
    expect(history.byKey('order:O1').map((r) => r.seq)).toEqual([1, 5, 9, 13, 17, 21, 25, 29, 33, 37]);
    history.close();
  });

  it('saves a checkpoint every `checkpointEvery` appends', () => {
    const history = History.open(path, { checkpointEvery: 5 });
    for (let seq = 1; seq <= 7; seq += 1) history.append(scan('S1', seq, ['k']));
    const checkpoint = readFileSync(`${path}.idx`);
    history.close();
    writeFileSync(`${path}.idx`, checkpoint);
    const reopened = History.open(path);
    expect(reopened.byKey('k').map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    reopened.close();
  });

  it.each([
    ['a torn last line', '{"kind":"event","sta'],
    ['an unreadable last line', '{not json}\n'],
    ['a line out of sequence', JSON.stringify({ seq: 9 }) + '\n'],
    ['zeros where a power loss left them', '\u0000'.repeat(100)],
  ])('cuts off %s and appends cleanly after it', (_name, tail) => {
    fill(3);
    const intact = readFileSync(path, 'utf8');
    appendFileSync(path, tail);
    const history = History.open(path);
    expect(history.lastSeq).toBe(3);
    history.append(scan('S1', 4));
    history.close();
    const after = readFileSync(path, 'utf8').slice(intact.length);
    expect(after.split('\n')).toEqual([expect.stringMatching(/^\{"kind":"event".*"seq":4,/), '']);
    const again = History.open(path);
    expect(again.since(0).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    again.close();
  });

  it('refuses to open a file with an unreadable record before good ones', () => {
    fill(3);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = '{garbage';
    writeFileSync(path, lines.join('\n'));
    writeFileSync(`${path}.idx`, '');
    expect(() => History.open(path)).toThrow(expect.objectContaining({ code: 'HISTORY_CORRUPT' }));
  });

  it('reads a line longer than its read buffer', () => {
    const history = History.open(path);
    const big = 'B'.repeat(5 * 1024 * 1024);
    history.append({ kind: 'rejected', station: 'S1', code: 'X', message: 'big', topic: 't', payload: big });
    history.append(scan('S1', 2));
    history.close();
    writeFileSync(`${path}.idx`, '');
    const reopened = History.open(path);
    expect(reopened.lastSeq).toBe(2);
    expect(reopened.since(0, 1)[0]).toMatchObject({ kind: 'rejected', payload: big });
    reopened.close();
  });
});
