import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  }, 60_000);
});
