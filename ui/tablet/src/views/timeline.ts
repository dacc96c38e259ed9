import type { BenchEntry } from '../model/order-events.js';
import { fmt, label, type Strings } from '../strings.js';
import type { DomainEvent, FeedRecord, ParcelRef, StationEventBody } from '../wire.js';

export interface TimelineEntry {
  readonly key: string;
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly label: string;
  readonly detail?: string;
  readonly who?: string;
  readonly tone: string;
}

/** Domain events worth a line on an order's timeline; list changes, stock moves and alerts are not. */
const SHOWN = /^(order\.|task\.|freeze\.)/;
/** Said already by the event beside it (`order.released`). */
const HIDDEN = new Set(['task.released']);
/** Pack events worth a line: what happened to the order at the bench. */
const BENCH_SHOWN = new Set([
  'pack.order_loaded',
  'pack.verdict',
  'pack.blocked',
  'pack.block_cleared',
  'pack.hold_lifted',
  'pack.order_verified',
  'pack.label_requested',
  'pack.label_refused',
  'pack.label_printed',
  'pack.label_failed',
  'pack.sealed',
  'pack.seal_refused',
  'pack.parcel_closed',
  'pack.order_aside',
  'pack.order_cancelled',
]);
const BAD = /stopped|blocked|cancelled|freeze\.created|refused|failed|wrong|aside|while-held/;
/** A label or a seal: the parcel may leave. */
const GOOD = new Set(['task.label-printed', 'task.sealed', 'pack.label_printed', 'pack.sealed']);
/** Refusals whose reason is the label gate's (invariant 1), not a scan's verdict. */
const GATE_REFUSALS = new Set(['pack.label_refused', 'pack.seal_refused']);

/**
 * The order's timeline, oldest first: the hub's records (commands with who and why, external
 * facts) and the stations' pack events about it, by hub sequence, each once. An order of
 * `parcels` > 1 names the parcel of each label, seal and closing.
 */
export function timelineEntries(s: Strings, records: readonly FeedRecord[], bench: readonly BenchEntry[], orderId: string, parcels = 1): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const seen = new Set<number>();
  for (const record of records) {
    seen.add(record.seq);
    if (record.kind === 'domain') {
      const who = record.audit.actor.name ?? record.audit.actor.id;
      record.events.forEach((event, index) => {
        if (!SHOWN.test(event.type) || HIDDEN.has(event.type) || (event.orderId !== undefined && event.orderId !== orderId)) return;
        entries.push({
          key: `${record.seq}:${index}`,
          seq: record.seq,
          at: record.at,
          type: event.type,
          label: label(s.event, event.type),
          ...detailOf(s, event, parcels),
          who: record.audit.reason ? `${who} · ${record.audit.reason}` : who,
          tone: BAD.test(event.type) || event.held === true ? 'bad' : GOOD.has(event.type) ? 'good' : '',
        });
      });
    } else if (record.kind === 'external') {
      entries.push({
        key: `${record.seq}`,
        seq: record.seq,
        at: record.at,
        type: 'external',
        label: fmt(s.event.external ?? '{source}: {type}', { source: record.source, type: record.type }),
        tone: 'external',
      });
    } else if (record.kind === 'event') {
      const entry = benchEntry(s, { seq: record.seq, at: record.event.at, station: record.event.station, body: record.event.body }, parcels);
      if (entry) entries.push(entry);
    }
  }
  for (const item of bench) {
    if (seen.has(item.seq)) continue;
    const entry = benchEntry(s, item, parcels);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => a.seq - b.seq);
}

/** "Parcel 2 of 3 · YT1-2", for an order in more than one parcel; a label event without a parcel is parcel 1's. */
function parcelText(s: Strings, type: string, parcel: ParcelRef | undefined, count: number): string | undefined {
  if (count < 2 || (!parcel && !/label/.test(type))) return undefined;
  return `${fmt(s.orders.parcelOf, { index: parcel?.index ?? 1, count })}${parcel ? ` · ${parcel.waybill}` : ''}`;
}

function detailOf(s: Strings, event: DomainEvent, parcels: number): { detail?: string } {
  const parts: string[] = [];
  if (event.type === 'order.created' && event.parcels && event.parcels.length > 1) parts.push(fmt(s.orders.parcelCount, { n: event.parcels.length }));
  const parcel = parcelText(s, event.type, event.parcel, event.parcelCount ?? parcels);
  if (parcel) parts.push(parcel);
  if (event.station) parts.push(`${s.field.station} ${event.station}`);
  if (event.reason) parts.push(label(s.stopReason, event.reason));
  if (event.freezeId) parts.push(event.freezeId);
  return parts.length > 0 ? { detail: parts.join(' · ') } : {};
}

function benchEntry(s: Strings, item: BenchEntry | { seq: number; at: string; station: string; body: StationEventBody }, parcels: number): TimelineEntry | undefined {
  const { body } = item;
  if (!BENCH_SHOWN.has(body.type)) return undefined;
  const parts = [`${s.field.station} ${item.station}`];
  const parcel = parcelText(s, body.type, body.parcel, body.parcels ?? parcels);
  if (parcel) parts.push(parcel);
  if (body.verdict) parts.push(label(s.verdict, body.verdict));
  if (body.reason) parts.push(label(GATE_REFUSALS.has(body.type) ? s.gate : s.verdict, body.reason));
  if (body.sku) parts.push(body.sku);
  else if (body.code) parts.push(body.code);
  const bad = (body.verdict !== undefined && body.verdict !== 'counted') || BAD.test(body.type);
  return {
    key: `${item.seq}`,
    seq: item.seq,
    at: item.at,
    type: body.type,
    label: label(s.event, body.type),
    detail: parts.join(' · '),
    ...(body.packer ? { who: body.packer } : {}),
    tone: bad ? 'bad' : GOOD.has(body.type) ? 'good' : 'bench',
  };
}
