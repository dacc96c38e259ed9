import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { TokenRecord } from './tokens.js';

/** The hub's bounded state document (written whole by lowdb, so never the event history). */
export interface HubStateDoc {
  tokens: TokenRecord[];
}

export type HubState = Low<HubStateDoc>;

export async function openHubState(path?: string): Promise<HubState> {
  if (path) mkdirSync(dirname(path), { recursive: true });
  const db = new Low<HubStateDoc>(path ? new JSONFile(path) : new Memory(), { tokens: [] });
  await db.read();
  return db;
}
