import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../common/paths.js';

/**
 * What the `packgate` command (bin/packgate) does before any command runs. A station agent
 * runs for weeks on a small machine, so its node process is set up for memory
 * (docs/architecture.md, "Station memory"): the bundled build, V8's `--optimize-for-size`, and
 * on glibc at most two malloc arenas. Both must be there when node starts: NODE_OPTIONS refuses
 * `--optimize-for-size`, and glibc reads MALLOC_ARENA_MAX once. So for `station` the command
 * starts node again with them; every other command runs here, from dist/cli, on node's defaults.
 *
 * The command is a node script, not a shell script, because npm installs a bin on Windows as
 * `packgate.cmd`/`packgate.ps1` shims that run the interpreter named in its `#!` line: with
 * `#!/bin/sh` they would need a POSIX shell on the PATH.
 */

/** V8 options a station agent's node starts with. */
export const STATION_NODE_OPTIONS: readonly string[] = ['--optimize-for-size'];
/** The malloc arenas a station agent's node starts with, unless the environment names its own (glibc reads it; Windows has no such thing). */
export const STATION_MALLOC_ARENA_MAX = '2';

/** How one `packgate` invocation runs. */
export type LaunchPlan =
  /** Import the entry in this process: the command needs nothing from node's start. */
  | { readonly kind: 'import'; readonly entry: string }
  /**
   * Start node with `args` and `env`: `exec` replaces this process (one process, the same pid,
   * as a shell's `exec`); `spawn` runs it as a child and relays stop signals and the exit status.
   */
  | { readonly kind: 'exec' | 'spawn'; readonly file: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string | undefined>> };

export interface LaunchContext {
  readonly platform: NodeJS.Platform;
  /** The node binary. */
  readonly execPath: string;
  /** The options this node was started with. */
  readonly execArgv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The package's root folder (the one holding dist/). */
  readonly root: string;
  /** Whether this node can replace its process (`process.execve`: POSIX, node 22.15 and later). */
  readonly canExec: boolean;
}

/** How `packgate args` runs in `context`: pure, for the launcher and its tests. */
export function planLaunch(args: readonly string[], context: LaunchContext): LaunchPlan {
  if (args[0] !== 'station') return { kind: 'import', entry: join(context.root, 'dist', 'cli', 'main.js') };
  const bundle = join(context.root, 'dist', 'bundle', 'main.js');
  const usesMalloc = context.platform !== 'win32';
  const flagged = STATION_NODE_OPTIONS.every((option) => context.execArgv.includes(option));
  if (flagged && (!usesMalloc || context.env.MALLOC_ARENA_MAX !== undefined)) return { kind: 'import', entry: bundle };
  const env = usesMalloc ? { ...context.env, MALLOC_ARENA_MAX: context.env.MALLOC_ARENA_MAX ?? STATION_MALLOC_ARENA_MAX } : { ...context.env };
  return { kind: context.canExec ? 'exec' : 'spawn', file: context.execPath, args: [...STATION_NODE_OPTIONS, bundle, ...args], env };
}

type Execve = (file: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>) => never;

/** Runs `packgate args` as planned for this process. Resolves once the command has run here, or never when it was replaced. */
export async function launch(args: readonly string[] = process.argv.slice(2)): Promise<void> {
  const execve = (process as { execve?: Execve }).execve;
  const plan = planLaunch(args, {
    platform: process.platform,
    execPath: process.execPath,
    execArgv: process.execArgv,
    env: process.env,
    root: packageRoot(),
    canExec: typeof execve === 'function',
  });
  if (plan.kind === 'import') {
    // A file URL: on Windows an absolute path is not an import specifier.
    await import(pathToFileURL(plan.entry).href);
    return;
  }
  if (plan.kind === 'exec') {
    try {
      execve!.call(process, plan.file, [plan.file, ...plan.args], plan.env);
    } catch (err) {
      console.error(`packgate: cannot replace this process (${(err as Error).message}); starting the agent as a child instead`);
    }
  }
  // On POSIX the agent gets a process group of its own, so that a signal sent to the launcher's
  // group (Ctrl-C in a terminal) reaches it once, relayed, not twice. On Windows that would give
  // it a console of its own, out of reach of the console's Ctrl-C.
  const detached = process.platform !== 'win32';
  relay(spawn(plan.file, [...plan.args], { stdio: 'inherit', env: plan.env as NodeJS.ProcessEnv, detached }));
}

/**
 * Stop signals this process relays to the agent it started. On Windows there is nothing to
 * relay: Ctrl-C and Ctrl-Break reach every process on the console, the agent too, and killing
 * a child there ends it at once; the launcher only has to outlive them.
 */
export function relayedSignals(platform: NodeJS.Platform): readonly NodeJS.Signals[] {
  return platform === 'win32' ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
}

/** Signals the launcher must survive while its agent stops (they would end it by default). */
function survivedSignals(platform: NodeJS.Platform): readonly NodeJS.Signals[] {
  return platform === 'win32' ? ['SIGINT', 'SIGBREAK', 'SIGHUP'] : relayedSignals(platform);
}

/**
 * Waits for the agent, passing on what asks it to stop, and leaves with its exit status. A
 * signal sent to every process of a service (systemd's default KillMode=control-group) still
 * reaches the agent twice, directly and relayed; the agent takes a repeat within a second for
 * the same stop (cli/command.ts, `untilInterrupted`).
 */
function relay(child: ChildProcess): void {
  const relayed = new Set(relayedSignals(process.platform));
  const onSignal = (signal: NodeJS.Signals) => {
    if (relayed.has(signal) && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = survivedSignals(process.platform);
  for (const signal of signals) process.on(signal, onSignal);
  child.on('error', (err) => {
    console.error(`packgate: cannot start the station agent: ${err.message}`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
    // End as the agent did, so whoever started `packgate` sees the same status. Other signals
    // stay caught: one sent to stop the agent may still be on its way here.
    if (signal === null || process.platform === 'win32') return;
    process.off(signal, onSignal);
    process.kill(process.pid, signal);
  });
}
