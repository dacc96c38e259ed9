import { withoutPrintData } from '../domain/parcels.js';
import type { HistoryRecord } from '../store/history.js';

/**
 * A history record as it may leave the hub (the tablet feed, an order's timeline): a stored
 * `createOrder` keeps its parcels' print data for the replay after a crash, and shows each
 * parcel's platform instead. Every other record is returned as it is.
 */
export function shownRecord(record: HistoryRecord): HistoryRecord {
  if (record.kind !== 'domain' || record.command.type !== 'createOrder') return record;
  return { ...record, command: withoutPrintData(record.command), audit: { ...record.audit, raw: withoutPrintData(record.audit.raw) } };
}
