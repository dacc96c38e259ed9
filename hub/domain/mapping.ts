import { raiseAlert } from './alerts.js';
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

/** Master SKUs held by mapping changes waiting for confirmation (the circuit breaker). */
export function pendingSkus(state: Pick<ReadonlyDomainState, 'pendingMappings'>): Set<string> {
  return new Set(Object.values(state.pendingMappings).flatMap((pending) => pending.skus));
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

/**
 * Adds or replaces one explicit mapping row. Held orders are not re-resolved by this. Replacing
 * an existing row trips the circuit breaker: the row's old and new master SKUs are pending
 * until the change is confirmed or rolled back (`confirmMapping`, `rollbackMapping`), and an
 * alert is raised. A further change while pending adds its SKU; `previous` stays the last
 * confirmed one.
 */
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
  if (previous !== undefined) holdChange(tx, key, command, previous);
  return undefined;
}

/** Records a change of an existing row as pending and raises the alert. */
function holdChange(tx: Tx, key: string, command: CommandOf<'setMapping'>, previous: string): void {
  const current = getOwn(tx.state.pendingMappings, key);
  const confirmed = current?.previous ?? previous;
  const skus = [...new Set([...(current?.skus ?? [confirmed]), command.masterSku])];
  const pending = { channel: command.channel, channelSku: command.channelSku, previous: confirmed, masterSku: command.masterSku, skus, since: current?.since ?? tx.at };
  tx.put('pendingMappings', key, pending);
  tx.emit({ type: 'mapping.pending', channel: command.channel, channelSku: command.channelSku, masterSku: command.masterSku, previous: confirmed, skus: [...skus] });
  const atStation = Object.values(tx.state.tasks).some(
    (task) => task.progress !== 'released' && task.progress !== 'labelled' && !task.cancelled && task.lines.some((line) => skus.includes(line.sku)),
  );
  const message = `${command.channel} SKU ${command.channelSku} changed from ${confirmed} to ${command.masterSku}: orders of ${skus.join(', ')} held until a person confirms or rolls back`;
  raiseAlert(tx, 'mapping-pending', atStation ? 'critical' : 'warning', message, { channelSku: command.channelSku, sku: command.masterSku });
}
