import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A fatal start-up error ends the command with a non-zero exit and names the option to change (issue #17, item 1). */
describe('packgate start-up errors', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A loopback port held by another server for the test's length. */
  async function takenPort(): Promise<number> {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    cleanups.push(() => new Promise((resolve) => holder.close(resolve)));
    return (holder.address() as AddressInfo).port;
  }

  function run(args: readonly string[]): CliProcess {
    const cli = new CliProcess(args);
    cli.child.stdin.end();
    cleanups.push(() => cli.stop('SIGKILL'));
    return cli;
  }

  it.each([
    ['--port', "the hub's HTTP server"],
    ['--mqtt-port', "the hub's MQTT broker"],
  ])('hub with %s in use exits 1, naming the option', async (option, what) => {
    const port = await takenPort();
    const dir = tempDir();
    cleanups.push(dir.remove);
    const ports = { '--port': '0', '--mqtt-port': '0', [option]: String(port) };
    const hub = run(['hub', '--data', dir.path, ...Object.entries(ports).flat()]);
    expect(await hub.exited).toBe(1);
    expect(hub.stderr).toContain(`packgate: ${what} cannot listen on 127.0.0.1:${port}: the port is in use; choose another with ${option} [PORT_IN_USE]`);
    expect(hub.stdout).not.toContain('Tablet page:');
  });

  it('station with a bad id exits 1 before it opens anything, naming --id', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const data = join(dir.path, 'station');
    const station = run(['station', '--id', 'bad id!', '--scanner', 'stdin', '--data', data, '--hub', 'mqtt://127.0.0.1:1']);
    expect(await station.exited).toBe(1);
    expect(station.stderr).toMatch(/packgate: --id: station id "bad id!" must be .* \[INVALID_ID\]/);
    expect(existsSync(data)).toBe(false);
  });

  it('station with a bad site exits 1, naming --site', async () => {
    const station = run(['station', '--id', 'S1', '--site', 'w h', '--scanner', 'stdin', '--hub', 'mqtt://127.0.0.1:1']);
    expect(await station.exited).toBe(1);
    expect(station.stderr).toContain('packgate: --site: site id "w h" must be');
  });

  it.each([
    ['printer', [], 'the printer simulator', 'Printer simulator running'],
    ['waybill-printer', ['--platform', 'pdd'], 'the Pinduoduo print program simulator', 'print program simulator running'],
  ])('sim %s on a port in use exits 1 without saying it runs', async (device, extra, what, running) => {
    const port = await takenPort();
    const sim = run(['sim', device, ...extra, '--port', String(port)]);
    expect(await sim.exited).toBe(1);
    expect(sim.stderr).toContain(`packgate: ${what} cannot listen on 127.0.0.1:${port}: the port is in use; choose another with --port [PORT_IN_USE]`);
    expect(sim.stderr).not.toContain(running);
  });

  it('demo with its first simulator port in use exits 1, naming --sim-port', async () => {
    const port = await takenPort();
    const demo = run(['demo', '--port', '0', '--mqtt-port', '0', '--screen-port', '0', '--sim-port', String(port)]);
    expect(await demo.exited).toBe(1);
    expect(demo.stderr).toContain(`packgate: a simulated printer cannot listen on 127.0.0.1:${port}: the port is in use; choose another with --sim-port [PORT_IN_USE]`);
    expect(demo.stdout).not.toContain('packgate demo is running');
  });
});
