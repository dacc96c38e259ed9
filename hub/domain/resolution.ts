import type { Channel } from './schemas.js';
import { getOwn, type ChannelSkuResolver, type OrderLine, type UnresolvedLine } from './state.js';
import type { ReadonlyDomainState } from './tx.js';

/*
 * How an order's lines resolve, as the order core sees it: the resolver it is given, the mapping
 * table's keys and the SKUs a pending mapping change holds. The mapping feature that changes the
 * table stands above this and is handed in (DomainOptions).
 */

type MappingTable = ReadonlyDomainState['mappings'];

/** The key of a mapping row in `DomainState.mappings`. */
export function mappingKey(channel: Channel, channelSku: string): string {
  return `${channel}:${channelSku}`;
}

/** Looks a channel SKU up in a mapping table (exact match, case-sensitive). */
export function resolveChannelSku(
  mappings: MappingTable,
  channel: Channel,
  channelSku: string,
): string | undefined {
  return getOwn(mappings, mappingKey(channel, channelSku))?.masterSku;
}

/** A resolver over a mapping table; it reads the table at each call, so later rows count. */
export function mappingResolver(mappings: MappingTable): ChannelSkuResolver {
  return (channel, channelSku) => resolveChannelSku(mappings, channel, channelSku);
}

/** Master SKUs held by mapping and template changes waiting for confirmation (the circuit breaker). */
export function pendingSkus(state: Pick<ReadonlyDomainState, 'pendingMappings' | 'pendingTemplates'>): Set<string> {
  return new Set([...Object.values(state.pendingMappings), ...Object.values(state.pendingTemplates)].flatMap((pending) => pending.skus));
}

/**
 * Resolves every line; `unresolved` lists the lines (index and channel SKU) that did not, and
 * the lines whose master SKU is in `pending` (with `pending` set to it): such an order waits
 * for the mapping change to be confirmed.
 */
export function resolveLines(
  resolve: ChannelSkuResolver,
  channel: Channel,
  lines: ReadonlyArray<Readonly<OrderLine>>,
  pending: ReadonlySet<string> = new Set(),
): { lines: OrderLine[]; unresolved: UnresolvedLine[] } {
  const unresolved: UnresolvedLine[] = [];
  const resolved = lines.map((line, index): OrderLine => {
    const masterSku = resolve(channel, line.channelSku);
    if (masterSku === undefined) {
      unresolved.push({ line: index, channelSku: line.channelSku });
      return { channelSku: line.channelSku, quantity: line.quantity };
    }
    if (pending.has(masterSku)) unresolved.push({ line: index, channelSku: line.channelSku, pending: masterSku });
    return { channelSku: line.channelSku, quantity: line.quantity, masterSku };
  });
  return { lines: resolved, unresolved };
}
