import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHubState } from '../../../hub/store/state.js';
import { TokenBook } from '../../../hub/store/token-book.js';
import { tempDir } from '../../helpers/temp-dir.js';

/*
 * The token book follows the state file another process may edit (`packgate hub token create`),
 * while the hub makes tokens of its own in it: a token made in-process is known at once, and a
 * re-read of the file never takes back one it knew.
 */

describe('TokenBook over a watched state file', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let book: TokenBook;

  beforeEach(async () => {
    dir = tempDir();
    path = join(dir.path, 'hub-state.json');
    writeFileSync(path, JSON.stringify({ tokens: [], stations: [] }));
    book = new TokenBook(await openHubState(path));
    book.watch(path);
  });
  afterEach(() => {
    book.close();
    dir.remove();
  });

  /** Re-reads the file again and again, as the watcher does when writes come fast, until `stop` says. */
  function rereadUntil(stop: { done: boolean }): Promise<void> {
    return (async () => {
      while (!stop.done) await book.reload();
    })();
  }

  it('knows each token it made the moment create resolves, 200 in a row while the file is re-read', async () => {
    const stop = { done: false };
    const rereading = rereadUntil(stop);
    const unknown: number[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const { record } = await book.create(`t${i}`, 'viewer');
        if (!book.list().some((known) => known.id === record.id)) unknown.push(i);
      }
    } finally {
      stop.done = true;
      await rereading;
    }
    expect(unknown).toEqual([]);
    expect(book.list()).toHaveLength(200);
  });

  it('keeps every token of creates that overlap, in memory and in the file', async () => {
    const stop = { done: false };
    const rereading = rereadUntil(stop);
    const made = await Promise.all(Array.from({ length: 50 }, (_, i) => book.create(`t${i}`, 'viewer'))).finally(() => (stop.done = true));
    await rereading;
    const ids = made.map(({ record }) => record.id).sort();
    expect(book.list().map((record) => record.id).sort()).toEqual(ids);
    await book.reload();
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as { tokens: Array<{ id: string }> };
    expect(onDisk.tokens.map((record) => record.id).sort()).toEqual(ids);
  });

  it('takes a token another process revoked, and keeps its own when the file holds no token list', async () => {
    const { record } = await book.create('kept', 'manager');
    const { record: other } = await book.create('revoked elsewhere', 'viewer');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { tokens: Array<{ id: string }>; stations: unknown[] };
    writeFileSync(path, JSON.stringify({ ...doc, tokens: doc.tokens.filter((token) => token.id !== other.id) }));
    await book.reload();
    expect(book.list().map((token) => token.id)).toEqual([record.id]);
    writeFileSync(path, JSON.stringify({ stations: [] }));
    await book.reload();
    writeFileSync(path, '{"tokens": [');
    await book.reload();
    expect(book.list().map((token) => token.id)).toEqual([record.id]);
  });
});
