import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../access/roles.js';

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** sha256 of the token; the token itself is shown once and never stored. */
  readonly hash: string;
  readonly createdAt: string;
  /** After this instant (ISO 8601) the token is refused, and tablet feeds opened with it are closed; none: never. */
  readonly expiresAt?: string;
}

export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
}

const TOKEN_PREFIX = 'pg_';

export function newToken(name: string, role: Role, now = new Date(), expiresAt?: Date): { token: string; record: TokenRecord } {
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const record: TokenRecord = {
    id: randomBytes(6).toString('hex'),
    name,
    role,
    hash: hashToken(token),
    createdAt: now.toISOString(),
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
  return { token, record };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The principal a bearer token stands for at `now`, or undefined (unknown, revoked or expired). */
export function verifyToken(records: readonly TokenRecord[], token: string, now = Date.now()): Principal | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const hash = Buffer.from(hashToken(token), 'hex');
  const match = records.find((record) => timingSafeEqual(Buffer.from(record.hash, 'hex'), hash));
  if (!match || (match.expiresAt !== undefined && !(Date.parse(match.expiresAt) > now))) return undefined;
  return { tokenId: match.id, name: match.name, role: match.role };
}
