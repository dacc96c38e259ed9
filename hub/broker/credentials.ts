import { createHash, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PackgateError } from '../../common/errors.js';

/**
 * MQTT passwords: generated here, stored only as a salted hash in Mosquitto's own
 * `$7$` format (PBKDF2-HMAC-SHA512, as `mosquitto_passwd` writes since Mosquitto 2.0),
 * so the hub can verify logins on its embedded broker and print a password file an
 * external Mosquitto reads, without ever keeping a password.
 *
 * `$7$<iterations>$<base64 salt, 12 bytes>$<base64 hash, 64 bytes>`
 */

const pbkdf2Async = promisify(pbkdf2);
const SALT_BYTES = 12;
const HASH_BYTES = 64;
/**
 * Mosquitto's own default is 101. The passwords are 192-bit random secrets, which no
 * iteration count makes easier or harder to guess; the count only prices each login.
 */
export const DEFAULT_ITERATIONS = 1000;
const MAX_ITERATIONS = 1_000_000;

/** A new MQTT password: 24 random bytes, base64url (32 characters, no `:` for password files). */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The `$7$` hash of `password` with a fresh salt (or the given one, for tests). */
export async function hashPassword(
  password: string,
  options: { iterations?: number; salt?: Buffer } = {},
): Promise<string> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(password, salt, iterations, HASH_BYTES, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface ParsedHash {
  readonly iterations: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** Parses a `$7$` hash; throws `BAD_PASSWORD_HASH` for anything else. */
export function parsePasswordHash(text: string): ParsedHash {
  const match = /^\$7\$(\d{1,7})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/.exec(text);
  const iterations = Number(match?.[1]);
  const salt = Buffer.from(match?.[2] ?? '', 'base64');
  const hash = Buffer.from(match?.[3] ?? '', 'base64');
  if (!match || iterations < 1 || iterations > MAX_ITERATIONS || salt.length === 0 || hash.length !== HASH_BYTES) {
    throw new PackgateError('BAD_PASSWORD_HASH', 'not a Mosquitto $7$ (PBKDF2-SHA512) password hash');
  }
  return { iterations, salt, hash };
}

/** Whether `password` matches `passwordHash`, in constant time; false for an unreadable hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  let parsed: ParsedHash;
  try {
    parsed = parsePasswordHash(passwordHash);
  } catch {
    return false;
  }
  const candidate = await pbkdf2Async(password, parsed.salt, parsed.iterations, HASH_BYTES, 'sha512');
  return timingSafeEqual(candidate, parsed.hash);
}

/** Constant-time equality of two strings of any length (for in-memory secrets). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}
