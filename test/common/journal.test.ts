import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileLayer } from '../../common/file-io.js';
import { Journal } from '../../common/journal.js';
import { SimulatedDisk } from '../helpers/sim-disk.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Where a journal's file lives: the machine's disk through node:fs, or the simulated disk the power-cut tests use. */
interface Backend {
  readonly name: string;
  /** A fresh backend for one test; `done` removes what it made. */
  make(): { files: FileLayer | undefined; path: (name: string) => string; append: (path: string, text: string) => void; read: (path: string) => string; done: () => void };
}

const BACKENDS: readonly Backend[] = [
  {
    name: 'on the disk (node:fs)',
    make() {
      const dir = tempDir();
      return { files: undefined, path: (name) => join(dir.path, name), append: appendFileSync, read: (path) => readFileSync(path, 'utf8'), done: dir.remove };
    },
  },
  {
    name: 'on the simulated disk',
    make() {
      const disk = new SimulatedDisk();
      const append = (path: string, text: string) => {
        const file = disk.openAppend(path);
        file.write(Buffer.from(text), 0);
        file.close();
      };
      return { files: disk, path: (name) => `/sim/${name}`, append, read: (path) => disk.content(path).toString('utf8'), done: () => undefined };
    },
  },
];

/* One suite over both file layers, as aedes runs one persistence suite over every store. */
describe.each(BACKENDS)('Journal $name', (backend) => {
  let made: ReturnType<Backend['make']>;
  let open: <T>(path: string) => { journal: Journal<T>; records: T[] };
  beforeEach(() => {
    made = backend.make();
    open = (path) => Journal.open(path, made.files ? { files: made.files } : {});
  });
  afterEach(() => made.done());

  it('reads back every record in order after reopening', () => {
    const path = made.path('a.jsonl');
    const first = open<{ n: number }>(path);
    expect(first.records).toEqual([]);
    for (let n = 1; n <= 3; n += 1) first.journal.append({ n });
    first.journal.close();
    const again = open<{ n: number }>(path);
    again.journal.close();
    expect(again.records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('cuts off a record torn by a crash mid-write and appends cleanly after it', () => {
    const path = made.path('torn.jsonl');
    const first = open<{ n: number }>(path);
    first.journal.append({ n: 1 });
    first.journal.close();
    made.append(path, '{"n":2,"pay');
    const reopened = open<{ n: number }>(path);
    expect(reopened.records).toEqual([{ n: 1 }]);
    reopened.journal.append({ n: 3 });
    reopened.journal.close();
    expect(made.read(path)).toBe('{"n":1}\n{"n":3}\n');
  });

  it('resolves synced() once what was appended is on the disk', async () => {
    const path = made.path('sync.jsonl');
    const { journal } = open<{ n: number }>(path);
    journal.appendAll([{ n: 1 }, { n: 2 }]);
    await journal.synced();
    journal.close();
    const again = open<{ n: number }>(path);
    again.journal.close();
    expect(again.records).toEqual([{ n: 1 }, { n: 2 }]);
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
