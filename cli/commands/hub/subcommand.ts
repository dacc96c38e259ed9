import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PackgateError } from '../../../common/errors.js';
import { helpHint, type CommandContext, type OptionSpec } from '../../command.js';

/** The hub's data folder when `--data` is not given. */
export const DEFAULT_HUB_DATA = join('.packgate', 'hub');

/** One `packgate hub …` subcommand; `packgate hub` alone is the one with an empty path. */
export interface HubSubcommand {
  /** The words after `packgate hub`, e.g. `['station', 'add']`. */
  readonly path: readonly string[];
  /** Its usage line (without the leading `packgate hub`) and option lines, for the hub's --help. */
  readonly usage: string;
  readonly options: OptionSpec;
  run(context: CommandContext): Promise<number>;
}

/** The subcommand the positionals name, with the options checked against its own; USAGE otherwise. */
export function pickSubcommand(subcommands: readonly HubSubcommand[], context: CommandContext): HubSubcommand {
  const words = context.positionals;
  const found = subcommands.find((sub) => sub.path.length === words.length && sub.path.every((word, i) => word === words[i]));
  if (!found) throw new PackgateError('USAGE', `unknown hub subcommand "${words.join(' ').slice(0, 60)}"\n${helpHint('hub')}`);
  const name = ['hub', ...found.path].join(' ');
  for (const [option, value] of Object.entries(context.values)) {
    if (value !== undefined && option !== 'help' && !(option in found.options)) {
      throw new PackgateError('USAGE', `--${option} is not an option of \`packgate ${name}\`\n${helpHint(name)}`);
    }
  }
  return found;
}

/** The hub state file of a data folder that must already exist (commands that only read it). */
export function existingStateFile(dataDir: string): string {
  const file = join(dataDir, 'hub-state.json');
  if (!existsSync(file)) {
    throw new PackgateError('NO_HUB_STATE', `no hub state at ${file}: is --data the hub's data folder?`);
  }
  return file;
}
