import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('packgate station and its screen port', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('says the screen port is in use, with its code, and goes on packing', async () => {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    cleanups.push(() => new Promise((resolve) => holder.close(resolve)));
    const { port } = holder.address() as AddressInfo;
    const dir = tempDir();
    cleanups.push(dir.remove);

    const station = new CliProcess([
      'station', '--id', 'B1', '--scanner', 'stdin', '--printer', `file:${join(dir.path, 'labels.zpl')}`,
      '--http-port', String(port), '--data', join(dir.path, 'station'), '--hub', 'mqtt://127.0.0.1:1',
    ]);
    cleanups.push(() => station.stop());
    await station.waitForReady();
    const line = station.stderr.split('\n').find((text) => text.startsWith("packgate: warning: the packer's screen"));
    expect(line).toContain('[SCREEN_PORT_IN_USE]');
    expect(line).toContain(`127.0.0.1:${port}`);
    expect(station.stdout).toContain('Station B1 running');
    expect(station.stdout).not.toContain('Packer screen:');
    expect(station.child.exitCode).toBeNull();
  });
});
