import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryRecord } from '../hub/store/history.js';
import { IdIndex } from '../hub/store/id-index.js';
import { KeyIndex } from '../hub/store/key-index.js';
import { writeSegmentIndex } from '../hub/store/segment-index.js';
import { segmentFolders, segmentName } from '../hub/store/segments.js';
import { entryFor } from './history-data.js';

/** How many events the segmented history is measured at (`PACKGATE_BENCH_HISTORY_LARGE_EVENTS`; 0 skips it). */
export const LARGE_EVENTS = Number(process.env.PACKGATE_BENCH_HISTORY_LARGE_EVENTS ?? 10_000_000);
const DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The first day's start; the last of the 365 days ends a day before the open (so all are sealed and live). */
export const LARGE_START = Date.UTC(2025, 11, 1);

/**
 * Writes `events` records as sealed day segments in `history.d/` beside `historyPath`, a day at
 * a time (a day's records in memory, never more), each with its index written by the store's own
 * `writeSegmentIndex` from the store's own `KeyIndex` and `IdIndex`: what a seal leaves. Records
 * are spread evenly over 365 days from `start` (about 27,400 a day at 10M), `at` advancing through each day.
 */
export function generateSegments(historyPath: string, events: number, start = LARGE_START): { segments: number; ms: number; indexMs: number; bytes: number } {
  const started = Date.now();
  const { sealed } = segmentFolders(historyPath);
  mkdirSync(sealed, { recursive: true, mode: 0o700 });
  const perDay = Math.ceil(events / DAYS);
  let indexMs = 0;
  let segments = 0;
  for (let first = 1, day = 0; first <= events; first += perDay, day += 1) {
    const last = Math.min(events, first + perDay - 1);
    const keys = new KeyIndex();
    const ids = new IdIndex(perDay);
    const starts = new Float64Array(last - first + 2);
    const lines: string[] = [];
    let bytes = 0;
    let firstAt = '';
    let lastAt = '';
    for (let seq = first; seq <= last; seq += 1) {
      const at = new Date(start + day * DAY_MS + Math.floor(((seq - first) * DAY_MS) / perDay)).toISOString();
      const record = { ...entryFor(seq), seq, at } as HistoryRecord;
      const line = JSON.stringify(record) + '\n';
      lines.push(line);
      bytes += Buffer.byteLength(line, 'utf8');
      starts[seq - first + 1] = bytes;
      if (record.keys) keys.add(record.keys, seq);
      if (record.kind === 'event') ids.add(record.event.id, seq);
      if (seq === first) firstAt = at;
      lastAt = at;
    }
    const name = segmentName(first, last);
    writeFileSync(join(sealed, `${name}.jsonl`), lines.join(''), { mode: 0o600 });
    const indexStart = process.hrtime.bigint();
    writeSegmentIndex(join(sealed, `${name}.idx`), { first, count: last - first + 1, starts, keys: keys.entries(), ids: ids.snapshot(), firstAt, lastAt });
    indexMs += Number(process.hrtime.bigint() - indexStart) / 1e6;
    segments += 1;
  }
  const bytes = readdirSync(sealed).reduce((sum, file) => sum + statSync(join(sealed, file)).size, 0);
  return { segments, ms: Date.now() - started, indexMs, bytes };
}
