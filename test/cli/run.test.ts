import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../cli/commands/index.js';
import { runCli } from '../../cli/run.js';

describe('packgate command line', () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('lists every command in --help', async () => {
    expect(await runCli(['--help'])).toBe(0);
    for (const command of COMMANDS) expect(out.join('\n')).toContain(`  ${command.name}`);
  });

  it.each(COMMANDS.map((command) => command.name))('prints the usage of %s with --help', async (name) => {
    expect(await runCli([name, '--help'])).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`^Usage: packgate ${name}`));
  });

  it('exits 2 with the overview for an unknown command', async () => {
    expect(await runCli(['fly'])).toBe(2);
    expect(err.join('\n')).toContain('unknown command "fly"');
  });

  it('exits 2 with a USAGE code for an unknown option', async () => {
    expect(await runCli(['hub', '--colour', 'red'])).toBe(2);
    expect(err.join('\n')).toContain('[USAGE]');
  });

  it('exits 2 when the station has no id', async () => {
    expect(await runCli(['station'])).toBe(2);
    expect(err.join('\n')).toMatch(/--id is required[\s\S]*\[USAGE\]/);
  });

  it('refuses a port that is not a port', async () => {
    expect(await runCli(['hub', '--port', 'eighty'])).toBe(2);
    expect(err.join('\n')).toContain('--port must be a whole number');
  });

  it('refuses an unknown flow, naming the flows', async () => {
    expect(await runCli(['station', '--id', 'S1', '--flow', 'print-later'])).toBe(2);
    expect(err.join('\n')).toContain('--flow must be one of print-after-verify, verify-preprinted, not "print-later"');
  });

  it('says both flows in the station usage', async () => {
    expect(await runCli(['station', '--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/--flow FLOW[\s\S]*print-after-verify[\s\S]*verify-preprinted/);
  });

  it('refuses an unknown scanner', async () => {
    expect(await runCli(['station', '--id', 'S1', '--scanner', 'telepathy'])).toBe(1);
    expect(err.join('\n')).toContain('[BAD_SCANNER_SPEC]');
  });
});
