import { condition, endCondition, raiseAlert } from './alerts.js';
import type { Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import type { Tx } from './tx.js';

/** Shipping the wrong thing is the costliest mistake at a bench: these are critical, the rest warnings. */
const CRITICAL = new Set(['wrong_item', 'over_quantity', 'duplicate_serial']);

/**
 * A scan blocked a bench (wrong item, over quantity…): a `station-block` alert about the station's
 * block, closed by {@link stationBlockEnded}. A bench holds one block at a time, so a block still
 * open there is superseded.
 */
export function stationBlocked(tx: Tx, command: CommandOf<'stationBlocked'>): Rejection | undefined {
  const { station, reason, orderId, taskId, sku, code } = command;
  const what = sku ?? code;
  raiseAlert(
    tx,
    'station-block',
    CRITICAL.has(reason) ? 'critical' : 'warning',
    `${reason} at station ${station}${what === undefined ? '' : `: ${what}`}${orderId === undefined ? '' : ` (order ${orderId})`}`,
    {
      station,
      reason,
      ...(orderId === undefined ? {} : { orderId }),
      ...(taskId === undefined ? {} : { taskId }),
      ...(sku === undefined ? {} : { sku }),
      ...(code === undefined ? {} : { code }),
    },
    condition.stationBlock(station),
  );
  return undefined;
}

/** The bench's block ended (cleared, the order left the bench, or another block replaced it): its alert closes. */
export function stationBlockEnded(tx: Tx, command: CommandOf<'stationBlockEnded'>): Rejection | undefined {
  endCondition(tx, condition.stationBlock(command.station), command.supervisor ? `${command.by}:${command.supervisor}` : command.by);
  return undefined;
}
