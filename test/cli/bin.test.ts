import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { stationAgentPid } from '../../bench/agent-process.js';
import { PACKGATE_VERSION } from '../../common/version.js';
import { BIN, CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** `packgate station` through bin/packgate, on a stdin scanner and a file printer, up and serving its screen. */
async function startStation(): Promise<CliProcess> {
  const dir = tempDir();
  const station = new CliProcess(
    ['station', '--id', 'B9', '--scanner', 'stdin', '--printer', `file:${join(dir.path, 'labels.zpl')}`, '--http-port', '0', '--data', join(dir.path, 'B9'), '--hub', 'mqtt://127.0.0.1:1'],
    'bin',
  );
  onTestFinished(async () => {
    // Not SIGKILL: the launcher would leave its agent running. It waits for the agent to exit.
    await station.stop();
    dir.remove();
  });
  await station.waitForOutput(/Station B9 running: stdin scanner, file printer/);
  await station.waitForOutput(/Packer screen: +http:\/\/127\.0\.0\.1:\d+\//);
  return station;
}

describe('bin/packgate', () => {
  it('is a node script, so that npm makes Windows shims for it that need no POSIX shell', () => {
    // npm's cmd-shim writes packgate.cmd and packgate.ps1 running the program this line names;
    // `#!/bin/sh` would make them run /bin/sh.
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'bin', 'packgate'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs every other command from dist/cli with node defaults', async () => {
    const cli = new CliProcess(['--version'], 'bin');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout.trim()).toBe(PACKGATE_VERSION);
  });

  it('runs a station from the bundle, with V8 sized for memory and two malloc arenas', async () => {
    const station = await startStation();
    const agent = stationAgentPid(station.child.pid!);
    const argv = readFileSync(`/proc/${agent}/cmdline`, 'utf8').split('\0');
    expect(argv.slice(1, 3)).toEqual(['--optimize-for-size', expect.stringMatching(/dist\/bundle\/main\.js$/)]);
    expect(readFileSync(`/proc/${agent}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('passes %s on to the agent, which closes and exits 0', async (signal) => {
    const station = await startStation();
    expect(await station.stop(signal)).toBe(0);
  });

  it("passes Ctrl-C in a terminal (SIGINT to the launcher's process group) on to the agent once", async () => {
    const dir = tempDir();
    // A terminal signals its foreground process group: here the launcher's own, not vitest's.
    const launcher = spawn(BIN, ['station', '--id', 'B8', '--scanner', 'sim', '--printer', `file:${join(dir.path, 'labels.zpl')}`, '--http-port', '0', '--data', join(dir.path, 'B8'), '--hub', 'mqtt://127.0.0.1:1'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<number | null>((resolve) => launcher.on('exit', (code) => resolve(code)));
    onTestFinished(async () => {
      if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGINT');
      await exited;
      dir.remove();
    });
    await new Promise<void>((resolve) => launcher.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Station B8 running') && resolve()));
    process.kill(-launcher.pid!, 'SIGINT');
    expect(await exited).toBe(0);
  });

  it("exits with the agent's status", async () => {
    const cli = new CliProcess(['station'], 'bin');
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toMatch(/--id is required.*\[USAGE\]/s);
  });
});
