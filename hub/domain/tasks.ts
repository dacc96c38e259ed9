import { raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { dropPrintData, parcelAt } from './parcels.js';
import type { CommandOf, ParcelRef } from './schemas.js';
import { consumeForLabel } from './stock.js';
import { stopsOfOrder } from './stops.js';
import { getOwn, isFinished, type Order, type Parcel, type Task, type TaskProgress } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/** What a task looks like from outside: cancellation, then a stop, then a block hide the progress. */
export type TaskStatus = TaskProgress | 'cancelled' | 'stopped' | 'blocked';

/** The task's status as shown to people (see the table in docs/domain.md). */
export function taskStatus(state: ReadonlyDomainState, task: Immutable<Task>): TaskStatus {
  if (task.cancelled) return 'cancelled';
  if (stopsOfOrder(state, task.orderId).length > 0) return 'stopped';
  if (task.block) return 'blocked';
  return task.progress;
}

/** True when no label may print for the task: it is cancelled, stopped or blocked. */
export function isHeld(state: ReadonlyDomainState, task: Immutable<Task>): boolean {
  return taskStatus(state, task) !== task.progress;
}

/**
 * A station loaded the task (its packer scanned the waybill). From `released`, or from `loaded`
 * at another station (the task moved). Allowed while stopped or blocked: the station shows the
 * hold from its stop list. A cancelled task cannot be loaded.
 */
export function taskLoaded(tx: Tx, command: CommandOf<'taskLoaded'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  if (!current) return reject(DomainError.TaskNotFound, `no task ${command.taskId}`);
  if (current.cancelled) return reject(DomainError.TaskCancelled, `task ${current.id} is cancelled`);
  if (current.progress === 'loaded' && current.station === command.station) return undefined;
  if (current.progress !== 'released' && current.progress !== 'loaded') {
    return reject(DomainError.TaskBadTransition, `task ${current.id} is ${current.progress}; it cannot be loaded again`);
  }
  const from = current.progress === 'loaded' ? current.station : undefined;
  const task = tx.edit('tasks', current.id)!;
  task.progress = 'loaded';
  task.station = command.station;
  task.loadedAt = tx.at;
  tx.emit({
    type: 'task.loaded',
    taskId: task.id,
    orderId: task.orderId,
    station: command.station,
    ...(from === undefined ? {} : { from }),
  });
  return undefined;
}

/** The station verified every unit of the task. Only at the station that loaded it. */
export function taskVerified(tx: Tx, command: CommandOf<'taskVerified'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  if (!current) return reject(DomainError.TaskNotFound, `no task ${command.taskId}`);
  if (current.cancelled) return reject(DomainError.TaskCancelled, `task ${current.id} is cancelled`);
  if (current.progress === 'released') return reject(DomainError.TaskBadTransition, `task ${current.id} is not loaded`);
  if (current.station !== command.station) {
    return reject(DomainError.TaskNotAtStation, `task ${current.id} is at station ${current.station ?? '?'}`);
  }
  if (current.progress === 'verified') return undefined;
  if (isFinished(current)) return reject(DomainError.TaskBadTransition, `task ${current.id} is already ${current.progress}`);
  const task = tx.edit('tasks', current.id)!;
  task.progress = 'verified';
  task.verifiedAt = tx.at;
  tx.emit({ type: 'task.verified', taskId: task.id, orderId: task.orderId, station: command.station });
  return undefined;
}

type ParcelStep = { order: Immutable<Order>; index: number; parcel: Immutable<Parcel>; held: TaskStatus | undefined };

/**
 * Checks a station's fact about one parcel: the task is at `progress` (one of `allowed`) at this
 * station, and its order has the parcel. `held` is the task's status when it is cancelled, stopped
 * or blocked.
 */
function parcelStep(tx: Tx, task: Immutable<Task> | undefined, taskId: string, station: string, allowed: readonly TaskProgress[], ref: ParcelRef | undefined): ParcelStep | Rejection {
  if (!task) return reject(DomainError.TaskNotFound, `no task ${taskId}`);
  if (!allowed.includes(task.progress)) return reject(DomainError.TaskBadTransition, `task ${task.id} is ${task.progress}, not ${allowed.join(' or ')}`);
  if (task.station !== station) return reject(DomainError.TaskNotAtStation, `task ${task.id} is at station ${task.station ?? '?'}`);
  const order = getOwn(tx.state.orders, task.orderId)!;
  const found = parcelAt(order, ref);
  if ('ok' in found) return found;
  const status = taskStatus(tx.state, task);
  return { order, ...found, held: status === task.progress ? undefined : status };
}

/** The parcel as events name it, and how many the order has. */
function parcelFact(step: ParcelStep) {
  return { parcel: { index: step.index, waybill: step.parcel.waybill }, parcelCount: step.order.parcels.length };
}

/**
 * A verified task whose last parcel was just released (`mark` says which way) finishes: its
 * units leave on-hand stock (unless it is cancelled) and its order's print data is dropped.
 */
function finishIfDone(tx: Tx, taskId: string, mark: 'labelled' | 'sealed'): TaskProgress {
  const current = getOwn(tx.state.tasks, taskId)!;
  const order = getOwn(tx.state.orders, current.orderId)!;
  if (current.progress !== 'verified' || !order.parcels.every((parcel) => parcel[mark] !== undefined)) return current.progress;
  const task = tx.edit('tasks', taskId)!;
  task.progress = mark;
  if (mark === 'labelled') task.labelledAt = tx.at;
  else task.sealedAt = tx.at;
  if (!task.cancelled) consumeForLabel(tx, task);
  dropPrintData(tx, order.id);
  return task.progress;
}

/**
 * The station printed a parcel's label (`parcel` absent: parcel 1). A fact, so it is recorded
 * even when the task is stopped, blocked or cancelled (a station with a stale stop list) — and
 * then a critical `label-while-held` alert is raised. The first label of the last parcel makes a
 * verified task `labelled` ({@link finishIfDone}). Another label of a parcel already labelled or
 * sealed is a reprint: recorded, nothing else.
 */
export function labelPrinted(tx: Tx, command: CommandOf<'labelPrinted'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  const step = parcelStep(tx, current, command.taskId, command.station, ['verified', 'labelled', 'sealed'], command.parcel);
  if ('ok' in step) return step;
  const reprint = step.parcel.labelled !== undefined || step.parcel.sealed !== undefined;
  let progress = current!.progress;
  if (!reprint) {
    tx.edit('orders', step.order.id)!.parcels[step.index - 1]!.labelled = { at: tx.at, station: command.station };
    progress = finishIfDone(tx, current!.id, 'labelled');
  }
  const held = step.held !== undefined;
  tx.emit({ type: 'task.label-printed', taskId: current!.id, orderId: current!.orderId, station: command.station, ...parcelFact(step), reprint, held, progress });
  if (held) {
    const message = `label printed at ${command.station} for ${step.held} task ${current!.id} (order ${current!.orderId})`;
    raiseAlert(tx, 'label-while-held', 'critical', message, { station: command.station, orderId: current!.orderId, taskId: current!.id });
  }
  return undefined;
}

/**
 * The station sealed a parcel (the pre-printed flow's release). A fact, recorded like a label:
 * on a held task it raises a critical `sealed-while-held` alert. The last parcel's seal makes a
 * verified task `sealed` ({@link finishIfDone}). A parcel sealed already changes nothing.
 */
export function parcelSealed(tx: Tx, command: CommandOf<'parcelSealed'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  const step = parcelStep(tx, current, command.taskId, command.station, ['verified', 'labelled', 'sealed'], command.parcel);
  if ('ok' in step) return step;
  if (step.parcel.sealed !== undefined) return undefined;
  tx.edit('orders', step.order.id)!.parcels[step.index - 1]!.sealed = { at: tx.at, station: command.station };
  const progress = finishIfDone(tx, current!.id, 'sealed');
  const held = step.held !== undefined;
  tx.emit({ type: 'task.sealed', taskId: current!.id, orderId: current!.orderId, station: command.station, ...parcelFact(step), held, progress });
  if (held) {
    const message = `parcel ${step.index} (${step.parcel.waybill}) sealed at ${command.station} for ${step.held} task ${current!.id} (order ${current!.orderId})`;
    raiseAlert(tx, 'sealed-while-held', 'critical', message, { station: command.station, orderId: current!.orderId, taskId: current!.id });
  }
  return undefined;
}

/**
 * The packer closed a parcel of a multi-parcel order with these units in it and started the
 * next: recorded on the parcel (a parcel closed again keeps the last units). Only while the task
 * is being packed (loaded or verified) at this station.
 */
export function parcelClosed(tx: Tx, command: CommandOf<'parcelClosed'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  if (current?.cancelled) return reject(DomainError.TaskCancelled, `task ${current.id} is cancelled`);
  const step = parcelStep(tx, current, command.taskId, command.station, ['loaded', 'verified'], command.parcel);
  if ('ok' in step) return step;
  const units = command.units.filter((unit) => unit.quantity > 0).map(({ sku, quantity }) => ({ sku, quantity }));
  tx.edit('orders', step.order.id)!.parcels[step.index - 1]!.closed = { at: tx.at, station: command.station, units };
  tx.emit({ type: 'task.parcel-closed', taskId: current!.id, orderId: current!.orderId, station: command.station, ...parcelFact(step), units: structuredClone(units) });
  return undefined;
}
