import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLock, LOCK_FILE, type LockHolder } from '../../common/data-lock.js';
import { tempDir } from '../helpers/temp-dir.js';

const onLinux = existsSync('/proc/sys/kernel/random/boot_id');

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('DataLock', () => {
  let dir: ReturnType<typeof tempDir>;
  const locks: DataLock[] = [];
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    for (const lock of locks.splice(0)) lock.release();
    dir.remove();
  });
  const acquire = async (owner = 'hub') => {
    const lock = await DataLock.acquire(dir.path, owner);
    locks.push(lock);
    return lock;
  };
  const plant = (holder: Partial<LockHolder>) => {
    const record: LockHolder = { v: 1, owner: 'hub', pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', nonce: 'planted', ...holder };
    writeFileSync(join(dir.path, LOCK_FILE), JSON.stringify(record));
  };

  it('refuses a second holder with DATA_LOCKED naming the pid and --data, and frees the folder on release', async () => {
    const first = await acquire('hub');
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_FILE), 'utf8'))).toMatchObject({ owner: 'hub', pid: process.pid, host: hostname() });
    const refused = DataLock.acquire(dir.path, 'station S1');
    await expect(refused).rejects.toMatchObject({ code: 'DATA_LOCKED' });
    await expect(refused).rejects.toThrow(`in use by hub (pid ${process.pid}`);
    await expect(refused).rejects.toThrow('--data');

    first.release();
    first.release();
    expect(existsSync(join(dir.path, LOCK_FILE))).toBe(false);
    await acquire('station S1');
  });

  it('takes over the lock of a process that is gone', async () => {
    plant({ pid: deadPid() });
    const lock = await acquire();
    expect(lock.holder.pid).toBe(process.pid);
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_FILE), 'utf8')).nonce).toBe(lock.holder.nonce);
    expect(readdirSync(dir.path)).toEqual([LOCK_FILE]);
  });

  it("takes over a lock of this pid that this process does not hold (a container restarted with the holder's pid)", async () => {
    plant({ pid: process.pid, nonce: 'from-before-the-restart' });
    await acquire();
  });

  it('takes over a lock file left unreadable, once it is not fresh', async () => {
    writeFileSync(join(dir.path, LOCK_FILE), '{"v":1,"pi');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir.path, LOCK_FILE), minuteAgo, minuteAgo);
    const lock = await acquire();
    expect(lock.holder.pid).toBe(process.pid);
  });

  it('never takes over a lock of another host: it names the host and the file to delete', async () => {
    plant({ pid: 4242, host: 'old-hub-pc' });
    const refused = DataLock.acquire(dir.path, 'hub');
    await expect(refused).rejects.toMatchObject({ code: 'DATA_LOCKED' });
    await expect(refused).rejects.toThrow(`pid 4242 on host old-hub-pc`);
    await expect(refused).rejects.toThrow(join(dir.path, LOCK_FILE));
  });

  it('keeps a lock whose pid is alive', async () => {
    plant({ pid: process.ppid, nonce: 'parent' });
    await expect(DataLock.acquire(dir.path, 'hub')).rejects.toMatchObject({ code: 'DATA_LOCKED' });
  });

  it.runIf(onLinux)('takes over a live pid of another boot (a power cut) or another process start (a reused pid)', async () => {
    plant({ pid: process.ppid, bootId: '00000000-0000-0000-0000-000000000000' });
    (await acquire()).release();
    plant({ pid: process.ppid, processStart: '1' });
    await acquire();
  });

  it('does not remove a lock that another holder has taken since', async () => {
    const lock = await acquire();
    plant({ pid: process.ppid, nonce: 'someone else' });
    lock.release();
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_FILE), 'utf8')).nonce).toBe('someone else');
  });
});
