import type { Immutable, ReadonlyDomainState } from '../../domain/tx.js';
import type { Order } from '../../domain/state.js';

/** How often a mapping row matched an order line, and when last. */
export interface MappingUsage {
  readonly matches: number;
  /** ISO time of the newest match. */
  readonly lastMatchedAt: string;
}

/** Usage by mapping key `{channel}:{channelSku}`. */
export type UsageTable = ReadonlyMap<string, MappingUsage>;

/** Three days: a row that matched nothing for this long is flagged. */
export const DEFAULT_STALE_AFTER_MS = 3 * 24 * 3600 * 1000;

const keyOf = (channel: string, channelSku: string) => `${channel}:${channelSku}`;
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Counts one order's resolved lines as matches of their rows at `at`, into a new table (the
 * input is not changed): what the hub records as orders come in.
 */
export function recordMatches(usage: UsageTable, order: Immutable<Pick<Order, 'channel' | 'lines'>>, at: string): UsageTable {
  const next = new Map(usage);
  for (const line of order.lines) {
    if (line.masterSku === undefined) continue;
    const key = keyOf(order.channel, line.channelSku);
    const previous = next.get(key);
    next.set(key, { matches: (previous?.matches ?? 0) + 1, lastMatchedAt: previous ? later(previous.lastMatchedAt, at) : at });
  }
  return next;
}

/**
 * Usage rebuilt from the orders in a state: every resolved line is a match of its row, at the
 * order's release (or, for an order still held, its creation).
 */
export function usageFromOrders(orders: Iterable<Immutable<Order>>): UsageTable {
  const usage = new Map<string, { matches: number; lastMatchedAt: string }>();
  for (const order of orders) {
    const at = order.releasedAt ?? order.createdAt;
    for (const line of order.lines) {
      if (line.masterSku === undefined) continue;
      const key = keyOf(order.channel, line.channelSku);
      const entry = usage.get(key);
      if (entry) {
        entry.matches += 1;
        entry.lastMatchedAt = later(entry.lastMatchedAt, at);
      } else usage.set(key, { matches: 1, lastMatchedAt: at });
    }
  }
  return usage;
}

/** `active`: matched lately; `stale`: not for too long; `unused`: never, and set long ago (or when is unknown); `new`: never, set lately. */
export type MappingHealthStatus = 'active' | 'stale' | 'unused' | 'new';

export interface MappingHealthRow {
  readonly key: string;
  readonly channel: string;
  readonly channelSku: string;
  readonly masterSku: string;
  readonly matches: number;
  readonly lastMatchedAt?: string;
  readonly status: MappingHealthStatus;
  /** `stale` and `unused` rows need a look. */
  readonly flagged: boolean;
}

export interface HealthOptions {
  /** Default {@link DEFAULT_STALE_AFTER_MS} (3 days). */
  readonly staleAfterMs?: number;
  /** Default: rebuilt from the state's orders ({@link usageFromOrders}). */
  readonly usage?: UsageTable;
  /** When each row was set (ISO, by key), e.g. from the `mapping.set` history; a row never matched counts from then. */
  readonly setAt?: ReadonlyMap<string, string>;
}

/**
 * The health of every mapping row at `now` (the injected clock), flagged rows first, then by
 * key: a row that matched nothing for `staleAfterMs` is `stale`; one that never matched is
 * `unused` once it was set that long ago (or when it was set is unknown), else `new`.
 */
export function mappingHealth(state: Pick<ReadonlyDomainState, 'mappings' | 'orders'>, now: Date, options: HealthOptions = {}): MappingHealthRow[] {
  const usage = options.usage ?? usageFromOrders(Object.values(state.orders));
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS)).toISOString();
  const rows: MappingHealthRow[] = [];
  for (const [key, row] of Object.entries(state.mappings)) {
    const used = usage.get(key);
    let status: MappingHealthStatus;
    if (used) status = used.lastMatchedAt < cutoff ? 'stale' : 'active';
    else {
      const setAt = options.setAt?.get(key);
      status = setAt !== undefined && setAt >= cutoff ? 'new' : 'unused';
    }
    rows.push({
      key,
      channel: row.channel,
      channelSku: row.channelSku,
      masterSku: row.masterSku,
      matches: used?.matches ?? 0,
      ...(used ? { lastMatchedAt: used.lastMatchedAt } : {}),
      status,
      flagged: status === 'stale' || status === 'unused',
    });
  }
  return rows.sort((a, b) => Number(b.flagged) - Number(a.flagged) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A channel code no row resolves, with the held orders it holds. */
export interface UnresolvedCode {
  readonly channel: string;
  readonly channelSku: string;
  /** Held order ids, oldest hold first. */
  readonly orders: readonly string[];
  /** Order lines and units waiting on it. */
  readonly lines: number;
  readonly units: number;
  /** The oldest hold among them. */
  readonly since: string;
}

/** Unresolved codes across held orders, the ones holding most orders (then units) first. */
export function unresolvedCodes(orders: Iterable<Immutable<Order>>): UnresolvedCode[] {
  const byCode = new Map<string, { channel: string; channelSku: string; orders: Array<[string, string]>; lines: number; units: number }>();
  for (const order of orders) {
    if (order.status !== 'held' || !order.hold) continue;
    for (const { line, channelSku } of order.hold.unresolved) {
      const key = keyOf(order.channel, channelSku);
      const entry = byCode.get(key) ?? { channel: order.channel, channelSku, orders: [], lines: 0, units: 0 };
      byCode.set(key, entry);
      if (!entry.orders.some(([id]) => id === order.id)) entry.orders.push([order.id, order.hold.since]);
      entry.lines += 1;
      entry.units += order.lines[line]?.quantity ?? 0;
    }
  }
  return [...byCode.values()]
    .map((entry) => {
      const held = entry.orders.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
      return { channel: entry.channel, channelSku: entry.channelSku, orders: held.map(([id]) => id), lines: entry.lines, units: entry.units, since: held[0]![1] };
    })
    .sort((a, b) => b.orders.length - a.orders.length || b.units - a.units || keyOf(a.channel, a.channelSku).localeCompare(keyOf(b.channel, b.channelSku)));
}
