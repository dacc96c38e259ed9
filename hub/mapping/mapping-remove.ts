import { DomainError, reject, type Rejection } from '../domain/errors.js';
import { holdChange } from './mapping.js';
import { mappingKey } from '../domain/resolution.js';
import { logMapping } from './mapping-log.js';
import type { Channel, CommandOf } from '../domain/schemas.js';
import { getOwn } from '../domain/state.js';
import type { Tx } from '../domain/tx.js';

/**
 * Removes one explicit mapping row. A removal does not trip the circuit breaker: orders with
 * the code no longer resolve, so they are held, never shipped wrong. Two exceptions keep that
 * promise: a row with a pending change must be confirmed or rolled back first
 * (`MAPPING_PENDING`), and when the code then resolves to another master SKU (through the
 * channel's template), the removal is a change like any other and is held.
 */
export function removeMapping(tx: Tx, command: CommandOf<'removeMapping'>): Rejection | undefined {
  return removeRow(tx, command);
}

/** {@link removeMapping} for one row. */
export function removeRow(tx: Tx, ref: { readonly channel: Channel; readonly channelSku: string }): Rejection | undefined {
  const { channel, channelSku } = ref;
  const key = mappingKey(channel, channelSku);
  const row = getOwn(tx.state.mappings, key);
  if (!row) return reject(DomainError.MappingNotFound, `no mapping row ${key}`);
  if (getOwn(tx.state.pendingMappings, key)) return reject(DomainError.MappingPending, `${key} has a change waiting for confirmation: confirm or roll it back first`);
  tx.remove('mappings', key);
  logMapping(tx, { channel, channelSku, kind: 'removed', from: row.masterSku });
  tx.emit({ type: 'mapping.removed', channel, channelSku, masterSku: row.masterSku });
  const now = tx.resolve(channel, channelSku);
  if (now !== undefined && now !== row.masterSku) holdChange(tx, { channel, channelSku, masterSku: now }, row.masterSku);
  return undefined;
}
