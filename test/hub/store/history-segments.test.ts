import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { History, type HistoryEntry } from '../../../hub/store/history.js';
import { scanEvent } from '../../helpers/events.js';
import { seeded } from '../../helpers/seeded.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 2, 1, 6);

function dayAt(day: number, ms = 0): Date {
  return new Date(START + day * DAY_MS + ms);
}

function entry(seq: number, random: () => number): HistoryEntry {
  const keys = [`order:O${Math.floor(random() * 40)}`, `station:S${seq % 3}`];
  if (random() < 0.3) keys.push(`sku:K${Math.floor(random() * 5)}`);
  return { kind: 'event', station: `S${seq % 3}`, event: scanEvent(`S${seq % 3}`, seq), keys };
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const seqsOf = (records: readonly { seq: number }[]) => records.map((r) => r.seq);

/** Every query of `history` answers as `reference` (a history in memory with the same records). */
function expectSameAnswers(history: History, reference: History, random: () => number, ids: string[]): void {
  const last = reference.lastSeq;
  expect(history.lastSeq).toBe(last);
  expect(history.stats.records).toBe(last);
  for (let i = 0; i < 60; i += 1) {
    const from = Math.floor(random() * (last + 2)) - 1;
    const limit = 1 + Math.floor(random() * 400);
    expect(history.since(from, limit)).toEqual(reference.since(from, limit));
  }
  expect(seqsOf([...history.scan(7)])).toEqual(seqsOf([...reference.scan(7)]));
  const keys = ['station:S0', 'station:S1', 'sku:K3', 'order:O7', 'order:O39', 'order:none', ...Array.from({ length: 20 }, () => `order:O${Math.floor(random() * 40)}`)];
  for (const key of keys) {
    const limit = 1 + Math.floor(random() * 300);
    const beforeSeq = random() < 0.5 ? undefined : Math.floor(random() * (last + 10));
    const options = beforeSeq === undefined ? { limit } : { limit, beforeSeq };
    expect(history.byKey(key, options)).toEqual(reference.byKey(key, options));
  }
  for (const id of ids.filter(() => random() < 0.2)) expect(history.hasEventId(id)).toBe(true);
  expect(history.hasEventId('00000000-0000-4000-8000-000000000000')).toBe(false);
}

describe('History segments', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let sealed: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'history.jsonl');
    sealed = join(dir.path, 'history.d');
  });
  afterEach(() => dir.remove());

  it('seals each closed day (and a full segment) and answers across open and sealed segments as one history, before and after reopening', () => {
    const random = seeded(13);
    const reference = History.open();
    let history = History.open(path, { segmentRecords: 700, liveDays: 0, now: () => dayAt(0) });
    const ids: string[] = [];
    let day = 0;
    for (let seq = 1; seq <= 3000; seq += 1) {
      if (random() < 0.004) day += 1 + Math.floor(random() * 2);
      const record = entry(seq, random);
      history.append(record, dayAt(day, seq));
      reference.append(record, dayAt(day, seq));
      if (record.kind === 'event') ids.push(record.event.id);
    }
    const segments = files(sealed).filter((f) => f.endsWith('.jsonl'));
    expect(segments.length).toBeGreaterThan(5);
    expect(files(sealed).filter((f) => f.endsWith('.idx'))).toHaveLength(segments.length);
    expect(segments[0]).toMatch(/^000000000001-\d{12}\.jsonl$/);
    expect(history.stats.segments).toBe(segments.length);
    expect(history.firstSeq).toBe(1);
    // Records keep their sequence, in order, across the files: sealed segments then the open one.
    const lines = [...segments.map((f) => join(sealed, f)), path].flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
    expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual(Array.from({ length: 3000 }, (_v, i) => i + 1));
    expectSameAnswers(history, reference, random, ids);

    history.close();
    history = History.open(path, { segmentRecords: 700, liveDays: 0, now: () => dayAt(day) });
    expectSameAnswers(history, reference, random, ids);
    const next = entry(3001, random);
    expect(history.append(next, dayAt(day + 1)).seq).toBe(3001);
    reference.append(next, dayAt(day + 1));
    expectSameAnswers(history, reference, random, ids);
    history.close();
    reference.close();
  });

  it('seals an existing single-file history whose first day is over when it opens (migration)', () => {
    let history = History.open(path, { segments: false });
    for (let seq = 1; seq <= 500; seq += 1) history.append(entry(seq, seeded(seq)), dayAt(0, seq));
    history.close();
    history = History.open(path, { now: () => dayAt(1) });
    expect(files(sealed)).toEqual(['000000000001-000000000500.idx', '000000000001-000000000500.jsonl']);
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(existsSync(`${path}.idx`)).toBe(false);
    expect(history.lastSeq).toBe(500);
    expect(seqsOf(history.byKey('station:S1'))).toEqual(Array.from({ length: 500 }, (_v, i) => i + 1).filter((s) => s % 3 === 1));
    expect(history.append(entry(501, seeded(501)), dayAt(1)).seq).toBe(501);
    history.close();
  });

  describe('a seal cut short by a crash loses nothing', () => {
    /** Day 0 in the open file, then a seal at open on day 1; returns the sealed segment's name. */
    function sealOnce(): string {
      const history = History.open(path, { now: () => dayAt(0) });
      for (let seq = 1; seq <= 300; seq += 1) history.append(entry(seq, seeded(seq)), dayAt(0, seq));
      history.close();
      History.open(path, { now: () => dayAt(1) }).close();
      return '000000000001-000000000300';
    }

    it('after the index was written but before the rename: the index is removed and the file sealed again', () => {
      const name = sealOnce();
      // As it was before the rename: the records in history.jsonl, the index already in history.d.
      rmSync(path);
      renameSync(join(sealed, `${name}.jsonl`), path);
      let history = History.open(path, { now: () => dayAt(0) });
      expect(files(sealed)).toEqual([]);
      expect(history.lastSeq).toBe(300);
      expect(history.since(0).map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_v, i) => i + 1));
      history.close();
      history = History.open(path, { now: () => dayAt(1) });
      expect(files(sealed)).toEqual([`${name}.idx`, `${name}.jsonl`]);
      expect(history.byKey('station:S0').length).toBe(100);
      history.close();
    });

    it('after the rename, before the new open file exists: it is created and sequences go on', () => {
      sealOnce();
      rmSync(path);
      const history = History.open(path, { now: () => dayAt(1) });
      expect(history.lastSeq).toBe(300);
      expect(history.append(entry(301, seeded(1)), dayAt(1)).seq).toBe(301);
      expect(history.since(298).map((r) => r.seq)).toEqual([299, 300, 301]);
      history.close();
    });

    it('a missing or damaged segment index is built again from the segment', () => {
      const name = sealOnce();
      writeFileSync(join(sealed, `${name}.idx`), 'PGSEG1\n\0garbage');
      let history = History.open(path, { now: () => dayAt(1) });
      expect(history.byKey('station:S2').length).toBe(100);
      history.close();
      rmSync(join(sealed, `${name}.idx`));
      history = History.open(path, { now: () => dayAt(1) });
      expect(history.byKey('station:S2').length).toBe(100);
      expect(files(sealed)).toContain(`${name}.idx`);
      history.close();
    });
  });

  it('archives sealed days past the live window (gzipped, readable with zcat) and answers from the first live record', () => {
    const archive = join(dir.path, 'history-archive');
    let history = History.open(path, { liveDays: 0, now: () => dayAt(0) });
    const ids: string[] = [];
    for (let seq = 1; seq <= 1000; seq += 1) {
      const record = entry(seq, seeded(seq));
      history.append(record, dayAt(Math.floor((seq - 1) / 100), seq));
      if (record.kind === 'event') ids.push(record.event.id);
    }
    history.close();
    const original = files(sealed)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => readFileSync(join(sealed, f), 'utf8'));
    expect(original).toHaveLength(9);

    // With 3 live days on day 10, days 0–6 (last records older than day 7) go; day 9, the open one, is sealed.
    history = History.open(path, { liveDays: 3, now: () => dayAt(10) });
    const archived = files(archive);
    expect(archived).toHaveLength(7);
    expect(archived[0]).toBe('000000000001-000000000100.jsonl.gz');
    expect(gunzipSync(readFileSync(join(archive, archived[0]!))).toString('utf8')).toBe(original[0]);
    expect(files(sealed).filter((f) => f.endsWith('.jsonl'))).toEqual(['000000000701-000000000800.jsonl', '000000000801-000000000900.jsonl', '000000000901-000000001000.jsonl']);
    expect(history.firstSeq).toBe(701);
    expect(history.lastSeq).toBe(1000);
    expect(history.stats.records).toBe(300);
    expect(history.since(0, 2).map((r) => r.seq)).toEqual([701, 702]);
    expect(seqsOf([...history.scan(5)])[0]).toBe(701);
    expect(seqsOf(history.byKey('station:S1', { limit: 1000 }))).toEqual(Array.from({ length: 300 }, (_v, i) => 701 + i).filter((s) => s % 3 === 1));
    expect(history.hasEventId(ids[0]!)).toBe(false);
    expect(history.hasEventId(ids[750]!)).toBe(true);
    history.close();

    // An archive that finished while its segment was not yet removed: the segment goes at open.
    history = History.open(path, { liveDays: 0, now: () => dayAt(10) });
    expect(history.firstSeq).toBe(701);
    history.close();
    writeFileSync(join(archive, '000000000701-000000000800.jsonl.gz'), readFileSync(join(archive, archived[0]!)));
    history = History.open(path, { liveDays: 0, now: () => dayAt(10) });
    expect(history.firstSeq).toBe(801);
    expect(history.append(entry(1001, seeded(1)), dayAt(10)).seq).toBe(1001);
    history.close();
  });
});
