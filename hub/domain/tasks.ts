import { raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { closeStuck } from './fulfilment.js';
import { dropPrintData, parcelAt } from './parcels.js';
import type { TaskStatus } from './model.js';
import type { CommandOf, ParcelRef } from './schemas.js';
import { consumeForLabel } from './stock.js';
import { stopsOfOrder } from './stops-of-order.js';
import { getOwn, isFinished, type Order, type Parcel, type Task, type TaskProgress } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

export { TASK_STATUSES, type TaskStatus } from './model.js';

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

/**
 * The station took the task off its bench unfinished: put aside (with the packer's reason) or
 * cancelled there (the goods go back). It is no longer at any station: back to `released`, with
 * no station, so any bench may load it again and count it afresh. Only from `loaded` or
 * `verified` at this station; a repeat, or one about a task that moved on, changes nothing.
 */
export function taskUnloaded(tx: Tx, command: CommandOf<'taskUnloaded'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  if (!current) return reject(DomainError.TaskNotFound, `no task ${command.taskId}`);
  if (current.station !== command.station || (current.progress !== 'loaded' && current.progress !== 'verified')) return undefined;
  const task = tx.edit('tasks', current.id)!;
  task.progress = 'released';
  delete task.station;
  delete task.loadedAt;
  delete task.verifiedAt;
  tx.emit({ type: 'task.unloaded', taskId: task.id, orderId: task.orderId, station: command.station, reason: command.reason, progress: current.progress });
  return undefined;
}

type ParcelStep = { task: Immutable<Task>; order: Immutable<Order>; index: number; parcel: Immutable<Parcel>; held: TaskStatus | undefined };

/**
 * Checks a station's fact about one parcel: the task is at a progress in `allowed` at this
 * station, and its order has the parcel. `held` is the task's status when it is cancelled,
 * stopped or blocked.
 */
function parcelStep(tx: Tx, fact: { taskId: string; station: string; parcel?: ParcelRef | undefined }, allowed: readonly TaskProgress[]): ParcelStep | Rejection {
  const task = getOwn(tx.state.tasks, fact.taskId);
  if (!task) return reject(DomainError.TaskNotFound, `no task ${fact.taskId}`);
  if (!allowed.includes(task.progress)) return reject(DomainError.TaskBadTransition, `task ${task.id} is ${task.progress}, not ${allowed.join(' or ')}`);
  if (task.station !== fact.station) return reject(DomainError.TaskNotAtStation, `task ${task.id} is at station ${task.station ?? '?'}`);
  const order = getOwn(tx.state.orders, task.orderId)!;
  const found = parcelAt(order, fact.parcel);
  if ('ok' in found) return found;
  const status = taskStatus(tx.state, task);
  return { task, order, ...found, held: status === task.progress ? undefined : status };
}

/** What every parcel event says: the task, the station, the parcel, and how many the order has. */
function parcelFact(step: ParcelStep, station: string) {
  const { task, order, index, parcel } = step;
  return { taskId: task.id, orderId: task.orderId, station, parcel: { index, waybill: parcel.waybill }, parcelCount: order.parcels.length };
}

/** Marks the step's parcel (a writable copy of the order's). */
function markParcel(tx: Tx, step: ParcelStep, mark: 'labelled' | 'sealed', station: string): void {
  tx.edit('orders', step.order.id)!.parcels[step.index - 1]![mark] = { at: tx.at, station };
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
  closeStuck(tx, order.id, `reached ${mark === 'sealed' ? 'labelled (sealed)' : 'labelled'}`);
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
  const step = parcelStep(tx, command, ['verified', 'labelled', 'sealed']);
  if ('ok' in step) return step;
  const { task, held } = step;
  const reprint = step.parcel.labelled !== undefined || step.parcel.sealed !== undefined;
  if (!reprint) markParcel(tx, step, 'labelled', command.station);
  const progress = reprint ? task.progress : finishIfDone(tx, task.id, 'labelled');
  tx.emit({ type: 'task.label-printed', ...parcelFact(step, command.station), reprint, held: held !== undefined, progress });
  if (held) {
    const message = `label printed at ${command.station} for ${held} task ${task.id} (order ${task.orderId})`;
    raiseAlert(tx, 'label-while-held', 'critical', message, { station: command.station, orderId: task.orderId, taskId: task.id });
  }
  return undefined;
}

/**
 * The station sealed a parcel (the pre-printed flow's release). A fact, recorded like a label:
 * on a held task it raises a critical `sealed-while-held` alert. The last parcel's seal makes a
 * verified task `sealed` ({@link finishIfDone}). A parcel sealed already changes nothing.
 */
export function parcelSealed(tx: Tx, command: CommandOf<'parcelSealed'>): Rejection | undefined {
  const step = parcelStep(tx, command, ['verified', 'labelled', 'sealed']);
  if ('ok' in step) return step;
  if (step.parcel.sealed !== undefined) return undefined;
  const { task, held } = step;
  markParcel(tx, step, 'sealed', command.station);
  const progress = finishIfDone(tx, task.id, 'sealed');
  tx.emit({ type: 'task.sealed', ...parcelFact(step, command.station), held: held !== undefined, progress });
  if (held) {
    const message = `parcel ${step.index} (${step.parcel.waybill}) sealed at ${command.station} for ${held} task ${task.id} (order ${task.orderId})`;
    raiseAlert(tx, 'sealed-while-held', 'critical', message, { station: command.station, orderId: task.orderId, taskId: task.id });
  }
  return undefined;
}

/**
 * The packer closed a parcel of a multi-parcel order with these units in it and started the
 * next: recorded on the parcel (a parcel closed again keeps the last units). Only while the task
 * is being packed (loaded or verified) at this station, and not once it is cancelled.
 */
export function parcelClosed(tx: Tx, command: CommandOf<'parcelClosed'>): Rejection | undefined {
  const step = parcelStep(tx, command, ['loaded', 'verified']);
  if ('ok' in step) return step;
  if (step.task.cancelled) return reject(DomainError.TaskCancelled, `task ${step.task.id} is cancelled`);
  const units = command.units.filter((unit) => unit.quantity > 0).map(({ sku, quantity }) => ({ sku, quantity }));
  tx.edit('orders', step.order.id)!.parcels[step.index - 1]!.closed = { at: tx.at, station: command.station, units };
  tx.emit({ type: 'task.parcel-closed', ...parcelFact(step, command.station), units: structuredClone(units) });
  return undefined;
}
