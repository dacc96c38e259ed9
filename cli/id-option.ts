import { PackgateError, errorMessage } from '../common/errors.js';
import { assertTopicId } from '../protocol/topics.js';
import { stringOption, type CommandContext } from './command.js';

// Not in cli/command.ts, which `packgate` loads before it knows the command (test/cli/lazy-commands.test.ts).

/**
 * Reads a site or station id option (topic-safe: protocol/topics.ts), or the default;
 * `INVALID_ID` naming the option for anything else, before the command starts anything.
 */
export function idOption(context: CommandContext, name: string, kind: 'site' | 'station', fallback: string): string;
export function idOption(context: CommandContext, name: string, kind: 'site' | 'station'): string | undefined;
export function idOption(context: CommandContext, name: string, kind: 'site' | 'station', fallback?: string): string | undefined {
  const value = stringOption(context, name) ?? fallback;
  if (value === undefined) return undefined;
  try {
    return assertTopicId(kind, value);
  } catch (err) {
    throw new PackgateError('INVALID_ID', `--${name}: ${errorMessage(err)}`);
  }
}
