import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PackgateError } from '../common/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

/** What `packgate --help` lists of a command. */
export interface CommandListing {
  readonly name: string;
  readonly summary: string;
}

/** What a command module exports. `usage` is the whole text `--help` prints: keep it true. */
export interface CommandSpec {
  readonly usage: string;
  readonly options: OptionSpec;
  readonly allowPositionals?: boolean;
  /** The `--help` text for a subcommand named by the positionals (`hub station`, `sim scanner`); default `usage`. */
  helpFor?(positionals: readonly string[]): string;
  /** Returns the exit code; long-running commands resolve when they have shut down. */
  run(context: CommandContext): Promise<number>;
}

/** A command with its listing, as `packgate sim` keeps its devices. */
export type Command = CommandListing & CommandSpec;

/**
 * An entry of the `packgate` command registry: listed without loading anything, and loaded
 * (its module and everything that imports) only when it is the command run, so a station
 * process never loads the hub.
 */
export interface CommandEntry extends CommandListing {
  load(): Promise<CommandSpec>;
}

/** The line after a usage error: where the options of `packgate <path>` are. */
export function helpHint(path: string | undefined): string {
  return path === undefined ? 'Run the command with --help for its options.' : `Run \`packgate ${path} --help\` for its options.`;
}

/**
 * Parses `argv` for `command` (`name` is how it is typed, e.g. `hub`). A usage error is one
 * short line, in packgate's words rather than node's (whose advice on `--` and positional
 * arguments misleads here), and a line pointing to `--help`.
 */
export function parseCommandArgs(command: CommandSpec, argv: string[], name?: string): CommandContext {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return { values, positionals };
  } catch (err) {
    throw new PackgateError('USAGE', `${parseFailure(err as NodeJS.ErrnoException)}\n${helpHint(name)}`);
  }
}

/** node's parseArgs error as one short line. */
function parseFailure(err: NodeJS.ErrnoException): string {
  const quoted = /'([^']*)'/.exec(err.message)?.[1]?.slice(0, 60);
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted ?? ''}"`;
    default:
      // e.g. "Option '--port <value>' argument missing": node's first sentence is short enough.
      return err.message.split('. ')[0]!;
  }
}

/** Reads a string option, or the default. */
export function stringOption(context: CommandContext, name: string, fallback: string): string;
export function stringOption(context: CommandContext, name: string): string | undefined;
export function stringOption(context: CommandContext, name: string, fallback?: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : fallback;
}

/** Reads a port or other non-negative integer option, refusing anything else with USAGE. */
export function integerOption(context: CommandContext, name: string, fallback: number, max = 65535): number {
  const raw = stringOption(context, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new PackgateError('USAGE', `--${name} must be a whole number from 0 to ${max}, not "${raw}"`);
  }
  return value;
}

/** A port a command listens on, and the option that chooses it. */
export interface ListenPort {
  readonly option: string;
  readonly port: number;
  /** What listens there, for the message: e.g. "the hub's HTTP server". */
  readonly what: string;
}

/**
 * A listen failure as the operator should read it: a port in use becomes `PORT_IN_USE`, naming
 * the option that picks another (Node's error carries the port it tried). Anything else is
 * returned unchanged.
 */
export function listenFailure(err: unknown, ports: readonly ListenPort[]): unknown {
  const failure = err as (NodeJS.ErrnoException & { port?: number; address?: string }) | undefined;
  if (failure?.code !== 'EADDRINUSE') return err;
  const port = ports.find((candidate) => candidate.port === failure.port) ?? (ports.length === 1 ? ports[0] : undefined);
  if (!port) return err;
  const where = failure.address === undefined ? `port ${port.port}` : `${failure.address}:${failure.port ?? port.port}`;
  return new PackgateError('PORT_IN_USE', `${port.what} cannot listen on ${where}: the port is in use; choose another with --${port.option}`, { cause: err });
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads a duration option such as `45s`, `30m`, `8h` or `90d` in milliseconds; USAGE for anything else. */
export function durationOption(context: CommandContext, name: string): number | undefined {
  const raw = stringOption(context, name);
  if (raw === undefined) return undefined;
  const match = /^([1-9][0-9]{0,5})([smhd])$/.exec(raw);
  if (!match) throw new PackgateError('USAGE', `--${name} must be a number and a unit (s, m, h or d), e.g. 8h or 90d, not "${raw}"`);
  return Number(match[1]) * DURATION_UNITS_MS[match[2]!]!;
}

/**
 * The signals that ask a command to stop: Ctrl-C (SIGINT) everywhere, SIGTERM from a POSIX
 * service manager or `kill`, Ctrl-Break (SIGBREAK) on Windows. Windows sends no SIGTERM (another
 * process's `kill` ends a process there at once); listening for it is harmless.
 */
export function stopSignals(platform: NodeJS.Platform = process.platform): readonly NodeJS.Signals[] {
  return platform === 'win32' ? ['SIGINT', 'SIGBREAK', 'SIGTERM'] : ['SIGINT', 'SIGTERM'];
}

/**
 * How long after the first stop signal another one is taken for the same stop: Ctrl-C in a
 * terminal, or a service manager stopping a process group, reaches an agent started by the
 * `packgate` launcher both directly and relayed by the launcher (cli/launch.ts).
 */
export const SAME_STOP_MS = 1_000;

/**
 * Resolves on the first stop signal (Ctrl-C), so a command can shut down cleanly. A repeat
 * within SAME_STOP_MS is ignored; after that the signals have their default effect again, so a
 * second Ctrl-C ends a shutdown that hangs.
 */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  const signals = stopSignals();
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      resolve(signal);
      setTimeout(() => {
        for (const name of signals) process.off(name, stop);
      }, SAME_STOP_MS).unref();
    };
    for (const name of signals) process.on(name, stop);
  });
}
