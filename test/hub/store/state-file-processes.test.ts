import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../cli/run.js';
import { AtomicJsonFile } from '../../../common/atomic-file.js';
import type { LockHolder } from '../../../common/lock-file.js';
import { HubStateFile, type HubStateDoc } from '../../../hub/store/state-file.js';
import { openHubState } from '../../../hub/store/state.js';
import { TokenBook } from '../../../hub/store/token-book.js';
import { tempDir } from '../../helpers/temp-dir.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** A child process creating tokens in the state file at `path` (fixtures/create-tokens.ts). */
function tokenMaker(path: string, count: number, prefix: string) {
  const child = spawn(process.execPath, ['--import', join(FIXTURES, 'ts-register.mjs'), join(FIXTURES, 'create-tokens.ts'), path, String(count), prefix]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    ready,
    go: () => child.stdin.write('go\n'),
    async result() {
      const code = await exited;
      return { code, stdout: stdout.slice('ready\n'.length).trim(), stderr };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/*
 * Two processes (a hub and `packgate hub token create`, say) changing hub-state.json at once:
 * each change is re-read, applied and renamed under the file's change lock, so none is lost.
 */
describe('hub-state.json changed by two processes at once', () => {
  let dir: ReturnType<typeof tempDir>;
  let makers: Array<ReturnType<typeof tokenMaker>> = [];
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    for (const maker of makers.splice(0)) maker.kill();
    dir.remove();
  });

  it('keeps every token both create', async () => {
    const path = join(dir.path, 'hub-state.json');
    const N = 50;
    makers = [tokenMaker(path, N, 'a'), tokenMaker(path, N, 'b')];
    await Promise.all(makers.map((maker) => maker.ready));
    for (const maker of makers) maker.go();
    const results = await Promise.all(makers.map((maker) => maker.result()));
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0, stdout: 'done' });

    const names = (JSON.parse(readFileSync(path, 'utf8')) as { tokens: Array<{ name: string }> }).tokens.map((t) => t.name);
    expect(names.length, `${2 * N - names.length} of ${2 * N} tokens lost`).toBe(2 * N);
    expect(new Set(names).size).toBe(2 * N);
    expect(readdirSync(dir.path)).toEqual(['hub-state.json']);
  }, 60_000);
});

describe("hub-state.json's change lock left by another process", () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'hub-state.json');
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    vi.restoreAllMocks();
    dir.remove();
  });

  const plantLock = (pid: number) => {
    const holder: LockHolder = { v: 1, owner: 'a change of hub-state.json', pid, host: hostname(), startedAt: new Date().toISOString(), nonce: 'planted' };
    writeFileSync(`${path}.lock`, JSON.stringify(holder));
  };
  /** A process that stays alive, as a holder in the middle of its change would. */
  const liveHolder = async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")']);
    children.push(child);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    return child.pid!;
  };
  const tokenNames = () => (JSON.parse(readFileSync(path, 'utf8')) as HubStateDoc).tokens.map((t) => t.name);

  it('is taken over when its holder is gone (killed mid-change)', async () => {
    const book = new TokenBook(await openHubState(path));
    await book.create('before', 'viewer');
    plantLock(spawnSync(process.execPath, ['-e', '0']).pid!);
    await book.create('after', 'viewer');
    expect(tokenNames()).toEqual(['before', 'after']);
    expect(readdirSync(dir.path)).toEqual(['hub-state.json']);
  });

  it('held by a live process beyond the wait fails the change with FILE_LOCKED naming the file and the pid', async () => {
    const book = new TokenBook(await openHubState(path));
    await book.create('before', 'viewer');
    const pid = await liveHolder();
    plantLock(pid);
    const state = new HubStateFile(new AtomicJsonFile<HubStateDoc>(path), { tokens: [], stations: [] }, { path, waitMs: 100 });
    const refused = new TokenBook(state).create('refused', 'viewer');
    await expect(refused).rejects.toMatchObject({ code: 'FILE_LOCKED' });
    await expect(refused).rejects.toThrow(`${path} is being changed by pid ${pid}`);
    expect(tokenNames()).toEqual(['before']);
  });

  it('held by a live process makes `packgate hub token create` fail after 5 s with FILE_LOCKED', async () => {
    await new TokenBook(await openHubState(path)).create('before', 'viewer');
    const pid = await liveHolder();
    plantLock(pid);
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
    const started = Date.now();
    expect(await runCli(['hub', 'token', 'create', '--role', 'viewer', '--data', dir.path])).not.toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
    expect(err.join('\n')).toContain(`pid ${pid}`);
    expect(err.join('\n')).toContain('[FILE_LOCKED]');
    expect(tokenNames()).toEqual(['before']);
  }, 15_000);
});
