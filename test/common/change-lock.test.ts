import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLockPath, withChangeLock } from '../../common/change-lock.js';
import type { LockHolder } from '../../common/lock-file.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withChangeLock', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let lockPath: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'doc.json');
    lockPath = changeLockPath(path);
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    dir.remove();
  });

  const plant = (holder: Partial<LockHolder>, ageMs = 0) => {
    const record: LockHolder = { v: 1, owner: 'a change of doc.json', pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), nonce: 'planted', ...holder };
    writeFileSync(lockPath, JSON.stringify(record));
    const then = new Date(Date.now() - ageMs);
    utimesSync(lockPath, then, then);
  };
  /** A live process on this host that is not this one. */
  const livePid = async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")']);
    children.push(child);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    return child.pid!;
  };

  it('holds a 0600 lock file beside the document during the work only, also when the work throws', async () => {
    const seen = await withChangeLock(path, async () => {
      const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
      return { holder, mode: statSync(lockPath).mode & 0o777 };
    });
    expect(seen.holder).toMatchObject({ pid: process.pid, host: hostname() });
    if (process.platform !== 'win32') expect(seen.mode).toBe(0o600);
    expect(existsSync(lockPath)).toBe(false);
    await expect(withChangeLock(path, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('makes a second change wait for the first', async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = withChangeLock(path, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    // Both have tried the lock by now: each call runs up to its first await at once.
    const second = withChangeLock(path, async () => void order.push('second'));
    expect(order).toEqual(['first in']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second']);
  });

  it('takes over the lock of a process that is gone', async () => {
    plant({ pid: deadPid() });
    expect(await withChangeLock(path, async () => (JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder).pid)).toBe(process.pid);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('takes over a lock held longer than the stale bound, even by a live process', async () => {
    plant({ pid: await livePid() }, 60_000);
    expect(await withChangeLock(path, async () => 'done', { waitMs: 0 })).toBe('done');
  });

  it('takes over a lock file left unreadable once it is not fresh', async () => {
    writeFileSync(lockPath, '{"v":1,"pi');
    const then = new Date(Date.now() - 60_000);
    utimesSync(lockPath, then, then);
    expect(await withChangeLock(path, async () => 'done', { waitMs: 0 })).toBe('done');
  });

  it('gives up on a live holder after the wait with FILE_LOCKED naming the file and its pid, and leaves its lock', async () => {
    const pid = await livePid();
    plant({ pid });
    let ran = false;
    const refused = withChangeLock(path, async () => void (ran = true), { waitMs: 200 });
    await expect(refused).rejects.toMatchObject({ code: 'FILE_LOCKED' });
    await expect(refused).rejects.toThrow(`${path} is being changed by pid ${pid}`);
    expect(ran).toBe(false);
    expect((JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder).pid).toBe(pid);
  });
});
