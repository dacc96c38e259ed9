import { condition, endCondition } from '../domain/alerts.js';
import { DomainError, reject, type Rejection } from '../domain/errors.js';
import { mappingKey } from '../domain/resolution.js';
import { logMapping } from './mapping-log.js';
import { resolveHeldOrders } from '../domain/orders.js';
import type { CommandOf } from '../domain/schemas.js';
import { getOwn, isFinished, type PendingMapping } from '../domain/state.js';
import type { Immutable, ReadonlyDomainState, Tx } from '../domain/tx.js';

/*
 * The mapping circuit breaker's way out: a person confirms a pending mapping change or rolls
 * it back. Either lifts the hold on its master SKUs (tasks are unblocked by `reconcileBlocks`
 * after the command) and releases the held orders that then resolve.
 */

/** The change of a mapping row that waits for confirmation, if any. */
export function pendingMappingOf(state: ReadonlyDomainState, channel: string, channelSku: string): Immutable<PendingMapping> | undefined {
  return getOwn(state.pendingMappings, `${channel}:${channelSku}`);
}

/** Confirms a pending change: the row keeps its new master SKU and the hold is lifted. */
export function confirmMapping(tx: Tx, command: CommandOf<'confirmMapping'>): Rejection | undefined {
  const key = mappingKey(command.channel, command.channelSku);
  const pending = getOwn(tx.state.pendingMappings, key);
  if (!pending) return reject(DomainError.MappingNotPending, `no change of ${key} waits for confirmation`);
  tx.remove('pendingMappings', key);
  const { channel, channelSku, masterSku, previous } = pending;
  logMapping(tx, { channel, channelSku, kind: 'confirmed', from: previous, to: masterSku });
  tx.emit({ type: 'mapping.confirmed', channel, channelSku, masterSku, previous, skus: [...pending.skus] });
  // The decision closes the pending alert (its audit says who); it adds no second alert.
  endCondition(tx, condition.mappingPending(channel, channelSku), 'confirmed');
  return releaseHeld(tx, pending.skus);
}

/** Rolls a pending change back: the row maps to its last confirmed master SKU again and the hold is lifted. */
export function rollbackMapping(tx: Tx, command: CommandOf<'rollbackMapping'>): Rejection | undefined {
  const key = mappingKey(command.channel, command.channelSku);
  const pending = getOwn(tx.state.pendingMappings, key);
  if (!pending) return reject(DomainError.MappingNotPending, `no change of ${key} waits for confirmation`);
  tx.remove('pendingMappings', key);
  const { channel, channelSku, masterSku, previous } = pending;
  tx.put('mappings', key, { channel, channelSku, masterSku: previous });
  logMapping(tx, { channel, channelSku, kind: 'rolled-back', from: masterSku, to: previous });
  tx.emit({ type: 'mapping.rolled-back', channel, channelSku, masterSku: previous, rejected: masterSku, skus: [...pending.skus] });
  endCondition(tx, condition.mappingPending(channel, channelSku), 'rolled-back');
  return releaseHeld(tx, pending.skus);
}

/** Re-resolves the held orders that waited on these SKUs (others stay as they are). */
export function releaseHeld(tx: Tx, skus: readonly string[]): Rejection | undefined {
  const held = new Set(skus);
  const orderIds = Object.values(tx.state.orders)
    .filter((order) => order.status === 'held' && order.hold?.unresolved.some((line) => line.pending !== undefined && held.has(line.pending)))
    .map((order) => order.id);
  return orderIds.length === 0 ? undefined : resolveHeldOrders(tx, { type: 'resolveHeldOrders', orderIds });
}

/**
 * The orders a pending change holds: an active task blocked `mapping-pending` on one of `skus`,
 * or an order held with a line whose mapping waits on one of them. By order id.
 */
export function ordersHeldBy(state: ReadonlyDomainState, skus: readonly string[]): string[] {
  const wanted = new Set(skus);
  const orders = new Set<string>();
  for (const task of Object.values(state.tasks)) {
    if (task.cancelled || isFinished(task) || task.block?.reason !== 'mapping-pending') continue;
    if (task.block.skus.some((sku) => wanted.has(sku))) orders.add(task.orderId);
  }
  for (const order of Object.values(state.orders)) {
    if (order.status === 'held' && order.hold?.unresolved.some((line) => line.pending !== undefined && wanted.has(line.pending))) orders.add(order.id);
  }
  return [...orders].sort();
}
