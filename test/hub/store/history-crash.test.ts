import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { History } from '../../../hub/store/history.js';
import { tempDir } from '../../helpers/temp-dir.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/**
 * Runs the appending child until it has printed `after` sequences past where it started, kills it
 * with SIGKILL, and returns every sequence it printed (each one's `append` had returned).
 */
async function appendThenKill(path: string, after: number, mode = 'now'): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', join(FIXTURES, 'ts-register.mjs'), join(FIXTURES, 'append-forever.ts'), path, mode]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let killAt = Infinity;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const opened = /^open (\d+)\n/.exec(stdout);
    if (opened) killAt = Math.min(killAt, Number(opened[1]) + after);
    const last = /(\d+)\n$/.exec(chunk.toString());
    if (last && Number(last[1]) >= killAt) child.kill('SIGKILL');
  });
  const signal = await exited;
  expect(signal, stderr).toBe('SIGKILL');
  // Only whole lines count: the kill may land between a sequence and its newline.
  return stdout
    .split('\n')
    .slice(1, -1)
    .map(Number);
}

describe('History under kill -9', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it.each([
    ['in one open file', 'now'],
    ['sealing a segment every 150 records (a new day), kills landing mid-seal', 'days'],
  ])('keeps a gap-free prefix holding every record whose append returned, across repeated kills (%s)', async (_name, mode) => {
    const path = join(dir.path, 'history.jsonl');
    const printed: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      printed.push(...(await appendThenKill(path, 200 + Math.floor(Math.random() * 1500), mode)));
      const history = History.open(path);
      try {
        const records = [...history.scan()];
        expect(records.map((r) => r.seq)).toEqual(records.map((_r, i) => i + 1));
        expect(history.lastSeq).toBeGreaterThanOrEqual(Math.max(...printed));
        for (const record of records) {
          expect(record).toMatchObject({ kind: 'event', station: 'S1', event: { seq: record.seq } });
        }
        // The indexes agree with the file, whether they came from a checkpoint or a full read.
        const last = records.at(-1)!;
        expect(history.byKey(`order:O${last.seq % 97}`, { limit: 1 })[0]?.seq).toBe(last.seq);
        expect(last.kind === 'event' && history.hasEventId(last.event.id)).toBe(true);
        expect(history.byKey('order:O5', { limit: 1e6 }).map((r) => r.seq)).toEqual(
          records.filter((r) => r.seq % 97 === 5).map((r) => r.seq),
        );
      } finally {
        history.close();
      }
    }
    expect(printed.length).toBeGreaterThan(600);
    if (mode === 'days') expect(readdirSync(join(dir.path, 'history.d')).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(3);
  }, 60_000);
});
