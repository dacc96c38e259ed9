import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/index.js';
import { runCli } from '../../cli/run.js';
import { captureConsole } from '../helpers/console-lines.js';

describe('packgate command line', () => {
  const { out, err } = captureConsole();

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

  it.each([
    [['hub', '--colour', 'red'], 'packgate: unknown option --colour [USAGE]', 'hub'],
    [['station', '--id', 'S1', '--print', 'sim'], 'packgate: unknown option --print [USAGE]', 'station'],
    [['hub', 'station', 'add', '--id', 'S1', '--port', '1'], 'packgate: --port is not an option of `packgate hub station add` [USAGE]', 'hub station add'],
    [['sim', 'scanner', '--pty', '--platform', 'pdd'], 'packgate: sim scanner has no --platform [USAGE]', 'sim scanner'],
  ])('an unknown option of %j is one short line and one pointing to --help', async (argv, line, path) => {
    expect(await runCli(argv)).toBe(2);
    expect(err.join('\n')).toBe(`${line}\nRun \`packgate ${path} --help\` for its options.`);
  });

  it.each([
    [['hub', 'station', '--help'], ['station add', 'station remove', 'station list'], ['token', 'acl', 'passwd']],
    [['hub', 'token', '--help'], ['token create', 'token list', 'token revoke'], ['station', 'acl', 'passwd']],
    [['hub', 'token', 'create', '--help'], ['token create'], ['token list', 'station']],
  ])('%j shows that subcommand only', async (argv, shown, hidden) => {
    expect(await runCli(argv)).toBe(0);
    const help = out.join('\n');
    expect(help).toMatch(/^Usage: packgate hub /);
    for (const words of shown) expect(help).toContain(`packgate hub ${words} `);
    for (const words of hidden) expect(help).not.toContain(`packgate hub ${words}`);
  });

  it('sim scanner --help shows the scanner only', async () => {
    expect(await runCli(['sim', 'scanner', '--help'])).toBe(0);
    const help = out.join('\n');
    expect(help).toMatch(/^Usage: packgate sim scanner/);
    expect(help).not.toContain('packgate sim printer');
    expect(help).not.toContain('waybill');
  });

  it('lines up the continuation lines of station --help', async () => {
    expect(await runCli(['station', '--help'])).toBe(0);
    const lines = out.join('\n').split('\n');
    const options = lines.slice(lines.indexOf('Options:') + 1);
    const column = /^ {2}\S+(?: \S+)* +/.exec(options[0]!)![0].length;
    const indent = (line: string) => line.search(/\S/);
    options.forEach((line, i) => {
      const previous = options[i - 1] ?? '';
      const at = indent(line);
      if (at <= 2) return;
      // The description column; or deeper, a list under a line ending with ':', its next item,
      // or text under a word the line above starts after two spaces ("print-after-verify  each …").
      const aligned =
        at === column ||
        (at > column && (previous.trimEnd().endsWith(':') || indent(previous) === at || (/\S {2,}$/.test(previous.slice(0, at)) && previous[at] !== ' ')));
      expect(aligned, `line ${i + 1} of the options, indented ${at}: ${line}`).toBe(true);
    });
  });

  it('hub --help names each limit on what stations send, with its default (issue #13, item 5)', async () => {
    expect(await runCli(['hub', '--help'])).toBe(0);
    const help = out.join('\n');
    expect(help).toMatch(/--station-rate N +messages a second .*\n.*\(default 200; 0: no limit\)/);
    expect(help).toMatch(/--station-bytes-rate N[\s\S]*\(default 1048576; 0: no limit\)/);
    expect(help).toMatch(/--mqtt-max-packet N[\s\S]*\(default 1048576\)/);
  });

  it('hub --help names the history live window, its default and where older days go (issue #13, item 7)', async () => {
    expect(await runCli(['hub', '--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/--history-live-days N +days the history keeps queryable \(default 400; 0: all\)[\s\S]*history-archive\/ \(read them with zcat\)/);
    expect(await runCli(['hub', '--history-live-days', 'x'])).toBe(2);
  });

  it.each([
    [['hub', '--mqtt-url', 'mqtt://127.0.0.1:1', '--mqtt-max-packet', '2000000'], '--mqtt-max-packet bounds the embedded broker'],
    [['hub', '--mqtt-max-packet', '1000'], '--mqtt-max-packet must be at least 66560 bytes'],
    [['hub', '--station-rate', 'fast'], '--station-rate must be a whole number'],
  ])('refuses the limit options %j with USAGE', async (argv, message) => {
    expect(await runCli(argv)).toBe(2);
    expect(err.join('\n')).toContain(message);
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

  it('refuses to start without --printer, saying what to give (there is no default printer)', async () => {
    expect(await runCli(['station', '--id', 'S1', '--scanner', 'stdin'])).toBe(2);
    expect(err.join('\n')).toContain('packgate: --printer is required: a label printer (tcp:HOST[:PORT], serial:PATH[@BAUD], file:PATH)');
    expect(err.join('\n')).toContain('sim for a simulated printer, or none for a bench that prints nothing (--flow verify-preprinted) [USAGE]');
  });

  it('refuses --printer none beside another printer', async () => {
    expect(await runCli(['station', '--id', 'S1', '--printer', 'none', '--printer', 'sim'])).toBe(2);
    expect(err.join('\n')).toContain('--printer none cannot be given with another --printer [USAGE]');
  });

  it('refuses an unknown scanner', async () => {
    expect(await runCli(['station', '--id', 'S1', '--printer', 'sim', '--scanner', 'telepathy'])).toBe(1);
    expect(err.join('\n')).toContain('[BAD_SCANNER_SPEC]');
  });
});
