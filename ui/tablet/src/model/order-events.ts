import type { FeedRecord, StationEventBody } from '../wire.js';

/** A station's pack event about an order, as the timeline shows it. */
export interface BenchEntry {
  readonly seq: number;
  readonly at: string;
  readonly station: string;
  readonly body: Pick<StationEventBody, 'type' | 'verdict' | 'sku' | 'code' | 'reason' | 'packer' | 'parcel' | 'parcels' | 'detail' | 'cause' | 'weightGrams' | 'expectedGrams' | 'allowedGrams'>;
}

const PER_ORDER = 500;

/**
 * The hub's order timeline holds its own records (commands, external facts); the stations'
 * scans and verdicts about the order come from the feed, kept here by order id.
 */
export class OrderEvents {
  readonly #byOrder = new Map<string, BenchEntry[]>();

  apply(record: FeedRecord): void {
    if (record.kind !== 'event') return;
    const { event } = record;
    const orderId = event.body.order?.orderId;
    if (!orderId) return;
    const list = this.#byOrder.get(orderId) ?? [];
    if (list.length >= PER_ORDER) return;
    const { type, verdict, sku, code, reason, packer, parcel, parcels, detail, cause, weightGrams, expectedGrams, allowedGrams } = event.body;
    const weighed = {
      ...(weightGrams === undefined ? {} : { weightGrams }),
      ...(expectedGrams === undefined ? {} : { expectedGrams }),
      ...(allowedGrams === undefined ? {} : { allowedGrams }),
    };
    list.push({ seq: record.seq, at: event.at, station: event.station, body: { type, verdict, sku, code, reason, packer, parcel, parcels, detail, ...(cause === undefined ? {} : { cause }), ...weighed } });
    this.#byOrder.set(orderId, list);
  }

  of(orderId: string): readonly BenchEntry[] {
    return this.#byOrder.get(orderId) ?? [];
  }
}
