import type { FeedRecord } from '../wire.js';

/** A channel SKU whose mapping was changed and waits for a person to confirm or roll it back. */
export interface PendingMapping {
  readonly channel: string;
  readonly channelSku: string;
  /** The last confirmed master SKU. */
  readonly previous: string;
  /** The master SKU it was changed to. */
  readonly masterSku: string;
  readonly since: string;
}

/**
 * The mapping changes waiting for confirmation (the hub's circuit breaker, docs/mapping.md), from
 * `mapping.pending`, `mapping.confirmed` and `mapping.rolled-back` events on the feed.
 */
export class MappingChanges {
  readonly #pending = new Map<string, PendingMapping>();

  apply(record: FeedRecord): boolean {
    if (record.kind !== 'domain') return false;
    let changed = false;
    for (const event of record.events) {
      if (!event.channel || !event.channelSku) continue;
      const key = `${event.channel}:${event.channelSku}`;
      if (event.type === 'mapping.pending' && event.masterSku && typeof event.previous === 'string') {
        const since = this.#pending.get(key)?.since ?? record.at;
        this.#pending.set(key, { channel: event.channel, channelSku: event.channelSku, previous: event.previous, masterSku: event.masterSku, since });
        changed = true;
      } else if (event.type === 'mapping.confirmed' || event.type === 'mapping.rolled-back') {
        changed = this.#pending.delete(key) || changed;
      }
    }
    return changed;
  }

  /** Oldest first. */
  list(): PendingMapping[] {
    return [...this.#pending.values()];
  }
}
