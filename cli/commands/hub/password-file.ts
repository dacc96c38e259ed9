import { readFileSync, statSync } from 'node:fs';
import { PackgateError } from '../../../common/errors.js';
import { stringOption, type CommandContext } from '../../command.js';

/** The environment variable that may hold this process's MQTT password instead of a file. */
export const MQTT_PASSWORD_ENV = 'PACKGATE_MQTT_PASSWORD';

/**
 * Reads a password kept alone in a file (one line; a final newline is dropped). Passwords are
 * never taken on the command line, where `ps` and shell history would show them.
 */
export function readPasswordFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PackgateError('PASSWORD_FILE_UNREADABLE', `cannot read the password file ${path}: ${(err as Error).message}`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '' || /[\r\n]/.test(password)) {
    throw new PackgateError('PASSWORD_FILE_INVALID', `the password file ${path} must hold the password on one line`);
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    console.error(`packgate: warning: ${path} is readable by other users; chmod 600 it`);
  }
  return password;
}

/** The MQTT password from `--mqtt-password-file`, else from $PACKGATE_MQTT_PASSWORD, else undefined. */
export function mqttPasswordOption(context: CommandContext): string | undefined {
  const file = stringOption(context, 'mqtt-password-file');
  if (file !== undefined) return readPasswordFile(file);
  const fromEnv = process.env[MQTT_PASSWORD_ENV];
  return fromEnv ? fromEnv : undefined;
}
