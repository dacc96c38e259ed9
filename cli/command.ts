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

export function parseCommandArgs(command: CommandSpec, argv: string[]): CommandContext {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return { values, positionals };
  } catch (err) {
    throw new PackgateError('USAGE', `${(err as Error).message}\n\n${command.usage}`);
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

/** Resolves on the first SIGINT or SIGTERM (Ctrl-C), so a command can shut down cleanly. */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
