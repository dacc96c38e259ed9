import type { CountedUnit, FreezeEntry, FreezeList, PackTask, StopEntry, StopList } from './types.js';

/** A hub hold on a whole order, from the stop or the freeze list. */
export interface OrderHold {
  readonly reason: 'order_stopped' | 'frozen_stock';
  readonly cause: 'stop_list' | 'freeze_list';
  readonly sku: string | null;
  /** The hub's stop reason, or the frozen batch. */
  readonly detail: string | null;
}

/** The stop-list line that names the task or its order, if any. */
export function stopEntryFor(task: PackTask, stopList: StopList | null): StopEntry | undefined {
  return stopList?.entries.find((entry) => entry.taskId === task.taskId || entry.orderId === task.orderId);
}

/** Whether the entry may refuse units on sight here: exhausted (no unit of its lot free) and for this warehouse. */
function blocks(entry: FreezeEntry, warehouse: string | undefined): boolean {
  return entry.exhausted === true && (entry.warehouse === undefined || warehouse === undefined || entry.warehouse === warehouse);
}

/**
 * The exhausted freeze that covers a unit of `sku`: one for the whole SKU, or one for the unit's
 * batch. A unit whose batch is unknown (a plain EAN scan) is covered only by a whole-SKU freeze.
 * An entry that is not exhausted never covers a unit: some unit of its lot is free, and the hub
 * stops the frozen orders and blocks the tasks left uncovered.
 */
export function freezeForUnit(sku: string, batch: string | null, freezeList: FreezeList | null, warehouse?: string): FreezeEntry | undefined {
  return freezeList?.entries.find(
    (entry) => entry.sku === sku && blocks(entry, warehouse) && (entry.batch === undefined || entry.batch === batch),
  );
}

/**
 * The exhausted freeze that concerns an order being packed: one of a whole SKU of its lines (no
 * unit of it may go in), or one of a batch matching a unit already counted.
 */
export function freezeForOrder(
  task: PackTask,
  units: readonly CountedUnit[],
  freezeList: FreezeList | null,
  warehouse?: string,
): FreezeEntry | undefined {
  if (!freezeList) return undefined;
  for (const line of task.lines) {
    const entry = freezeList.entries.find((e) => e.sku === line.masterSku && e.batch === undefined && blocks(e, warehouse));
    if (entry) return entry;
  }
  for (const unit of units) {
    const sku = task.lines[unit.line]?.masterSku;
    const entry = sku === undefined || unit.batch === null ? undefined : freezeForUnit(sku, unit.batch, freezeList, warehouse);
    if (entry) return entry;
  }
  return undefined;
}

/** Whether the newest lists hold the order: a stop first, then a freeze. */
export function orderHold(
  task: PackTask,
  units: readonly CountedUnit[],
  stopList: StopList | null,
  freezeList: FreezeList | null,
  warehouse?: string,
): OrderHold | null {
  const stop = stopEntryFor(task, stopList);
  if (stop) return { reason: 'order_stopped', cause: 'stop_list', sku: null, detail: stop.reason.slice(0, 200) };
  const freeze = freezeForOrder(task, units, freezeList, warehouse);
  if (freeze) return { reason: 'frozen_stock', cause: 'freeze_list', sku: freeze.sku, detail: freeze.batch ?? null };
  return null;
}
