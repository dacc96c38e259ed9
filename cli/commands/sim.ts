import { PackgateError } from '../../common/errors.js';
import { simPrinterCommand } from './sim/printer.js';
import { simScaleCommand } from './sim/scale.js';
import { simScannerCommand } from './sim/scanner.js';
import { simWaybillPrinterCommand } from './sim/waybill-printer.js';
import { helpHint, type Command, type CommandContext, type CommandSpec, type OptionSpec } from '../command.js';

/** Every `packgate sim` device, in the order help lists them. Add a simulator with one entry. */
export const SIM_COMMANDS: readonly Command[] = [simScannerCommand, simScaleCommand, simPrinterCommand, simWaybillPrinterCommand];

/**
 * The CLI parses options once, for the `sim` command as a whole, so `sim` accepts the union
 * of its subcommands' options and then refuses any that the chosen subcommand lacks.
 * Two subcommands may share an option name only with the same type.
 */
export function unionOptions(commands: readonly Command[]): OptionSpec {
  const union: OptionSpec = {};
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options)) {
      const seen = union[name];
      if (seen && (seen.type !== spec.type || seen.multiple !== spec.multiple || seen.short !== spec.short)) {
        throw new Error(`sim subcommands disagree on --${name}`);
      }
      union[name] = spec;
    }
  }
  return union;
}

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Usage: packgate sim <device> [options]',
    '',
    'Simulated devices for development and tests, driving the real drivers.',
    '',
    'Devices:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    ...commands.flatMap((command) => ['', command.usage]),
  ].join('\n');
}

export function createSimCommand(commands: readonly Command[]): CommandSpec {
  const command: CommandSpec = {
    usage: usage(commands),
    options: unionOptions(commands),
    allowPositionals: true,
    helpFor: ([name]) => commands.find((candidate) => candidate.name === name)?.usage ?? command.usage,
    run(context: CommandContext) {
      const [name, ...positionals] = context.positionals;
      const sub = commands.find((candidate) => candidate.name === name);
      if (!sub) {
        const what = name === undefined ? 'which device?' : `unknown device "${name}"`;
        throw new PackgateError('USAGE', `${what}\n\n${command.usage}`);
      }
      const foreign = Object.keys(context.values).filter((option) => context.values[option] !== undefined && !(option in sub.options) && option !== 'help');
      const hint = helpHint(`sim ${sub.name}`);
      if (foreign.length > 0) throw new PackgateError('USAGE', `sim ${sub.name} has no --${foreign[0]}\n${hint}`);
      if (positionals.length > 0 && !sub.allowPositionals) throw new PackgateError('USAGE', `unexpected argument "${positionals[0]!.slice(0, 60)}"\n${hint}`);
      return sub.run({ values: context.values, positionals });
    },
  };
  return command;
}

export const simCommand = createSimCommand(SIM_COMMANDS);
