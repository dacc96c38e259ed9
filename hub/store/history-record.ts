import type { StationEvent, StationStatus } from '../../protocol/index.js';
import type { Audit } from '../domain/audit.js';
import type { EventData } from '../domain/events.js';
import type { DomainCommand } from '../domain/schemas.js';
import type { IdIndex } from './id-index.js';
import type { KeyIndex } from './key-index.js';

/** What the hub keeps, in the order it happened; `seq` is the hub's own sequence, the tablets' cursor. */
export type HistoryEntry = (
  | { kind: 'event'; station: string; event: StationEvent }
  | { kind: 'rejected'; station: string | null; code: string; message: string; topic: string; payload: string }
  | { kind: 'station'; station: string; status: StationStatus }
  /** A domain command the hub applied: replayed after the state snapshot at start. */
  | { kind: 'domain'; command: DomainCommand; audit: Audit; events: EventData[] }
  /** A fact from outside (a carrier pickup posted by an integration), on an order's timeline. */
  | { kind: 'external'; orderId: string; type: string; source: string; data: unknown; audit: Omit<Audit, 'command'> }
) & {
  /** Index keys such as `order:TB123`, `station:S1`, `sku:DRESS-RED-M`: `byKey` finds the record under each. */
  keys?: readonly string[];
};

export type HistoryRecord = HistoryEntry & { seq: number; at: string };

/** Adds a record to a segment's indexes: its keys, and a station event's id. */
export function indexRecord(record: HistoryRecord, keys: KeyIndex, ids: IdIndex): void {
  if (record.keys && record.keys.length > 0) keys.add(record.keys, record.seq);
  if (record.kind === 'event') ids.add(record.event.id, record.seq);
}

/** The UTC day of an ISO time: `YYYY-MM-DD`. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
