import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/run.js';
import { CliProcess } from '../helpers/cli-process.js';
import { Mosquitto } from '../helpers/mosquitto.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';

/** What a `packgate hub` subcommand prints on stdout (run in-process). */
async function hubOutput(...args: string[]): Promise<string> {
  let out = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += parts.join(' ') + '\n'));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += chunk.toString()), true));
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await runCli(['hub', ...args]);
    if (code !== 0) throw new Error(`packgate hub ${args.join(' ')} exited ${code}`);
    return out;
  } finally {
    log.mockRestore();
    write.mockRestore();
    error.mockRestore();
  }
}

/**
 * The operator's path of docs/operations.md, with the built `packgate` command: provision a
 * station, render Mosquitto's files, start Mosquitto, then the hub and the station against it.
 */
describe('an external Mosquitto set up from packgate hub acl / passwd', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('takes the hub and a provisioned station, and a scan typed at the station reaches the tablet', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'hub');
    const secret = (name: string, text: string) => {
      const path = join(dir.path, name);
      writeFileSync(path, text + '\n', { mode: 0o600 });
      return path;
    };

    const stationPass = secret('P1.pass', (await hubOutput('station', 'add', '--id', 'P1', '--data', data)).trim());
    const hubPass = secret('hub.pass', 'a-hub-password-for-this-test');
    const mosquitto = await Mosquitto.start({
      passwd: await hubOutput('passwd', '--site', 'wh1', '--data', data, '--mqtt-password-file', hubPass),
      acl: await hubOutput('acl', '--format', 'mosquitto', '--site', 'wh1', '--data', data),
    });
    cleanups.push(() => mosquitto.stop());

    const hub = new CliProcess(['hub', '--site', 'wh1', '--port', '0', '--data', data, '--mqtt-url', mosquitto.url, '--mqtt-password-file', hubPass]);
    cleanups.push(() => hub.stop('SIGKILL'));
    const [, token] = await hub.waitForOutput(/Admin token \(shown once, keep it\): (pg_\S+)/);
    const [, pageUrl] = await hub.waitForOutput(/Tablet page:\s+(http:\/\/127\.0\.0\.1:\d+)\//);
    const tablet = new TabletClient(pageUrl!, token!);
    await tablet.connect();
    cleanups.push(() => tablet.close());

    const station = new CliProcess(['station', '--id', 'P1', '--site', 'wh1', '--hub', mosquitto.url, '--printer', 'sim', '--data', join(dir.path, 'P1'), '--mqtt-password-file', stationPass]);
    cleanups.push(() => station.stop('SIGKILL'));
    await tablet.until((records) => records.some((r) => r.kind === 'station' && r.status.state === 'online'));
    station.child.stdin.write('6901234567892\n');
    await tablet.until((records) => records.some((r) => r.kind === 'event'));
    expect(tablet.scans()).toEqual(['6901234567892']);

    expect(await station.stop('SIGINT')).toBe(0);
    const tabletGone = tablet.closed();
    expect(await hub.stop('SIGINT')).toBe(0);
    await tabletGone;
    expect(hub.stderr + station.stderr).not.toMatch(/"level":(50|60)/);
  });
});
