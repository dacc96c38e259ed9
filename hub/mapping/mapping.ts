import { condition, raiseAlert } from '../domain/alerts.js';
import { logMapping } from './mapping-log.js';
import type { Rejection } from '../domain/errors.js';
import type { CommandOf } from '../domain/schemas.js';
import { mappingKey } from '../domain/resolution.js';
import { getOwn, isFinished, type MappingRow } from '../domain/state.js';
import type { Tx } from '../domain/tx.js';

/** A row to set, with the note that explains it. */
export type RowChange = Readonly<MappingRow> & { readonly note?: string | undefined };

/**
 * Adds or replaces one explicit mapping row. Held orders are not re-resolved by this. Replacing
 * an existing row trips the circuit breaker: the row's old and new master SKUs are pending
 * until the change is confirmed or rolled back (`confirmMapping`, `rollbackMapping`), and an
 * alert is raised. A further change while pending adds its SKU; `previous` stays the last
 * confirmed one.
 */
export function setMapping(tx: Tx, command: CommandOf<'setMapping'>): Rejection | undefined {
  setRow(tx, command);
  return undefined;
}

/** {@link setMapping} for one row; a row that changes nothing does nothing. */
export function setRow(tx: Tx, row: RowChange): void {
  const { channel, channelSku, masterSku } = row;
  const key = mappingKey(channel, channelSku);
  const previous = getOwn(tx.state.mappings, key)?.masterSku;
  if (previous === masterSku) return;
  // Without a row, the code may resolve through the channel's template: overriding it is a change too.
  const resolved = previous ?? tx.resolve(channel, channelSku);
  tx.put('mappings', key, { channel, channelSku, masterSku });
  logMapping(tx, { channel, channelSku, kind: 'set', ...(previous === undefined ? {} : { from: previous }), to: masterSku, ...(row.note ? { note: row.note } : {}) });
  tx.emit({ type: 'mapping.set', channel, channelSku, masterSku, ...(previous === undefined ? {} : { previous }) });
  if (resolved !== undefined && resolved !== masterSku) holdChange(tx, row, resolved);
}

/**
 * Records the change of a row's resolution, from `previous` to `change.masterSku`, as pending
 * and raises the alert.
 */
export function holdChange(tx: Tx, change: Readonly<MappingRow>, previous: string): void {
  const { channel, channelSku, masterSku } = change;
  const key = mappingKey(channel, channelSku);
  const current = getOwn(tx.state.pendingMappings, key);
  const confirmed = current?.previous ?? previous;
  const skus = [...new Set([...(current?.skus ?? [confirmed]), masterSku])];
  tx.put('pendingMappings', key, { channel, channelSku, previous: confirmed, masterSku, skus, since: current?.since ?? tx.at });
  tx.emit({ type: 'mapping.pending', channel, channelSku, masterSku, previous: confirmed, skus: [...skus] });
  const message = `${channel} SKU ${channelSku} changed from ${confirmed} to ${masterSku}: orders of ${skus.join(', ')} held until a person confirms or rolls back`;
  raiseAlert(tx, 'mapping-pending', atStation(tx, skus) ? 'critical' : 'warning', message, { channel, channelSku, sku: masterSku }, condition.mappingPending(channel, channelSku));
}

/** Whether a task with any of these SKUs is loaded at a station (not yet labelled or sealed). */
export function atStation(tx: Tx, skus: readonly string[]): boolean {
  const held = new Set(skus);
  return Object.values(tx.state.tasks).some(
    (task) => task.progress !== 'released' && !isFinished(task) && !task.cancelled && task.lines.some((line) => held.has(line.sku)),
  );
}
