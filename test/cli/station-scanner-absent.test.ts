import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('packgate station with a scanner that is not there', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('says the scanner is absent and why at start, keeps running, and shows it on the packer screen', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const station = new CliProcess([
      'station', '--id', 'S1', '--scanner', 'serial:/dev/ttyNOPE0', '--printer', `file:${join(dir.path, 'labels.zpl')}`,
      '--http-port', '0', '--data', join(dir.path, 'station'), '--hub', 'mqtt://127.0.0.1:1',
    ]);
    cleanups.push(() => station.stop());
    await station.waitForReady();
    const line = station.stderr.split('\n').find((text) => text.startsWith('packgate: warning: scanner'));
    expect(line).toMatch(/^packgate: warning: scanner absent: \/dev\/ttyNOPE0: .*No such file or directory/);
    expect(station.child.exitCode).toBeNull();

    const url = /Packer screen: +(http:\/\/\S+)\//.exec(station.stdout)?.[1];
    expect(url).toBeDefined();
    const socket = new WebSocket(`${url!.replace('http', 'ws')}/ws`);
    cleanups.push(() => socket.close());
    const view = await new Promise<{ scanner: { kind: string; state: string; detail?: string } | null }>((resolve, reject) => {
      socket.once('message', (data) => resolve((JSON.parse(data.toString()) as { view: never }).view));
      socket.once('error', reject);
    });
    expect(view.scanner).toMatchObject({ kind: 'serial', state: 'absent', detail: expect.stringContaining('/dev/ttyNOPE0') });
  });
});
