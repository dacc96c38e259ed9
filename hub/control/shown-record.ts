import { withoutPrintData } from '../domain/audit.js';
import type { DomainCommand } from '../domain/schemas.js';
import type { HistoryRecord } from '../store/history.js';

/**
 * A history record as it may leave the hub (the tablet feed, an order's timeline): a stored
 * `createOrder` keeps its parcels' print data for the replay after a crash, and shows each
 * parcel's platform instead. Every other record is returned as it is.
 */
export function shownRecord(record: HistoryRecord): HistoryRecord {
  if (record.kind !== 'domain' || record.command.type !== 'createOrder') return record;
  // Its parcels carry `platform` in place of `print`: a shape only people read, never replayed.
  const command = withoutPrintData(record.command) as DomainCommand;
  return { ...record, command, audit: { ...record.audit, raw: withoutPrintData(record.audit.raw) } };
}
