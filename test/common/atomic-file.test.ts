import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

/** Every file-system call the writer makes that decides durability, in order. */
const calls: string[] = [];
const paths = new Map<number, string>();

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    openSync: (path: string, flags: string, mode?: number) => {
      const fd = real.openSync(path, flags, mode);
      paths.set(fd, path);
      calls.push(`open ${path}`);
      return fd;
    },
    fsyncSync: (fd: number) => {
      calls.push(`fsync ${paths.get(fd)}`);
      real.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      calls.push(`rename ${from} ${to}`);
      real.renameSync(from, to);
    },
  };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (path: string, flags: string, mode?: number) => {
      const handle = await real.open(path, flags, mode);
      calls.push(`open ${path}`);
      const sync = handle.sync.bind(handle);
      handle.sync = () => (calls.push(`fsync ${path}`), sync());
      return handle;
    },
    rename: async (from: string, to: string) => {
      calls.push(`rename ${from} ${to}`);
      await real.rename(from, to);
    },
  };
});

const { AtomicJsonFile, AtomicJsonFileSync, writeFileAtomic, writeFileAtomicSync } = await import('../../common/atomic-file.js');

describe('atomic file writes', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    calls.length = 0;
  });
  afterEach(() => dir.remove());

  it.each([
    ['sync', (path: string, data: string) => writeFileAtomicSync(path, data)],
    ['async', (path: string, data: string) => writeFileAtomic(path, data)],
  ])('(%s) writes a temporary file, fsyncs it, renames it over the file and fsyncs the folder', async (_, write) => {
    const path = join(dir.path, 'state.json');
    fs.writeFileSync(path, 'old');
    await write(path, '{"new":true}');
    expect(fs.readFileSync(path, 'utf8')).toBe('{"new":true}');
    const temp = calls[0]!.slice('open '.length);
    expect(temp).toMatch(/[/\\]\.state\.json\.\d+-[0-9a-f]{8}\.tmp$/);
    expect(calls).toEqual(
      process.platform === 'win32'
        ? [`open ${temp}`, `fsync ${temp}`, `rename ${temp} ${path}`]
        : [`open ${temp}`, `fsync ${temp}`, `rename ${temp} ${path}`, `open ${dir.path}`, `fsync ${dir.path}`],
    );
    expect(fs.readdirSync(dir.path)).toEqual(['state.json']);
  });

  it.runIf(process.platform !== 'win32')('creates files readable by their owner only', async () => {
    const sync = join(dir.path, 'a.json');
    const async = join(dir.path, 'b.json');
    writeFileAtomicSync(sync, '1');
    await writeFileAtomic(async, '2');
    expect(fs.statSync(sync).mode & 0o777).toBe(0o600);
    expect(fs.statSync(async).mode & 0o777).toBe(0o600);
  });

  it('leaves the file as it was and no temporary file when the write fails', async () => {
    const path = join(dir.path, 'state.json');
    fs.writeFileSync(path, 'old');
    fs.mkdirSync(join(dir.path, 'in-the-way'));
    expect(() => writeFileAtomicSync(join(dir.path, 'in-the-way'), 'x')).toThrow();
    await expect(writeFileAtomic(join(dir.path, 'in-the-way'), 'x')).rejects.toThrow();
    expect(fs.readFileSync(path, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir.path).sort()).toEqual(['in-the-way', 'state.json']);
  });

  it('reads null for a missing file and throws for an unreadable one', async () => {
    const path = join(dir.path, 'doc.json');
    const file = new AtomicJsonFile<{ n: number }>(path);
    const sync = new AtomicJsonFileSync<{ n: number }>(path);
    expect(await file.read()).toBeNull();
    expect(sync.read()).toBeNull();
    fs.writeFileSync(path, '{"n":');
    await expect(file.read()).rejects.toThrow(SyntaxError);
    expect(() => sync.read()).toThrow(SyntaxError);
    sync.write({ n: 2 });
    expect(await file.read()).toEqual({ n: 2 });
  });

  it('writes overlapping updates one after another: each caller resolves with its data or newer on disk', async () => {
    const path = join(dir.path, 'doc.json');
    const file = new AtomicJsonFile<{ n: number }>(path);
    const onDisk = () => JSON.parse(fs.readFileSync(path, 'utf8')).n as number;
    const first = await Promise.all([1, 2, 3].map((n) => file.write({ n }).then(() => ({ n, seen: onDisk() }))));
    const second = await Promise.all([4, 5].map((n) => file.write({ n }).then(() => ({ n, seen: onDisk() }))));
    for (const { n, seen } of [...first, ...second]) expect(seen).toBeGreaterThanOrEqual(n);
    expect(await file.read()).toEqual({ n: 5 });
    // Updates queued together are written once, with the newest data.
    expect(calls.filter((call) => call.startsWith('rename'))).toHaveLength(2);
    expect(fs.readdirSync(dir.path)).toEqual(['doc.json']);
  });
});
