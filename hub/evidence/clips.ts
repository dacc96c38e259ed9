import { PAYLOAD_VERSION, MAX_PINNED_WAYBILLS, type EvidenceClipBody, type EvidencePinsCommand } from '../../protocol/index.js';
import { waybillKey, type DomainState } from '../domain/state.js';
import type { History, HistoryRecord } from '../store/history.js';

/** The newest records of a waybill read for one answer. */
const MAX_RECORDS = 1000;

/** A clip's record as the hub stored it: which history record, from which station. */
export interface StoredClipRecord {
  readonly seq: number;
  readonly station: string;
  readonly record: EvidenceClipBody;
}

/** Every `evidence.clip` record that names `waybill` (any case), oldest first. */
export function clipsOfWaybill(history: History, waybill: string): StoredClipRecord[] {
  return history.byKey(`waybill:${waybillKey(waybill)}`, { limit: MAX_RECORDS }).flatMap(clipOf);
}

function clipOf(record: HistoryRecord): StoredClipRecord[] {
  if (record.kind !== 'event' || record.event.body.type !== 'evidence.clip') return [];
  return [{ seq: record.seq, station: record.station, record: record.event.body }];
}

/**
 * The clip to serve for a waybill: the one named by `clipId`, else the newest that has the file
 * (a reprint or a second packing makes a newer clip of the same parcel).
 */
export function pickClip(clips: readonly StoredClipRecord[], file: 'video' | 'photo', clipId?: string): StoredClipRecord | undefined {
  const candidates = clips.filter((clip) => clip.record[file] !== null && (clipId === undefined || clip.record.clipId === clipId));
  return candidates.at(-1);
}

/** The disputed waybills whose clips lie at `station` (at most MAX_PINNED_WAYBILLS, the oldest disputes first). */
export function disputedAt(state: DomainState, history: History, station: string): string[] {
  const disputes = Object.values(state.disputes ?? {}).sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  const waybills = disputes.filter((dispute) => clipsOfWaybill(history, dispute.waybill).some((clip) => clip.station === station)).map((dispute) => dispute.waybill);
  return waybills.slice(0, MAX_PINNED_WAYBILLS);
}

/** The stations that hold a clip of `waybill`. */
export function stationsOfWaybill(history: History, waybill: string): string[] {
  return [...new Set(clipsOfWaybill(history, waybill).map((clip) => clip.station))];
}

/** The `evidence-pins` command for a station: its whole set of disputed waybills. */
export function pinsCommand(waybills: readonly string[], now = new Date()): EvidencePinsCommand {
  return { v: PAYLOAD_VERSION, id: `pins-${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, at: now.toISOString(), type: 'evidence-pins', waybills: [...waybills] };
}
