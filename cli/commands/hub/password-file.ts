import { readFileSync, statSync } from 'node:fs';
import { PackgateError } from '../../../common/errors.js';
import { stringOption, type CommandContext } from '../../command.js';

/** The environment variable that may hold this process's MQTT password instead of a file. */
export const MQTT_PASSWORD_ENV = 'PACKGATE_MQTT_PASSWORD';

/**
 * The text of a password file: UTF-8 with or without a byte-order mark (Notepad), or UTF-16 LE
 * with one (what `>` writes in Windows PowerShell 5).
 */
export function decodePasswordFile(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Reads a password kept alone in a file (one line; a final newline is dropped). Passwords are
 * never taken on the command line, where `ps` and shell history would show them. Warns when
 * other users may read the file; on Windows its NTFS permissions are not in the mode bits node
 * reports (every file shows as 0o666), so nothing is checked there (docs/operations.md, icacls).
 */
export function readPasswordFile(path: string, platform: NodeJS.Platform = process.platform): string {
  let text: string;
  try {
    text = decodePasswordFile(readFileSync(path));
  } catch (err) {
    throw new PackgateError('PASSWORD_FILE_UNREADABLE', `cannot read the password file ${path}: ${(err as Error).message}`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '' || /[\r\n]/.test(password)) {
    throw new PackgateError('PASSWORD_FILE_INVALID', `the password file ${path} must hold the password on one line`);
  }
  if (platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
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
