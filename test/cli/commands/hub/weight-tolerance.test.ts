import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../../cli/command.js';
import { withConfigFile } from '../../../../cli/config-file.js';
import { runHub } from '../../../../cli/commands/hub/run.js';
import { weightToleranceOption } from '../../../../cli/commands/hub/weight-tolerance.js';
import { CliProcess } from '../../../helpers/cli-process.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const given = (values: CommandContext['values']): CommandContext => ({ values, positionals: [] });

describe('--weight-tolerance-grams, --weight-tolerance-percent (the site weight tolerance, issue #15)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('neither given: undefined (the hub sends the default); one given: the other keeps its default', () => {
    expect(weightToleranceOption(given({}))).toBeUndefined();
    expect(weightToleranceOption(given({ 'weight-tolerance-grams': '5' }))).toEqual({ grams: 5, percent: 3 });
    expect(weightToleranceOption(given({ 'weight-tolerance-percent': '2.5' }))).toEqual({ grams: 20, percent: 2.5 });
    expect(weightToleranceOption(given({ 'weight-tolerance-grams': '0', 'weight-tolerance-percent': '0' }))).toEqual({ grams: 0, percent: 0 });
    expect(weightToleranceOption(given({ 'weight-tolerance-grams': '5000', 'weight-tolerance-percent': '50' }))).toEqual({ grams: 5000, percent: 50 });
  });

  it.each([
    [{ 'weight-tolerance-grams': '5001' }, '--weight-tolerance-grams must be a whole number of grams from 0 to 5000, not "5001"'],
    [{ 'weight-tolerance-grams': '2.5' }, '--weight-tolerance-grams must be a whole number of grams from 0 to 5000, not "2.5"'],
    [{ 'weight-tolerance-grams': '-1' }, '--weight-tolerance-grams must be a whole number of grams from 0 to 5000, not "-1"'],
    [{ 'weight-tolerance-grams': '' }, '--weight-tolerance-grams must be a whole number of grams from 0 to 5000, not ""'],
    [{ 'weight-tolerance-percent': '50.5' }, '--weight-tolerance-percent must be a number of percent from 0 to 50, not "50.5"'],
    [{ 'weight-tolerance-percent': '3%' }, '--weight-tolerance-percent must be a number of percent from 0 to 50, not "3%"'],
    [{ 'weight-tolerance-percent': '1e1' }, '--weight-tolerance-percent must be a number of percent from 0 to 50, not "1e1"'],
  ])('%j is USAGE naming the option and the bounds', (values, message) => {
    expect(() => weightToleranceOption(given(values))).toThrow(expect.objectContaining({ code: 'USAGE', message }));
  });

  it('from a config file: numbers are taken, the same bounds apply, and an object value is refused naming the key', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'hub.json');
    const read = (config: unknown) => {
      writeFileSync(path, JSON.stringify(config));
      return weightToleranceOption(withConfigFile(given({ config: path }), runHub.options));
    };
    expect(read({ 'weight-tolerance-grams': 5, 'weight-tolerance-percent': 0 })).toEqual({ grams: 5, percent: 0 });
    expect(() => read({ 'weight-tolerance-percent': 75 })).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('--weight-tolerance-percent must be') }));
    expect(() => read({ weightTolerance: { grams: 5, percent: 0 } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('"weightTolerance" is not an option') }));
    expect(() => read({ 'weight-tolerance-grams': { grams: 5 } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('"weight-tolerance-grams" must be a string or a number') }));
  });

  it('packgate hub: --help lists both with their defaults; a bad value exits 2 before the hub listens', async () => {
    const help = new CliProcess(['hub', '--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout).toContain('--weight-tolerance-grams N');
    expect(help.stdout).toContain('--weight-tolerance-percent P');
    expect(help.stdout).toMatch(/\(default 20 g\s+and 3 %/);

    const dir = tempDir();
    cleanups.push(dir.remove);
    const cli = new CliProcess(['hub', '--data', dir.path, '--port', '0', '--mqtt-port', '0', '--weight-tolerance-percent', '60']);
    cli.child.stdin.end();
    cleanups.push(() => cli.stop('SIGKILL'));
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toContain('packgate: --weight-tolerance-percent must be a number of percent from 0 to 50, not "60" [USAGE]');
    expect(cli.stdout).not.toContain('Tablet page:');
  });
});
