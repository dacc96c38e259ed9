import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('packgate station --scale', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a scale that is not there: absent with why at start and on the packer screen, and the agent runs on', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const station = new CliProcess([
      'station', '--id', 'S1', '--scanner', 'sim', '--scale', 'serial:/dev/ttyNOSCALE0@4800:xk3190-eq',
      '--printer', `file:${join(dir.path, 'labels.zpl')}`, '--http-port', '0', '--data', join(dir.path, 'station'), '--hub', 'mqtt://127.0.0.1:1',
    ]);
    cleanups.push(() => station.stop());
    await station.waitForReady();
    expect(station.stdout).toContain('serial:/dev/ttyNOSCALE0@4800:xk3190-eq scale');
    const line = station.stderr.split('\n').find((text) => text.startsWith('packgate: warning: scale'));
    expect(line).toMatch(/^packgate: warning: scale absent: \/dev\/ttyNOSCALE0: .*No such file or directory/);

    const url = /Packer screen: +(http:\/\/\S+)\//.exec(station.stdout)?.[1];
    const socket = new WebSocket(`${url!.replace('http', 'ws')}/ws`);
    cleanups.push(() => socket.close());
    const view = await new Promise<{ scale: { kind: string; state: string; detail?: string; weight: unknown } | null }>((resolve, reject) => {
      socket.once('message', (data) => resolve((JSON.parse(data.toString()) as { view: never }).view));
      socket.once('error', reject);
    });
    expect(view.scale).toMatchObject({ kind: 'serial', state: 'absent', weight: null, detail: expect.stringContaining('/dev/ttyNOSCALE0') });
  });

  it('refuses a spec it cannot read with BAD_SCALE_SPEC, and --help names every form', async () => {
    const bad = new CliProcess(['station', '--id', 'S1', '--printer', 'sim', '--scale', 'serial:/dev/ttyUSB0:toledo']);
    cleanups.push(() => bad.stop());
    expect(await bad.exited).not.toBe(0);
    expect(bad.stderr).toContain('BAD_SCALE_SPEC');
    const help = new CliProcess(['station', '--help']);
    cleanups.push(() => help.stop());
    expect(await help.exited).toBe(0);
    expect(help.stdout).toMatch(/--scale SPEC +none \| sim \| serial:TARGET\[@BAUD\]\[:FORMAT\] \| hid:VID:PID/);
    expect(help.stdout).toContain('xk3190-eq');
    expect(help.stdout).toContain('--require-weighing yes|no');
    const unsure = new CliProcess(['station', '--id', 'S1', '--require-weighing', 'maybe']);
    cleanups.push(() => unsure.stop());
    expect(await unsure.exited).not.toBe(0);
    expect(unsure.stderr).toContain('--require-weighing must be yes or no');
    expect(help.stdout).toContain('--box-grams G');
    const heavy = new CliProcess(['station', '--id', 'S1', '--box-grams', '12.5']);
    cleanups.push(() => heavy.stop());
    expect(await heavy.exited).not.toBe(0);
    expect(heavy.stderr).toContain('--box-grams must be a whole number from 0 to 1000000, not "12.5"');
  });
});
