import type { Rejection } from './errors.js';
import type { Channel, CommandOf } from './schemas.js';
import { getOwn, type OrderLine, type UnresolvedLine } from './state.js';
import type { ReadonlyDomainState, Tx } from './tx.js';

type MappingTable = ReadonlyDomainState['mappings'];

/**
 * Turns a channel SKU into a master SKU, or undefined when there is no mapping. The only way
 * the domain resolves order lines, so the catalog can replace the explicit rows behind it.
 */
export type ChannelSkuResolver = (channel: Channel, channelSku: string) => string | undefined;

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

/** Resolves every line; `unresolved` lists the lines (index and channel SKU) that did not. */
export function resolveLines(
  resolve: ChannelSkuResolver,
  channel: Channel,
  lines: ReadonlyArray<Readonly<OrderLine>>,
): { lines: OrderLine[]; unresolved: UnresolvedLine[] } {
  const unresolved: UnresolvedLine[] = [];
  const resolved = lines.map((line, index): OrderLine => {
    const masterSku = resolve(channel, line.channelSku);
    if (masterSku === undefined) {
      unresolved.push({ line: index, channelSku: line.channelSku });
      return { channelSku: line.channelSku, quantity: line.quantity };
    }
    return { channelSku: line.channelSku, quantity: line.quantity, masterSku };
  });
  return { lines: resolved, unresolved };
}

/** Adds or replaces one explicit mapping row. Held orders are not re-resolved by this. */
export function setMapping(tx: Tx, command: CommandOf<'setMapping'>): Rejection | undefined {
  const key = mappingKey(command.channel, command.channelSku);
  const previous = getOwn(tx.state.mappings, key)?.masterSku;
  if (previous === command.masterSku) return undefined;
  tx.put('mappings', key, { channel: command.channel, channelSku: command.channelSku, masterSku: command.masterSku });
  tx.emit({
    type: 'mapping.set',
    channel: command.channel,
    channelSku: command.channelSku,
    masterSku: command.masterSku,
    ...(previous === undefined ? {} : { previous }),
  });
  return undefined;
}
