import type { StationEvent } from '../wire.js';
import type { LiveAlert } from './alerts.js';

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
  readonly #open = new Map<string, LiveAlert>();
  #recent: LiveAlert[] = [];

  /** Applies a station event; returns the block it raised, if any. */
  apply(event: StationEvent): LiveAlert | undefined {
    const body = event.body;
    if (SESSION_ENDS.has(body.type)) {
      const open = this.#open.get(event.station);
      if (open) open.cleared = { at: event.at };
      this.#open.delete(event.station);
      return undefined;
    }
    // A parcel off its weight blocks at the label or seal (`pack.blocked`), not on a scan's verdict.
    const weight = body.type === 'pack.blocked' && body.reason === 'weight_mismatch';
    if (!weight && (body.type !== 'pack.verdict' || !body.blocks || !body.verdict || !STATION_BLOCKS.has(body.verdict))) return undefined;
    const reason = weight ? 'weight_mismatch' : body.verdict!;
    const alert: LiveAlert = {
      key: `s${event.station}/${event.seq}`,
      at: event.at,
      kind: 'station-block',
      reason,
      severity: CRITICAL_BLOCKS.has(reason) ? 'critical' : 'warning',
      station: event.station,
      ...(body.order ? { orderId: body.order.orderId } : {}),
      ...(body.sku ? { sku: body.sku } : body.code ? { sku: body.code } : {}),
      message: weight && body.detail ? `${reason} at ${event.station}: ${body.detail}` : `${reason} at ${event.station}`,
    };
    this.#open.set(event.station, alert);
    this.#recent.push(alert);
    if (this.#recent.length > 2 * RECENT_BLOCKS) this.#recent = this.snapshot();
    return alert;
  }

  /** The open blocks and the newest closed ones, oldest first. */
  snapshot(): LiveAlert[] {
    const open = new Set(this.#open.values());
    const closed = this.#recent.filter((alert) => !open.has(alert)).slice(-RECENT_BLOCKS);
    const kept = new Set([...open, ...closed]);
    return this.#recent.filter((alert) => kept.has(alert));
  }

  /** Takes the hub's snapshot as the starting point. */
  load(blocks: readonly LiveAlert[]): void {
    this.#open.clear();
    this.#recent = blocks.map((alert) => ({ ...alert }));
    for (const alert of this.#recent) if (!alert.cleared && alert.station) this.#open.set(alert.station, alert);
  }

  get recent(): readonly LiveAlert[] {
    return this.#recent;
  }
}
