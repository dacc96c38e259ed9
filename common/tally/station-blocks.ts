import type { StationEvent } from './records.js';

/** A block a station reported, as the tablet lists it beside the hub's alerts. */
export interface StationBlock {
  /** `s{station}/{station event seq}`. */
  readonly key: string;
  readonly at: string;
  readonly kind: 'station-block';
  /** The blocking verdict (`wrong_item` …). */
  readonly reason: string;
  readonly severity: 'critical' | 'warning' | 'info';
  readonly station: string;
  readonly orderId?: string;
  readonly sku?: string;
  readonly message: string;
  /** The bench cleared it (rescan, supervisor) or the order left the bench. */
  cleared?: { readonly at: string };
}

/** Verdicts a scan can block on that the hub raises no alert of its own for. */
const STATION_BLOCKS = new Set([
  'wrong_item',
  'over_quantity',
  'unknown_barcode',
  'unreadable',
  'tracking_missing',
  'expired',
  'duplicate_serial',
  'mapping_pending',
]);
/** Stations shipping the wrong thing are the costliest mistake: these sound. */
const CRITICAL_BLOCKS = new Set(['wrong_item', 'over_quantity', 'duplicate_serial']);
const SESSION_ENDS = new Set(['pack.block_cleared', 'pack.order_aside', 'pack.order_cancelled']);
/** Closed blocks kept besides the open ones (the alerts view shows at most this many). */
export const RECENT_BLOCKS = 200;

/**
 * The blocks stations reported (a wrong item …) and whether the bench cleared them: one open
 * block per station at most. Runs in the page and, for the tablet state, at the hub.
 */
export class StationBlocks {
  readonly #open = new Map<string, StationBlock>();
  #recent: StationBlock[] = [];

  /** Applies a station event; returns the block it raised, if any. */
  apply(event: StationEvent): StationBlock | undefined {
    const body = event.body;
    if (SESSION_ENDS.has(body.type)) {
      const open = this.#open.get(event.station);
      if (open) open.cleared = { at: event.at };
      this.#open.delete(event.station);
      return undefined;
    }
    if (body.type !== 'pack.verdict' || !body.blocks || !body.verdict || !STATION_BLOCKS.has(body.verdict)) return undefined;
    const alert: StationBlock = {
      key: `s${event.station}/${event.seq}`,
      at: event.at,
      kind: 'station-block',
      reason: body.verdict,
      severity: CRITICAL_BLOCKS.has(body.verdict) ? 'critical' : 'warning',
      station: event.station,
      ...(body.order ? { orderId: body.order.orderId } : {}),
      ...(body.sku ? { sku: body.sku } : body.code ? { sku: body.code } : {}),
      message: `${body.verdict} at ${event.station}`,
    };
    this.#open.set(event.station, alert);
    this.#recent.push(alert);
    if (this.#recent.length > 2 * RECENT_BLOCKS) this.#recent = this.snapshot();
    return alert;
  }

  /** The open blocks and the newest closed ones, oldest first. */
  snapshot(): StationBlock[] {
    const open = new Set(this.#open.values());
    const closed = this.#recent.filter((alert) => !open.has(alert)).slice(-RECENT_BLOCKS);
    const kept = new Set([...open, ...closed]);
    return this.#recent.filter((alert) => kept.has(alert));
  }

  /** Takes the hub's snapshot as the starting point. */
  load(blocks: readonly StationBlock[]): void {
    this.#open.clear();
    this.#recent = blocks.map((alert) => ({ ...alert }));
    for (const alert of this.#recent) if (!alert.cleared && alert.station) this.#open.set(alert.station, alert);
  }

  get recent(): readonly StationBlock[] {
    return this.#recent;
  }
}
