import { PackgateError, errorMessage } from '../common/errors.js';
import { PACKGATE_VERSION } from '../common/version.js';
import { parseCommandArgs } from './command.js';
import { COMMANDS } from './commands/index.js';

export function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `packgate ${PACKGATE_VERSION}: packing-station edge service`,
    '',
    'Usage: packgate <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `packgate <command> --help` for a command's options.",
  ].join('\n');
}

/** Runs one `packgate` invocation and returns its exit code; errors are printed, never thrown. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (err) {
    const code = err instanceof PackgateError ? err.code : 'FAILED';
    // The code ends the first line, the error itself; what follows (a hint, a usage) is help.
    const [first, ...rest] = errorMessage(err).split('\n');
    console.error([`packgate: ${first} [${code}]`, ...rest].join('\n'));
    return code === 'USAGE' ? 2 : 1;
  }
}

async function dispatch(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(PACKGATE_VERSION);
    return 0;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    console.error(`packgate: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  const command = await entry.load();
  const context = parseCommandArgs(command, rest, name);
  if (context.values.help) {
    console.log(command.helpFor?.(context.positionals) ?? command.usage);
    return 0;
  }
  return command.run(context);
}
