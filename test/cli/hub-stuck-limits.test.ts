import { afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from '../helpers/cli-process.js';
import { hubFetch } from '../helpers/hub-http.js';
import { tempDir } from '../helpers/temp-dir.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `packgate hub --stuck-released|--stuck-labelled|--stuck-handed-over`: the patrol's limits (issue #14). */
describe('packgate hub --stuck-*', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function hub(args: readonly string[]): CliProcess {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const cli = new CliProcess(['hub', '--data', dir.path, '--port', '0', '--mqtt-port', '0', ...args]);
    cli.child.stdin.end();
    cleanups.push(() => cli.stop('SIGKILL'));
    return cli;
  }

  it('--help lists the three options with their defaults and range', async () => {
    const help = new CliProcess(['hub', '--help']);
    expect(await help.exited).toBe(0);
    for (const [option, fallback] of [
      ['--stuck-released', '4h'],
      ['--stuck-labelled', '2h'],
      ['--stuck-handed-over', '4h'],
    ] as const) {
      // The option's text runs to the next option.
      const start = help.stdout.indexOf(`${option} D`);
      expect(start).toBeGreaterThan(-1);
      const end = help.stdout.indexOf('--', start + option.length);
      expect(help.stdout.slice(start, end === -1 ? undefined : end)).toContain(`(default ${fallback})`);
    }
    expect(help.stdout).toContain('1m to 30d');
  });

  it.each([
    [['--stuck-labelled', '30s'], '--stuck-labelled must be from 1m to 30d'],
    [['--stuck-released', '31d'], '--stuck-released must be from 1m to 30d'],
    [['--stuck-handed-over', 'soon'], '--stuck-handed-over must be a number and a unit'],
  ])('%j exits 2 naming the option, before it listens', async (args, message) => {
    const cli = hub(args);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr).toContain(`packgate: ${message}`);
    expect(cli.stderr).toContain('[USAGE]');
    expect(cli.stdout).not.toContain('Tablet page:');
  });

  it('a set limit is the one the hub runs with: GET /api/v1/funnel says it per node, the others keep their defaults', async () => {
    const cli = hub(['--stuck-labelled', '90m', '--stuck-handed-over', '1d']);
    const [, token] = await cli.waitForOutput(/Admin token \(shown once, keep it\): (pg_\S+)/);
    const [, url] = await cli.waitForOutput(/Tablet page: +(http:\/\/\S+?)\/\n/);
    const res = await hubFetch(url!, token!, 'GET', '/funnel');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { nodes: Array<{ node: string; limitMs: number | null }> };
    expect(Object.fromEntries(body.nodes.map((node) => [node.node, node.limitMs]))).toEqual({
      released: 4 * HOUR,
      verified: null,
      labelled: 90 * MINUTE,
      'handed-over': 24 * HOUR,
      'picked-up': null,
      delivered: null,
    });
    expect(await cli.stop('SIGINT')).toBe(0);
  });
});
