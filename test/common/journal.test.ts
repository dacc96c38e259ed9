import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../common/journal.js';
import { SimulatedDisk } from '../helpers/sim-disk.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('Journal', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('reads back every record in order after reopening', () => {
    const path = join(dir.path, 'a.jsonl');
    const first = Journal.open<{ n: number }>(path);
    expect(first.records).toEqual([]);
    for (let n = 1; n <= 3; n += 1) first.journal.append({ n });
    first.journal.close();
    const again = Journal.open<{ n: number }>(path);
    again.journal.close();
    expect(again.records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('cuts off a record torn by a crash mid-write and appends cleanly after it', () => {
    const path = join(dir.path, 'torn.jsonl');
    const first = Journal.open<{ n: number }>(path);
    first.journal.append({ n: 1 });
    first.journal.close();
    appendFileSync(path, '{"n":2,"pay');
    const reopened = Journal.open<{ n: number }>(path);
    expect(reopened.records).toEqual([{ n: 1 }]);
    reopened.journal.append({ n: 3 });
    reopened.journal.close();
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":3}\n');
  });
});

describe('Journal on a disk that fills up', () => {
  it('refuses an append with JOURNAL_WRITE_FAILED and the errno, leaves no partial record, and appends again once space returns', async () => {
    const disk = new SimulatedDisk();
    const { journal } = Journal.open<{ n: number; pad: string }>('/sim/journal.jsonl', { files: disk });
    journal.append({ n: 1, pad: '' });
    disk.fill(10); // the next record is written in part, then nothing fits
    let thrown: unknown;
    try {
      journal.appendAll([{ n: 2, pad: 'x'.repeat(40) }, { n: 3, pad: '' }]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'JOURNAL_WRITE_FAILED', cause: { code: 'ENOSPC' } });
    expect(disk.content('/sim/journal.jsonl').toString()).toBe('{"n":1,"pad":""}\n');
    disk.freeSpace();
    journal.append({ n: 4, pad: '' });
    await journal.synced();
    journal.close();
    expect(Journal.open<{ n: number }>('/sim/journal.jsonl', { files: disk }).records.map((r) => r.n)).toEqual([1, 4]);
    expect(disk.durable('/sim/journal.jsonl').toString()).toBe('{"n":1,"pad":""}\n{"n":4,"pad":""}\n');
  });
});
