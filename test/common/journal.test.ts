import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../common/journal.js';
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
