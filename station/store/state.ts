import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile } from '../../common/atomic-file.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';

const log = createLogger('station.store.state');

/** The station's small state document; the journal, not this file, holds the events. */
export interface StationStateDoc {
  /** Every event up to this sequence is stored at the hub. */
  ackedSeq: number;
  /** Birth/death sequence: one more at every agent start. */
  bdSeq: number;
  /**
   * The data folder's identity, made when it is first created (docs/protocol.md): absent from a
   * folder an older agent made, which keeps none, and from a state recovered beside a journal,
   * which takes the journal's.
   */
  incarnation?: string;
}

export type StationState = Low<StationStateDoc>;

/**
 * Opens `state.json` (written atomically, with fsync). Lost or unreadable beside a journal, it
 * is recovered rather than refused: the ack cursor restarts at 0 (the hub drops the events it
 * already holds by their ids, and acks them again) and the birth sequence at the Unix time in
 * seconds, above any count of restarts, so the hub does not take the next birth for a stale one.
 */
export async function openStationState(path: string): Promise<StationState> {
  const db = new Low<StationStateDoc>(new AtomicJsonFile(path), { ackedSeq: 0, bdSeq: 0, incarnation: randomUUID() });
  let problem: string | undefined;
  try {
    await db.read();
    if (!Number.isSafeInteger(db.data?.ackedSeq) || !Number.isSafeInteger(db.data?.bdSeq)) problem = 'not a station state';
  } catch (err) {
    problem = errorMessage(err);
  }
  if (problem === undefined && db.data.bdSeq === 0 && journalBytes(path) > 0) problem = 'missing beside a journal';
  if (problem !== undefined) {
    db.data = { ackedSeq: 0, bdSeq: Math.floor(Date.now() / 1000) };
    log.error({ path, problem }, 'station state lost; resending the journal from the start (the hub keeps each event once)');
  }
  return db;
}

function journalBytes(statePath: string): number {
  try {
    return statSync(join(dirname(statePath), 'journal.jsonl')).size;
  } catch {
    return 0;
  }
}
