import { JSONFilePreset } from 'lowdb/node';
import type { Low } from 'lowdb';

/** The station's small state document; the journal, not this file, holds the events. */
export interface StationStateDoc {
  /** Every event up to this sequence is stored at the hub. */
  ackedSeq: number;
  /** Birth/death sequence: one more at every agent start. */
  bdSeq: number;
}

export type StationState = Low<StationStateDoc>;

export async function openStationState(path: string): Promise<StationState> {
  return JSONFilePreset<StationStateDoc>(path, { ackedSeq: 0, bdSeq: 0 });
}
