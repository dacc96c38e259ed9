import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../common/data-lock.js';
import { CliProcess } from '../helpers/cli-process.js';
import { freePort } from '../helpers/free-port.js';
import { tempDir } from '../helpers/temp-dir.js';

const LOGS = { PACKGATE_LOG_LEVEL: 'info' };

/** Issue #13, item 3: one writer per data folder, for the hub and for a station agent. */
describe('two writers on one data folder', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const spawn = (args: string[]) => {
    const child = new CliProcess(args, [], LOGS);
    cleanups.push(() => child.stop('SIGKILL'));
    return child;
  };
  const hub = (data: string) => spawn(['hub', '--site', 'lock', '--port', '0', '--mqtt-port', '0', '--data', data]);

  it('refuses a second hub naming the first one\'s pid and --data, and takes the folder over after a kill -9', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'hub');

    const first = hub(data);
    await first.waitForOutput(/Tablet page:/);
    const second = hub(data);
    expect(await second.exited).toBe(1);
    expect(second.stderr).toContain('[DATA_LOCKED]');
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).toContain('--data');
    expect(second.stdout).not.toContain('Tablet page');

    expect(await first.stop('SIGKILL')).toBeNull();
    expect(JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')).pid).toBe(first.child.pid);
    const third = hub(data);
    await third.waitForOutput(/Tablet page:/);
    await vi.waitFor(() => expect(third.stderr).toContain('taking over a stale lock'));
    expect(JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')).pid).toBe(third.child.pid);
    expect(await third.stop('SIGINT')).toBe(0);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('refuses a second station agent on one station folder, naming the first one\'s pid', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'S1');
    const hubUrl = `mqtt://127.0.0.1:${await freePort()}`;
    const station = (printer: string) =>
      spawn(['station', '--id', 'S1', '--site', 'lock', '--hub', hubUrl, '--scanner', 'stdin', '--printer', `file:${join(dir.path, printer)}`, '--http-port', '0', '--data', data]);

    const first = station('a.zpl');
    await first.waitForOutput(/Station S1 running/);
    const second = station('b.zpl');
    expect(await second.exited).toBe(1);
    expect(second.stderr).toContain('[DATA_LOCKED]');
    expect(second.stderr).toContain(`station S1 (pid ${first.child.pid}`);
    expect(second.stderr).toContain('--data');

    expect(await first.stop('SIGKILL')).toBeNull();
    const third = station('c.zpl');
    await third.waitForOutput(/Station S1 running/);
    await vi.waitFor(() => expect(third.stderr).toContain('taking over a stale lock'));
    expect(await third.stop('SIGINT')).toBe(0);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
  }, 60_000);
});
