import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAME_STOP_MS, stopSignals, untilInterrupted } from '../../cli/command.js';
import { STATION_NODE_OPTIONS, planLaunch, relayedSignals, type LaunchContext } from '../../cli/launch.js';

const linux: LaunchContext = { platform: 'linux', execPath: '/usr/bin/node', execArgv: [], env: { PATH: '/usr/bin' }, root: '/opt/packgate', canExec: false };
const windows: LaunchContext = {
  platform: 'win32',
  execPath: 'C:\\Program Files\\nodejs\\node.exe',
  execArgv: [],
  env: { Path: 'C:\\Windows' },
  root: 'C:\\packgate\\node_modules\\packgate',
  canExec: false,
};

describe('planLaunch', () => {
  it('runs every command but the station here, from dist/cli, on node as it started', () => {
    for (const args of [['hub', '--port', '0'], ['--version'], [], ['decode', 'station']]) {
      expect(planLaunch(args, linux)).toEqual({ kind: 'import', entry: '/opt/packgate/dist/cli/main.js' });
    }
  });

  it('starts a station from the bundle with the V8 options and two malloc arenas, as a child where node cannot exec', () => {
    expect(planLaunch(['station', '--id', 'B1'], linux)).toEqual({
      kind: 'spawn',
      file: '/usr/bin/node',
      args: ['--optimize-for-size', '/opt/packgate/dist/bundle/main.js', 'station', '--id', 'B1'],
      env: { PATH: '/usr/bin', MALLOC_ARENA_MAX: '2' },
    });
  });

  it('replaces its process where node has execve, and keeps an arena count the environment names', () => {
    const plan = planLaunch(['station'], { ...linux, canExec: true, env: { MALLOC_ARENA_MAX: '4' } });
    expect(plan).toMatchObject({ kind: 'exec', env: { MALLOC_ARENA_MAX: '4' } });
  });

  it('on Windows starts the agent as a child with the V8 options and no malloc setting', () => {
    const plan = planLaunch(['station', '--scanner', 'serial:COM3@9600'], windows);
    expect(plan).toEqual({
      kind: 'spawn',
      file: 'C:\\Program Files\\nodejs\\node.exe',
      args: ['--optimize-for-size', expect.stringMatching(/dist[\\/]bundle[\\/]main\.js$/), 'station', '--scanner', 'serial:COM3@9600'],
      env: { Path: 'C:\\Windows' },
    });
  });

  it('runs the station bundle here when node already started with the options (a service started it so)', () => {
    expect(planLaunch(['station'], { ...windows, execArgv: [...STATION_NODE_OPTIONS] })).toEqual({
      kind: 'import',
      entry: expect.stringMatching(/dist[\\/]bundle[\\/]main\.js$/),
    });
    expect(planLaunch(['station'], { ...linux, execArgv: [...STATION_NODE_OPTIONS], env: { MALLOC_ARENA_MAX: '2' } })).toMatchObject({ kind: 'import' });
    // On glibc the arenas are set at start too: without them, start again.
    expect(planLaunch(['station'], { ...linux, execArgv: [...STATION_NODE_OPTIONS] })).toMatchObject({ kind: 'spawn' });
  });
});

describe('stop signals', () => {
  it('relays POSIX stop signals to the agent, and none on Windows, where the console reaches every process', () => {
    expect(relayedSignals('linux')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    expect(relayedSignals('win32')).toEqual([]);
  });

  it('stops a command on Ctrl-C everywhere, on SIGTERM, and on Ctrl-Break on Windows', () => {
    expect(stopSignals('linux')).toEqual(['SIGINT', 'SIGTERM']);
    expect(stopSignals('darwin')).toEqual(['SIGINT', 'SIGTERM']);
    expect(stopSignals('win32')).toEqual(['SIGINT', 'SIGBREAK', 'SIGTERM']);
  });
});

describe('untilInterrupted', () => {
  afterEach(() => vi.useRealTimers());

  it('takes a repeat within SAME_STOP_MS for the same stop, then leaves the signals their default effect', async () => {
    vi.useFakeTimers();
    const before = process.listeners('SIGTERM');
    const stopped = untilInterrupted();
    const [listener] = process.listeners('SIGTERM').filter((candidate) => !before.includes(candidate));
    // Called as node calls it on a signal; emitting SIGTERM would reach the test runner's own listeners.
    const deliver = listener as (signal: NodeJS.Signals) => void;
    deliver('SIGTERM');
    deliver('SIGTERM');
    expect(await stopped).toBe('SIGTERM');
    vi.advanceTimersByTime(SAME_STOP_MS - 1);
    expect(process.listeners('SIGTERM')).toContain(listener);
    vi.advanceTimersByTime(1);
    expect(process.listeners('SIGTERM')).toEqual(before);
    expect(process.listeners('SIGINT')).not.toContain(listener);
  });
});
