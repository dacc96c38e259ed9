import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A station whose --site is not the hub's hears so plainly, and the hub says the site to give (issue #17, item 2). */
describe('packgate station on another site than its hub', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("prints the hub's refusal of its site once, and the hub's start-up line names the --site", async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubData = join(dir.path, 'hub');
    const add = new CliProcess(['hub', 'station', 'add', '--id', 'S1', '--data', hubData]);
    expect(await add.exited).toBe(0);
    const passwordFile = join(dir.path, 'S1.pass');
    writeFileSync(passwordFile, add.stdout);
    chmodSync(passwordFile, 0o600);

    const hub = new CliProcess(['hub', '--site', 'wh1', '--port', '0', '--mqtt-port', '0', '--data', hubData]);
    cleanups.push(() => hub.stop());
    const [, mqttUrl] = await hub.waitForOutput(/^Stations: +--hub (mqtt:\/\/\S+) --site wh1 /m);

    const station = new CliProcess([
      'station', '--id', 'S1', '--site', 'wh2', '--hub', mqttUrl!, '--mqtt-password-file', passwordFile,
      '--scanner', 'stdin', '--printer', `file:${join(dir.path, 'labels.zpl')}`, '--data', join(dir.path, 'station'),
    ]);
    cleanups.push(() => station.stop());
    const refusal = `packgate: the hub refused station S1's site "wh2": the hub serves another site. Start the station with the --site the hub prints at start [OUTSIDE_SITE]`;
    await vi.waitFor(() => expect(station.stderr).toContain(refusal), { timeout: 15_000, interval: 100 });
    expect(station.stderr.split(refusal)).toHaveLength(2);
    expect(station.child.exitCode).toBeNull();
  });
});
