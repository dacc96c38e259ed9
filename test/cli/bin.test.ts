import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PACKGATE_VERSION } from '../../common/version.js';
import { CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('bin/packgate', () => {
  it('runs every other command from dist/cli with node defaults', async () => {
    const cli = new CliProcess(['--version'], 'bin');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout.trim()).toBe(PACKGATE_VERSION);
  });

  it('runs a station from the bundle, with V8 sized for memory and two malloc arenas', async () => {
    const dir = tempDir();
    const station = new CliProcess(
      ['station', '--id', 'B9', '--scanner', 'stdin', '--printer', `file:${join(dir.path, 'labels.zpl')}`, '--http-port', '0', '--data', join(dir.path, 'B9'), '--hub', 'mqtt://127.0.0.1:1'],
      'bin',
    );
    onTestFinished(async () => {
      await station.stop();
      dir.remove();
    });
    await station.waitForOutput(/Station B9 running: stdin scanner, file printer/);
    await station.waitForOutput(/Packer screen: +http:\/\/127\.0\.0\.1:\d+\//);
    const pid = station.child.pid!;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv.slice(1, 3)).toEqual(['--optimize-for-size', expect.stringMatching(/dist\/bundle\/main\.js$/)]);
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
  });
});
