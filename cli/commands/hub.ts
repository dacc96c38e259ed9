import type { CommandSpec, OptionSpec } from '../command.js';
import { aclFile, passwdFile } from './hub/mosquitto.js';
import { runHub } from './hub/run.js';
import { stationAdd, stationList, stationRemove } from './hub/station.js';
import { tokenCreate, tokenList, tokenRevoke } from './hub/token.js';
import { pickSubcommand, type HubSubcommand } from './hub/subcommand.js';

const SUBCOMMANDS: readonly HubSubcommand[] = [
  runHub,
  stationAdd,
  stationRemove,
  stationList,
  tokenCreate,
  tokenList,
  tokenRevoke,
  aclFile,
  passwdFile,
];

const synopsis = (sub: HubSubcommand) => ['packgate hub', ...sub.usage.split('\n')[0]!.split(' ')].join(' ').replace(/ +/g, ' ');

function usageOf(subcommands: readonly HubSubcommand[]): string {
  return [
    `Usage: ${subcommands.map(synopsis).join('\n       ')}`,
    '',
    ...subcommands.map((sub) => `packgate hub ${sub.usage}\n`),
    '-h, --help  show this help',
  ].join('\n');
}

const usage = usageOf(SUBCOMMANDS);

/** `hub station --help`, `hub token create --help`: the subcommands under those words only. */
function helpFor(words: readonly string[]): string {
  if (words.length === 0) return usage;
  const under = SUBCOMMANDS.filter((sub) => words.every((word, i) => sub.path[i] === word));
  return under.length > 0 ? usageOf(under) : usage;
}

// parseArgs runs before the subcommand is known: take every subcommand's options, then let
// pickSubcommand refuse the ones the chosen subcommand does not have.
const options: OptionSpec = Object.assign({}, ...SUBCOMMANDS.map((sub) => sub.options));

/** `packgate hub` and its subcommands: station logins, API tokens and an external broker's files. */
export const hubCommand: CommandSpec = {
  usage,
  options,
  allowPositionals: true,
  helpFor,
  run: (context) => pickSubcommand(SUBCOMMANDS, context).run(context),
};
