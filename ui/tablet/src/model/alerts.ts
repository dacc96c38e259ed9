import type { Alert, FeedRecord, Severity } from '../wire.js';
import { StationBlocks, type StationBlock } from '../../../../common/tally/station-blocks.js';

/** An alert as the page lists it: a hub alert (acknowledgeable) or a block a station reported. */
export interface LiveAlert {
  /** `a{seq}` for a hub alert, `s{station}/{seq}` for a station's block. */
  readonly key: string;
  /** The hub's alert number, for `POST /api/v1/alerts/:seq/ack`; absent for a station's block. */
  readonly alertSeq?: number;
  readonly at: string;
  /** The hub's alert kind, or `station-block`. */
  readonly kind: string;
  /** For a station's block: the verdict (`wrong_item` …). */
  readonly reason?: string;
  readonly severity: Severity;
  readonly station?: string;
  readonly orderId?: string;
  readonly sku?: string;
  readonly device?: string;
  readonly channelSku?: string;
  readonly channel?: string;
  /** Example channel codes (`mapping-unresolved-rate`). */
  readonly examples?: readonly string[];
  readonly unresolved?: number;
  readonly orders?: number;
  /** The hub's English text, shown only for a kind the page has no words for. */
  readonly message: string;
  acknowledged?: { readonly by: string; readonly at: string };
  /** A station's block was cleared at the bench (rescan, supervisor) or the order left the bench. */
  cleared?: { readonly at: string };
}

/** A closed alert stays in the open list this long, so the person who closed it sees that it took. */
export const LINGER_MS = 60_000;

/**
 * Every alert the feed has shown, by key, in the order they were raised. Applying a record twice
 * changes nothing (the feed client already drops repeats; this is the second guard).
 */
export class AlertBook {
  readonly #byKey = new Map<string, LiveAlert>();
  readonly #order: LiveAlert[] = [];
  readonly #blocks = new StationBlocks();

  /** Applies a record; returns the alerts it raised that the book did not have. */
  apply(record: FeedRecord): LiveAlert[] {
    if (record.kind === 'domain') {
      const added: LiveAlert[] = [];
      for (const event of record.events) {
        if (event.type === 'alert.raised' && event.alert) {
          const alert = fromHubAlert(event.alert);
          if (this.#add(alert)) added.push(alert);
        } else if (event.type === 'alert.acknowledged' && event.seq !== undefined) {
          this.acknowledge(event.seq, event.by ?? '', record.audit.at);
        }
      }
      return added;
    }
    if (record.kind !== 'event') return [];
    const block = this.#blocks.apply(record.event);
    return block && this.#add(block) ? [block] : [];
  }

  /**
   * Starts from the hub's tablet state: its alerts (open and recent, acknowledgements included)
   * and the stations' blocks, in the order they were raised.
   */
  load(alerts: readonly Alert[], blocks: readonly StationBlock[]): void {
    this.#byKey.clear();
    this.#order.length = 0;
    this.#blocks.load(blocks);
    const all = [...alerts.map(fromHubAlert), ...this.#blocks.recent].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (const alert of all) this.#add(alert);
  }

  /** Records an acknowledgement (from the feed, or from the page's own ack answer). */
  acknowledge(alertSeq: number, by: string, at: string): void {
    const alert = this.#byKey.get(`a${alertSeq}`);
    if (alert && !alert.acknowledged) alert.acknowledged = { by, at };
  }

  get size(): number {
    return this.#order.length;
  }

  /**
   * Newest first, at most `limit`: every alert with `all`, else the open ones and those closed
   * within LINGER_MS of `now`.
   */
  list(options: { all: boolean; limit: number; now: number }): LiveAlert[] {
    const out: LiveAlert[] = [];
    for (let i = this.#order.length - 1; i >= 0 && out.length < options.limit; i -= 1) {
      const alert = this.#order[i]!;
      if (options.all || isOpen(alert) || options.now - closedAt(alert) < LINGER_MS) out.push(alert);
    }
    return out;
  }

  openCount(): number {
    let count = 0;
    for (const alert of this.#order) if (isOpen(alert)) count += 1;
    return count;
  }

  #add(alert: LiveAlert): boolean {
    if (this.#byKey.has(alert.key)) return false;
    this.#byKey.set(alert.key, alert);
    this.#order.push(alert);
    return true;
  }

}

export function isOpen(alert: LiveAlert): boolean {
  return !alert.acknowledged && !alert.cleared;
}

function closedAt(alert: LiveAlert): number {
  return Date.parse(alert.acknowledged?.at ?? alert.cleared?.at ?? '') || 0;
}

function fromHubAlert(alert: Alert): LiveAlert {
  const { target } = alert;
  return {
    key: `a${alert.seq}`,
    alertSeq: alert.seq,
    at: alert.at,
    kind: alert.kind,
    severity: alert.severity,
    message: alert.message,
    ...(target.station ? { station: target.station } : {}),
    ...(target.orderId ? { orderId: target.orderId } : {}),
    ...(target.sku ? { sku: target.sku } : {}),
    ...(target.device ? { device: target.device } : {}),
    ...(target.channelSku ? { channelSku: target.channelSku } : {}),
    ...(target.channel ? { channel: target.channel } : {}),
    ...(target.examples ? { examples: target.examples } : {}),
    ...(target.unresolved !== undefined ? { unresolved: target.unresolved } : {}),
    ...(target.orders !== undefined ? { orders: target.orders } : {}),
    ...(alert.acknowledged ? { acknowledged: alert.acknowledged } : {}),
  };
}
