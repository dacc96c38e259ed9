import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../../cli/command.js';
import { simCommand } from '../../../../cli/commands/sim.js';
import { parseScaleLine } from '../../../../firmware-sim/scale/script.js';
import { SerialScale } from '../../../../station/scale/serial.js';
import { CliProcess } from '../../../helpers/cli-process.js';
import { FAST, nextWeight, stableAt, statusOf } from '../../../station/scale/helpers.js';

describe('scale script lines', () => {
  it('reads loads and commands, and refuses anything else with BAD_SIM_SCRIPT', () => {
    expect(parseScaleLine('1250')).toEqual({ kind: 'place', grams: 1250 });
    expect(parseScaleLine('-20')).toEqual({ kind: 'place', grams: -20 });
    expect(parseScaleLine('!unplug')).toEqual({ kind: 'unplug' });
    expect(parseScaleLine('!wait 300')).toEqual({ kind: 'wait', ms: 300 });
    expect(parseScaleLine('# a comment')).toBeUndefined();
    for (const line of ['12kg', '!wait x', '!explode', '1e9']) expect(() => parseScaleLine(line)).toThrow(expect.objectContaining({ code: 'BAD_SIM_SCRIPT' }));
  });

  it('sim scale needs --pty and a known format', async () => {
    await expect(simCommand.run(parseCommandArgs(simCommand, ['scale']))).rejects.toMatchObject({ code: 'USAGE' });
    await expect(simCommand.run(parseCommandArgs(simCommand, ['scale', '--pty', '--format', 'toledo']))).rejects.toMatchObject({ code: 'USAGE' });
    expect(simCommand.usage).toContain('packgate sim scale');
  });
});

describe('packgate sim scale --pty (built CLI) read by the real serial driver', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('answers MT-SICS polls with what each line puts on it, unplugs and replugs, and removes the device on Ctrl-C', async () => {
    const path = join(tmpdir(), `packgate-cli-scale-${randomUUID()}`);
    const sim = new CliProcess(['sim', 'scale', '--pty', '--link', path, '--format', 'sics', '--settle', '100']);
    cleanups.push(() => sim.stop('SIGKILL'));
    const [printed] = await sim.waitForOutput(/^\S+$/m);
    expect(printed).toBe(path);

    const scale = new SerialScale({ target: { path }, baudRate: 9600, format: 'sics', pollMs: 20, stability: FAST.stability });
    cleanups.push(() => scale.close());
    await scale.open();
    sim.child.stdin.write('1250\n');
    expect((await nextWeight(scale, stableAt(1250))).reading.unit).toBe('kg');
    const fault = statusOf(scale, 'fault');
    sim.child.stdin.write('!unplug\n');
    await fault;
    sim.child.stdin.write('!replug\n780\n');
    await nextWeight(scale, stableAt(780));

    expect(await sim.stop('SIGINT')).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
