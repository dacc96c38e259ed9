import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../common/journal.js';
import type { StationEvent } from '../../../protocol/index.js';
import { trimJournal } from '../../../station/store/journal-retention.js';
import { scanEvent } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 30);

describe('the station journal retention', () => {
  let dir: ReturnType<typeof tempDir>;
  let journal: Journal<StationEvent>;
  beforeEach(() => {
    dir = tempDir();
    journal = Journal.open<StationEvent>(join(dir.path, 'journal.jsonl')).journal;
  });
  afterEach(() => {
    journal.close();
    dir.remove();
  });
  /** Ten events, seq n made n days before NOW - 10 days + n (seq 10 is the newest, one day old). */
  const fill = () => {
    for (let seq = 1; seq <= 10; seq += 1) journal.append({ ...scanEvent('S1', seq), at: new Date(NOW - (11 - seq) * DAY).toISOString() });
  };
  const seqs = () => Journal.open<StationEvent>(journal.path).records.map((event) => event.seq);

  it('drops acked events older than its days, keeps the rest, and appends after the trim', () => {
    fill();
    const trimmed = trimJournal(journal, 10, { maxAgeMs: 7 * DAY, maxBytes: 1 << 30 }, NOW);
    expect(trimmed).toMatchObject({ firstSeq: 4, dropped: 3 });
    journal.append(scanEvent('S1', 11));
    expect(seqs()).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('drops the oldest acked events while the file is over its bytes', () => {
    fill();
    const line = readFileSync(journal.path, 'utf8').split('\n')[0]!.length + 1;
    const trimmed = trimJournal(journal, 10, { maxAgeMs: 365 * DAY, maxBytes: 4 * line + 10 }, NOW);
    expect(trimmed.firstSeq).toBe(7);
    expect(seqs()).toEqual([7, 8, 9, 10]);
  });

  it('never drops an event the hub has not acked, whatever its age and size', () => {
    fill();
    const trimmed = trimJournal(journal, 2, { maxAgeMs: 0, maxBytes: 0 }, NOW);
    expect(trimmed).toMatchObject({ firstSeq: 3, dropped: 2 });
    expect(seqs()).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('leaves a journal within its retention as it is, and says it holds nothing when empty', () => {
    expect(trimJournal(journal, 0, { maxAgeMs: DAY, maxBytes: 1 }, NOW)).toEqual({ firstSeq: undefined, dropped: 0, bytes: 0 });
    fill();
    expect(trimJournal(journal, 10, { maxAgeMs: 30 * DAY, maxBytes: 1 << 30 }, NOW)).toMatchObject({ firstSeq: 1, dropped: 0 });
  });
});
