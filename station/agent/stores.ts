import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../common/journal.js';
import { createLogger } from '../../common/log.js';
import type { StationEvent } from '../../protocol/index.js';
import { Outbox } from '../link/outbox.js';
import { HubCopy } from '../store/hub-copy.js';
import { SessionStore, type SavedSession } from '../store/session-store.js';
import { openStationState, type StationState } from '../store/state.js';
import { printerRefusal, type StationOptions } from './options.js';
import { unjournaled } from './recorder.js';

const log = createLogger('station.agent');

/** The station's files, opened and repaired: what the agent starts from. */
export interface StationStores {
  readonly journal: Journal<StationEvent>;
  /** Every event the journal holds, oldest first. */
  readonly records: readonly StationEvent[];
  readonly lastSeq: number;
  readonly sessions: SessionStore;
  readonly saved: SavedSession;
  readonly state: StationState;
  readonly outbox: Outbox;
  readonly copy: HubCopy;
}

/**
 * Opens the data folder's journal, session, state and hub copy. Events the session document wrote
 * ahead and the journal lacks (a crash between the two writes) are journaled and synced before
 * anything is sent; the start counts a birth (`bdSeq`). Refuses (closing what it opened) a
 * station whose flow prints without a printer (options.ts, `printerRefusal`).
 */
export async function openStationStores(options: StationOptions): Promise<StationStores> {
  const dir = options.dataDir;
  mkdirSync(dir, { recursive: true });
  const { journal, records } = Journal.open<StationEvent>(join(dir, 'journal.jsonl'), options.files ? { files: options.files } : {});
  const { store: sessions, saved } = SessionStore.open(join(dir, 'session.json'), options.id);
  const recovered = unjournaled(saved.pending, records.at(-1)?.seq ?? 0);
  journal.appendAll(recovered);
  records.push(...recovered);
  if (recovered.length > 0) log.warn({ events: recovered.length }, 'journaled events written ahead before a crash');
  // What a crash left in the page cache only is synced before the outbox sends any of it.
  await journal.synced();
  const state = await openStationState(join(dir, 'state.json'));
  state.data.bdSeq += 1;
  // A state recovered beside a journal keeps the folder's incarnation, which its events carry.
  if (state.data.incarnation === undefined && records.at(-1)?.incarnation !== undefined) state.data.incarnation = records.at(-1)!.incarnation;
  await state.write();
  const lastSeq = records.at(-1)?.seq ?? 0;
  const outbox = new Outbox(records, state.data.ackedSeq);
  log.info({ station: options.id, lastSeq, pending: outbox.size }, 'station journal opened');

  const copy = await HubCopy.open(join(dir, 'hub-copy.json'), options.policy);
  const refusal = printerRefusal(options, copy.policy.flow);
  if (refusal) {
    await copy.close();
    journal.close();
    throw refusal;
  }
  return { journal, records, lastSeq, sessions, saved, state, outbox, copy };
}
