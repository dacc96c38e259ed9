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

/** A line being built: the step it stands for, when a bench event and a hub fact may both tell it. */
type Line = TimelineEntry & { tone: string; step?: { readonly key: string; readonly fact: boolean } };

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
  'pack.parcel_withdrawn',
]);
const BAD = /stopped|blocked|cancelled|freeze\.created|refused|failed|wrong|aside|while-held/;
/** A label or a seal: the parcel may leave. */
const GOOD = new Set(['task.label-printed', 'task.sealed', 'pack.label_printed', 'pack.sealed', 'order.handed-over']);
/** Refusals whose reason is the label gate's (invariant 1), not a scan's verdict. */
const GATE_REFUSALS = new Set(['pack.label_refused', 'pack.seal_refused']);
/**
 * The hub's facts made of a station's pack event: one step, shown once. The bench's line stays
 * (it names the packer); the hub's fact only adds its colour (a label on a held task is red).
 */
const FACT_OF_BENCH: Readonly<Record<string, string>> = {
  'task.loaded': 'pack.order_loaded',
  'task.verified': 'pack.order_verified',
  'task.label-printed': 'pack.label_printed',
  'task.sealed': 'pack.sealed',
  'task.parcel-closed': 'pack.parcel_closed',
};
const BENCH_OF_FACT = new Set([...Object.values(FACT_OF_BENCH), 'pack.order_aside', 'pack.order_cancelled']);

/** The bench event a hub fact was made of (a task taken off the bench: put aside, or cancelled there). */
function benchTypeOf(event: DomainEvent): string | undefined {
  if (event.type === 'task.unloaded') return event.reason === 'cancelled' ? 'pack.order_cancelled' : 'pack.order_aside';
  return FACT_OF_BENCH[event.type];
}

/** Which step a line stands for: its bench type, station and parcel (1 when none is named). */
function stepKey(type: string, station: string | undefined, parcel: ParcelRef | undefined): string {
  return `${type}|${station ?? ''}|${parcel?.index ?? 1}`;
}

/** The reason's words: the gate's, a put-aside's, or a verdict's (a block reason). */
function reasonText(s: Strings, type: string, reason: string): string {
  if (GATE_REFUSALS.has(type)) return label(s.gate, reason);
  if (type === 'pack.order_aside') return label(s.asideReason, reason);
  return label(s.verdict, reason);
}

/**
 * The order's status as its latest step says it: held or cancelled orders say so; a released
 * order says how far its task got (loaded, verified, labelled, sealed, or stopped, blocked).
 */
export function orderStatusText(s: Strings, orderStatus: string, taskStatus: string | undefined): string {
  if (orderStatus !== 'released' || taskStatus === undefined) return label(s.orderStatus, orderStatus);
  return label(s.taskStatus, taskStatus);
}

/**
 * The order's timeline, oldest first: the hub's records (commands with who and why, external
 * facts) and the stations' pack events about it, by hub sequence, each once. An order of
 * `parcels` > 1 names the parcel of each label, seal and closing.
 */
export function timelineEntries(s: Strings, records: readonly FeedRecord[], bench: readonly BenchEntry[], orderId: string, parcels = 1): TimelineEntry[] {
  const entries: Line[] = [];
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
          tone: BAD.test(event.type) || event.held === true || event.event === 'carrier.exception' ? 'bad' : GOOD.has(event.type) || event.node !== undefined ? 'good' : '',
          ...(benchTypeOf(event) ? { step: { key: stepKey(benchTypeOf(event)!, event.station, event.parcel), fact: true } } : {}),
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
  return oneLinePerStep(entries.sort((a, b) => a.seq - b.seq));
}

/**
 * Drops each hub fact whose bench event is on the timeline before it (the fact was made of it),
 * passing a red tone on to the bench's line.
 */
function oneLinePerStep(entries: readonly Line[]): TimelineEntry[] {
  const benchLines = new Map<string, TimelineEntry & { tone: string }>();
  const shown: TimelineEntry[] = [];
  for (const { step, ...line } of entries) {
    if (step && !step.fact) benchLines.set(step.key, line);
    const made = step?.fact ? benchLines.get(step.key) : undefined;
    if (made) {
      benchLines.delete(step!.key);
      if (line.tone === 'bad') made.tone = 'bad';
      continue;
    }
    shown.push(line);
  }
  return shown;
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
  if (event.reason) parts.push(label(event.type === 'task.unloaded' ? s.asideReason : s.stopReason, event.reason));
  if (event.freezeId) parts.push(event.freezeId);
  if (event.type === 'order.carrier-event' && event.event) parts.push(label(s.carrierEvent, event.event));
  if (event.carrier) parts.push(label(s.carrier, event.carrier));
  if (event.batchId) parts.push(fmt(s.dock.batch, { id: event.batchId }));
  if (event.type === 'order.carrier-event' && event.detail) parts.push(event.detail);
  return parts.length > 0 ? { detail: parts.join(' · ') } : {};
}

/** A parcel's weight on its label, seal or weight block line: `Weight 1035 g / expected 1030 g ± 30.9 g` (the weight margin where the station sent it). */
function weightText(s: Strings, grams: number, expected: number | undefined, allowed: number | undefined): string {
  const shown = (value: number) => `${Math.round(value * 10) / 10} g`;
  if (expected === undefined) return `${s.field.weight} ${shown(grams)}`;
  return `${s.field.weight} ${shown(grams)} / ${s.field.expectedWeight} ${shown(expected)}${allowed === undefined ? '' : ` ± ${shown(allowed)}`}`;
}

function benchEntry(s: Strings, item: BenchEntry | { seq: number; at: string; station: string; body: StationEventBody }, parcels: number): Line | undefined {
  const { body } = item;
  if (!BENCH_SHOWN.has(body.type)) return undefined;
  // A scan that blocks is one step: its verdict's line says so ("Wrong item"); the block the station
  // reports beside it adds none. Blocks of their own (a weight, an order hold) keep their line.
  if (body.type === 'pack.blocked' && body.cause === 'scan') return undefined;
  const parts = [`${s.field.station} ${item.station}`];
  const parcel = parcelText(s, body.type, body.parcel, body.parcels ?? parcels);
  if (parcel) parts.push(parcel);
  else if (body.type === 'pack.parcel_withdrawn' && body.parcel) parts.push(body.parcel.waybill);
  if (body.verdict) parts.push(label(s.verdict, body.verdict));
  if (body.reason) parts.push(reasonText(s, body.type, body.reason));
  if (body.sku) parts.push(body.sku);
  else if (body.code) parts.push(body.code);
  if (body.weightGrams !== undefined) parts.push(weightText(s, body.weightGrams, body.expectedGrams, body.allowedGrams));
  // An older station's weight block gives its figures only as text.
  else if (body.type === 'pack.blocked' && body.reason === 'weight_mismatch' && body.detail) parts.push(body.detail);
  const bad = (body.verdict !== undefined && body.verdict !== 'counted' && body.verdict !== 'box') || BAD.test(body.type);
  return {
    key: `${item.seq}`,
    seq: item.seq,
    at: item.at,
    type: body.type,
    label: label(s.event, body.type),
    detail: parts.join(' · '),
    ...(body.packer ? { who: body.packer } : {}),
    tone: bad ? 'bad' : GOOD.has(body.type) ? 'good' : 'bench',
    ...(BENCH_OF_FACT.has(body.type) ? { step: { key: stepKey(body.type, item.station, body.parcel), fact: false } } : {}),
  };
}
