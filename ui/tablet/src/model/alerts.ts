import type { Alert, FeedRecord, Severity } from '../wire.js';

/**
 * An alert as the page lists it: the hub's alert record, flattened. The hub raises, closes and
 * records acknowledgements (docs/domain.md, "Alerts"); the page only follows its events.
 */
export interface LiveAlert {
  /** `a{seq}`. */
  readonly key: string;
  /** The hub's alert number, for `POST /api/v1/alerts/:seq/ack`. */
  readonly alertSeq: number;
  readonly at: string;
  readonly kind: string;
  /** `station-block`: the blocking verdict (`wrong_item` …). */
  readonly reason?: string;
  readonly severity: Severity;
  readonly station?: string;
  readonly orderId?: string;
  readonly sku?: string;
  /** `station-block`: the scanned code. */
  readonly code?: string;
  readonly device?: string;
  /** `station-fault`: what the device reported (paper out …). */
  readonly fault?: string;
  readonly channelSku?: string;
  readonly channel?: string;
  /** Example channel codes (`mapping-unresolved-rate`). */
  readonly examples?: readonly string[];
  readonly unresolved?: number;
  readonly orders?: number;
  /** `weight-tolerance-loosened`: the tolerance before and the looser one after. */
  readonly before?: Alert['target']['before'];
  readonly after?: Alert['target']['after'];
  /** The hub's English text, shown only for a kind the page has no words for. */
  readonly message: string;
  acknowledged?: { readonly by: string; readonly at: string };
  /** What the alert was about ended (a block cleared, a device recovered, an order released …). */
  closed?: { readonly at: string; readonly reason: string };
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

  /** Applies a record; returns the alerts it raised that the book did not have. */
  apply(record: FeedRecord): LiveAlert[] {
    if (record.kind !== 'domain') return [];
    const added: LiveAlert[] = [];
    for (const event of record.events) {
      if (event.type === 'alert.raised' && event.alert) {
        const alert = fromHubAlert(event.alert);
        if (this.#add(alert)) added.push(alert);
      } else if (event.type === 'alert.acknowledged' && event.seq !== undefined) {
        this.acknowledge(event.seq, event.by ?? '', record.audit.at);
      } else if (event.type === 'alert.closed' && event.seq !== undefined) {
        const alert = this.#byKey.get(`a${event.seq}`);
        if (alert && !alert.closed) alert.closed = { at: record.audit.at, reason: event.reason ?? '' };
      }
    }
    return added;
  }

  /** Starts from the hub's tablet state: its alerts (open and recent, acknowledged and closed ones included). */
  load(alerts: readonly Alert[]): void {
    this.#byKey.clear();
    this.#order.length = 0;
    for (const alert of alerts) this.#add(fromHubAlert(alert));
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
   * At most `limit`, newest first: every alert with `all`; else the open ones, then below them
   * those closed within LINGER_MS of `now`, so an alert that just ended never hides an open one.
   */
  list(options: { all: boolean; limit: number; now: number }): LiveAlert[] {
    const open: LiveAlert[] = [];
    const lingering: LiveAlert[] = [];
    for (let i = this.#order.length - 1; i >= 0 && open.length < options.limit; i -= 1) {
      const alert = this.#order[i]!;
      if (options.all || isOpen(alert)) open.push(alert);
      else if (options.now - closedAt(alert) < LINGER_MS) lingering.push(alert);
    }
    return [...open, ...lingering].slice(0, options.limit);
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

/** Open: nobody acknowledged it and what it is about has not ended (the hub's `isOpenAlert`). */
export function isOpen(alert: LiveAlert): boolean {
  return !alert.acknowledged && !alert.closed;
}

function closedAt(alert: LiveAlert): number {
  return Math.max(Date.parse(alert.acknowledged?.at ?? '') || 0, Date.parse(alert.closed?.at ?? '') || 0);
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
    ...(target.code ? { code: target.code } : {}),
    ...(target.reason ? { reason: target.reason } : {}),
    ...(target.device ? { device: target.device } : {}),
    ...(target.fault ? { fault: target.fault } : {}),
    ...(target.channelSku ? { channelSku: target.channelSku } : {}),
    ...(target.channel ? { channel: target.channel } : {}),
    ...(target.examples ? { examples: target.examples } : {}),
    ...(target.unresolved !== undefined ? { unresolved: target.unresolved } : {}),
    ...(target.orders !== undefined ? { orders: target.orders } : {}),
    ...(target.before ? { before: { ...target.before } } : {}),
    ...(target.after ? { after: { ...target.after } } : {}),
    ...(alert.acknowledged ? { acknowledged: { ...alert.acknowledged } } : {}),
    ...(alert.closed ? { closed: { ...alert.closed } } : {}),
  };
}
