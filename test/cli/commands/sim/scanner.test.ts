import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../../../cli/command.js';
import { parseCommandArgs } from '../../../../cli/command.js';
import { createSimCommand, simCommand } from '../../../../cli/commands/sim.js';
import { simScannerCommand } from '../../../../cli/commands/sim/scanner.js';
import { SerialScanner } from '../../../../station/scanner/serial.js';
import { CliProcess } from '../../../helpers/cli-process.js';
import { Collector } from '../../../station/scanner/collector.js';

function fakeDevice(name: string, options: Command['options'], calls: unknown[]): Command {
  return {
    name,
    summary: `fake ${name}`,
    usage: `Usage: packgate sim ${name}`,
    options,
    async run(context) {
      calls.push({ name, ...context });
      return 0;
    },
  };
}

describe('packgate sim (dispatcher)', () => {
  it('runs the named device with its options and the remaining positionals', async () => {
    const calls: unknown[] = [];
    const sim = createSimCommand([
      fakeDevice('printer', { port: { type: 'string' } }, calls),
      fakeDevice('scanner', { pty: { type: 'boolean' }, port: { type: 'string' } }, calls),
    ]);
    expect(await sim.run(parseCommandArgs(sim, ['scanner', '--pty', '--port', '7']))).toBe(0);
    expect(calls).toEqual([{ name: 'scanner', values: { pty: true, port: '7' }, positionals: [] }]);
  });

  it('refuses a missing or unknown device, and an option the device does not take, with USAGE', () => {
    const sim = createSimCommand([fakeDevice('printer', { port: { type: 'string' } }, []), fakeDevice('scanner', { pty: { type: 'boolean' } }, [])]);
    expect(() => sim.run(parseCommandArgs(sim, []))).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => sim.run(parseCommandArgs(sim, ['toaster']))).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => sim.run(parseCommandArgs(sim, ['printer', '--pty']))).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('--pty') }));
    expect(() => sim.run(parseCommandArgs(sim, ['printer', 'extra']))).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('refuses two devices that disagree on an option’s type', () => {
    expect(() => createSimCommand([fakeDevice('a', { n: { type: 'string' } }, []), fakeDevice('b', { n: { type: 'boolean' } }, [])])).toThrow();
  });

  it('help lists every device and its own usage', () => {
    expect(simCommand.usage).toContain('scanner');
    expect(simCommand.usage).toContain(simScannerCommand.usage);
  });

  it('sim scanner needs --pty and a known terminator', async () => {
    await expect(simCommand.run(parseCommandArgs(simCommand, ['scanner']))).rejects.toMatchObject({ code: 'USAGE' });
    await expect(simCommand.run(parseCommandArgs(simCommand, ['scanner', '--pty', '--term', 'tab']))).rejects.toMatchObject({ code: 'USAGE' });
    await expect(simCommand.run(parseCommandArgs(simCommand, ['scanner', '--pty', '--aim', 'nope']))).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('packgate sim scanner --pty (built CLI) read by the real serial driver', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('prints the device path, sends typed scans, unplugs and replugs on command, and removes the device on Ctrl-C', async () => {
    const path = join(tmpdir(), `packgate-cli-tty-${randomUUID()}`);
    const sim = new CliProcess(['sim', 'scanner', '--pty', '--link', path, '--baud', '9600', '--term', 'cr', '--aim', 'E0']);
    cleanups.push(() => sim.stop('SIGKILL'));
    const [printed] = await sim.waitForOutput(/^\S+$/m);
    expect(printed).toBe(path);

    const scanner = new SerialScanner({ target: { path }, baudRate: 9600, terminator: 'cr', idleMs: 250 });
    cleanups.push(() => scanner.close());
    const seen = new Collector(scanner);
    await scanner.open();
    expect(scanner.status().state).toBe('ok');

    sim.child.stdin.write('6901234567892\n');
    await seen.scanCount(1);
    const fault = seen.status('fault');
    sim.child.stdin.write('!unplug\n');
    await fault;
    const ok = seen.status('ok');
    sim.child.stdin.write('!replug\n');
    await ok;
    sim.child.stdin.write('!split 4006381333931\n');
    await seen.scanCount(2);
    expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual([']E06901234567892', ']E04006381333931']);

    expect(await sim.stop('SIGINT')).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
