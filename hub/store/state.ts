import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { TokenRecord } from './tokens.js';

/** A station's MQTT login (username = station id); the password is kept only as a `$7$` hash. */
export interface StationRecord {
  readonly id: string;
  /** Mosquitto-compatible PBKDF2-SHA512 hash (see `hub/broker/credentials.ts`). */
  readonly passwordHash: string;
  readonly createdAt: string;
}

/** The hub's bounded state document (written whole by lowdb, so never the event history). */
export interface HubStateDoc {
  tokens: TokenRecord[];
  stations: StationRecord[];
}

export type HubState = Low<HubStateDoc>;

export async function openHubState(path?: string): Promise<HubState> {
  if (path) mkdirSync(dirname(path), { recursive: true });
  const db = new Low<HubStateDoc>(path ? new JSONFile(path) : new Memory(), { tokens: [], stations: [] });
  await db.read();
  // Documents written before stations had MQTT logins have no `stations`.
  db.data.stations ??= [];
  return db;
}
