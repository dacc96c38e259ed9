import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext, OptionSpec } from '../../cli/command.js';
import { MAX_CONFIG_BYTES, withConfigFile } from '../../cli/config-file.js';
import { CliProcess } from '../helpers/cli-process.js';
import { hubFetch } from '../helpers/hub-http.js';
import { tempDir } from '../helpers/temp-dir.js';

const OPTIONS: OptionSpec = {
  config: { type: 'string' },
  port: { type: 'string' },
  site: { type: 'string' },
  printer: { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
};

describe('--config FILE', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function file(content: string): string {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'packgate.json');
    writeFileSync(path, content);
    return path;
  }
  const context = (values: CommandContext['values']): CommandContext => ({ values, positionals: [] });

  it('fills the options the command line left out, numbers as their text, and the command line wins', () => {
    const path = file(JSON.stringify({ $comment: 'bench 3', port: 8081, site: 'wh1', printer: 'tcp:10.0.0.5', verbose: true }));
    expect(withConfigFile(context({ config: path, site: 'wh2' }), OPTIONS).values).toEqual({
      config: path,
      port: '8081',
      site: 'wh2',
      printer: ['tcp:10.0.0.5'],
      verbose: true,
    });
    expect(withConfigFile(context({ port: '1' }), OPTIONS).values).toEqual({ port: '1' });
  });

  it.each([
    ['{"prot": 8080}', '"prot" is not an option it may carry (see --help)'],
    ['{"config": "other.json"}', '"config" is not an option it may carry'],
    ['{"port": true}', '"port" must be a string or a number'],
    ['{"site": ["a", "b"]}', '"site" takes one value, not a list'],
    ['{"verbose": "yes"}', '"verbose" must be true or false'],
    ['[1, 2]', 'it must be one JSON object of option names and values'],
    ['{"port": 80,}', 'it is not JSON'],
  ])('refuses %s with CONFIG_INVALID naming the file and the key', (content, why) => {
    const path = file(content);
    expect(() => withConfigFile(context({ config: path }), OPTIONS)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(`config file ${path} (--config): ${why}`) }),
    );
  });

  it('refuses a missing file and one over its size bound with CONFIG_UNREADABLE', () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    expect(() => withConfigFile(context({ config: join(dir.path, 'nope.json') }), OPTIONS)).toThrow(expect.objectContaining({ code: 'CONFIG_UNREADABLE' }));
    const big = file(`{"site": "${'x'.repeat(MAX_CONFIG_BYTES)}"}`);
    expect(() => withConfigFile(context({ config: big }), OPTIONS)).toThrow(expect.objectContaining({ code: 'CONFIG_UNREADABLE', message: expect.stringContaining('over 256 KiB') }));
  });

  it('runs the hub with what the file says, under the flags given beside it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    mkdirSync(join(dir.path, 'hub'));
    const path = join(dir.path, 'hub.json');
    writeFileSync(path, JSON.stringify({ data: join(dir.path, 'hub'), port: 0, 'mqtt-port': 0, site: 'fromfile', 'stuck-labelled': '90m' }));
    const cli = new CliProcess(['hub', '--config', path, '--site', 'fromflag']);
    cli.child.stdin.end();
    cleanups.push(() => cli.stop('SIGKILL'));
    const [, token] = await cli.waitForOutput(/Admin token \(shown once, keep it\): (pg_\S+)/);
    const [, url] = await cli.waitForOutput(/Tablet page: +(http:\/\/\S+?)\/\n/);
    // The start-up line after the tablet's names the site stations need: the flag's, not the file's.
    const [, site] = await cli.waitForOutput(/Stations: .* --site (\S+)/);
    expect(site).toBe('fromflag');
    expect(cli.stdout).not.toContain('fromfile');
    const funnel = (await (await hubFetch(url!, token!, 'GET', '/funnel')).json()) as { nodes: Array<{ node: string; limitMs: number | null }> };
    expect(funnel.nodes.find((node) => node.node === 'labelled')?.limitMs).toBe(90 * 60_000);
    expect(await cli.stop('SIGINT')).toBe(0);
  });

  it('stops the station before anything starts when its file is wrong', async () => {
    const path = file('{"id": "PACK-01", "printer": "sim", "scaner": "stdin"}');
    const cli = new CliProcess(['station', '--config', path]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr).toContain(`packgate: config file ${path} (--config): "scaner" is not an option it may carry (see --help) [CONFIG_INVALID]`);
  });
});
