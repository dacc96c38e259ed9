import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../../common/group-commit.js';

/** A sync the test completes or fails by hand, counting calls. */
function manualSync() {
  const calls: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  const sync = () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, sync };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('covers a burst of writes with one sync, and resolves nobody before it completes', async () => {
    const { calls, sync } = manualSync();
    const commit = new GroupCommit(sync, { name: 'test' });
    const done: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      commit.wrote();
      void commit.synced().then(() => done.push(i));
    }
    await turn();
    expect(calls).toHaveLength(1);
    expect(done).toEqual([]);
    calls[0]!.resolve();
    await turn();
    expect(done).toHaveLength(100);
    expect(commit.pending).toBe(false);
  });

  it('makes writes during a sync in flight wait for the next one', async () => {
    const { calls, sync } = manualSync();
    const commit = new GroupCommit(sync, { name: 'test' });
    const done: string[] = [];
    commit.wrote();
    void commit.synced().then(() => done.push('first'));
    await turn();
    commit.wrote();
    void commit.synced().then(() => done.push('second'));
    calls[0]!.resolve();
    await turn();
    expect(done).toEqual(['first']);
    await turn(); // the next sync starts a turn later, for the writes of that turn to join it
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await turn();
    expect(done).toEqual(['first', 'second']);
  });

  it('resolves at once when nothing was written since the last sync', async () => {
    const commit = new GroupCommit(() => Promise.reject(new Error('never called')), { name: 'test' });
    await expect(commit.synced()).resolves.toBeUndefined();
  });

  it('retries a failed sync by itself, says so, and resolves the waiters only when one succeeds', async () => {
    const { calls, sync } = manualSync();
    const errors: string[] = [];
    let recovered = 0;
    const commit = new GroupCommit(sync, { name: 'test', retryMs: 1, onError: (err) => errors.push((err as NodeJS.ErrnoException).code!), onRecovered: () => (recovered += 1) });
    let done = false;
    commit.wrote();
    const synced = commit.synced().then(() => (done = true));
    await turn();
    calls[0]!.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(commit.failure).toMatchObject({ error: { code: 'EIO' } });
    expect(done).toBe(false);
    calls[1]!.resolve();
    await synced;
    expect(errors).toEqual(['EIO']);
    expect(recovered).toBe(1);
    expect(commit.failure).toBeUndefined();
  });
});
