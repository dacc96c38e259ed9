import { readFileSync, statSync } from 'node:fs';
import { PackgateError, errorMessage } from '../common/errors.js';
import type { CommandContext, OptionSpec } from './command.js';

/** A config file bigger than this is not a config file. */
export const MAX_CONFIG_BYTES = 256 * 1024;

type OptionValue = string | boolean | string[] | boolean[];

/**
 * `--config FILE`: a JSON object whose keys are the command's long options without the dashes
 * and whose values are what the command line would carry (`"mqtt-port": 1883`,
 * `"printer": ["tcp:10.0.0.5", "cainiao:ws://127.0.0.1:13528"]`, `"require-weighing": "yes"`).
 * The option declarations are the schema: an unknown key, a value of the wrong type, a list for
 * an option given once, or an option that only the command line may carry (`config`, `help`) is
 * `CONFIG_INVALID` naming the file and the key. A number is taken as its decimal text, so every
 * value then meets the same checks as a flag. Flags given on the command line win over the file.
 */
export function withConfigFile(context: CommandContext, options: OptionSpec): CommandContext {
  const path = context.values.config;
  if (typeof path !== 'string') return context;
  const fromFile = readConfigFile(path, options);
  const values = { ...context.values };
  for (const [name, value] of Object.entries(fromFile)) if (values[name] === undefined) values[name] = value;
  return { ...context, values };
}

function readConfigFile(path: string, options: OptionSpec): Record<string, OptionValue> {
  let text: string;
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES) throw new Error(`it is over ${MAX_CONFIG_BYTES / 1024} KiB`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PackgateError('CONFIG_UNREADABLE', `cannot read the config file ${path} (--config): ${errorMessage(err)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw invalid(path, `it is not JSON (${errorMessage(err)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(path, 'it must be one JSON object of option names and values');
  const values: Record<string, OptionValue> = {};
  for (const [name, raw] of Object.entries(parsed)) {
    if (name === '$schema' || name === '$comment') continue;
    const option = options[name];
    if (!option || name === 'config' || name === 'help') throw invalid(path, `"${name.slice(0, 60)}" is not an option it may carry (see --help)`);
    values[name] = optionValue(path, name, option.type, option.multiple === true, raw);
  }
  return values;
}

function optionValue(path: string, name: string, type: 'string' | 'boolean', multiple: boolean, raw: unknown): OptionValue {
  const one = (value: unknown): string | boolean => {
    if (type === 'boolean') {
      if (typeof value !== 'boolean') throw invalid(path, `"${name}" must be true or false`);
      return value;
    }
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') throw invalid(path, `"${name}" must be a string${type === 'string' ? ' or a number' : ''}`);
    return value;
  };
  if (!Array.isArray(raw)) return multiple ? ([one(raw)] as string[] | boolean[]) : one(raw);
  if (!multiple) throw invalid(path, `"${name}" takes one value, not a list`);
  return raw.map(one) as string[] | boolean[];
}

function invalid(path: string, why: string): PackgateError {
  return new PackgateError('CONFIG_INVALID', `config file ${path} (--config): ${why}`);
}
