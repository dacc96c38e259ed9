import { raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { consumeForLabel } from './stock.js';
import { stopsOfOrder } from './stops.js';
import { getOwn, type Task, type TaskProgress } from './state.js';
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
  if (current.progress === 'labelled') return reject(DomainError.TaskBadTransition, `task ${current.id} is already labelled`);
  const task = tx.edit('tasks', current.id)!;
  task.progress = 'verified';
  task.verifiedAt = tx.at;
  tx.emit({ type: 'task.verified', taskId: task.id, orderId: task.orderId, station: command.station });
  return undefined;
}

/**
 * The station printed the task's label: its units leave on-hand stock. A fact, so it is
 * recorded even when the task is stopped, blocked or cancelled (a station with a stale stop
 * list) — and then a critical `label-while-held` alert is raised, and a cancelled task's units
 * stay in stock. A second label at the same station is a reprint: recorded, nothing consumed.
 */
export function labelPrinted(tx: Tx, command: CommandOf<'labelPrinted'>): Rejection | undefined {
  const current = getOwn(tx.state.tasks, command.taskId);
  if (!current) return reject(DomainError.TaskNotFound, `no task ${command.taskId}`);
  if (current.progress !== 'verified' && current.progress !== 'labelled') {
    return reject(DomainError.TaskBadTransition, `task ${current.id} is ${current.progress}, not verified`);
  }
  if (current.station !== command.station) {
    return reject(DomainError.TaskNotAtStation, `task ${current.id} is at station ${current.station ?? '?'}`);
  }
  const status = taskStatus(tx.state, current);
  const held = status === 'cancelled' || status === 'stopped' || status === 'blocked';
  const reprint = current.progress === 'labelled';
  if (!reprint) {
    const task = tx.edit('tasks', current.id)!;
    task.progress = 'labelled';
    task.labelledAt = tx.at;
    if (!task.cancelled) consumeForLabel(tx, task);
  }
  tx.emit({ type: 'task.label-printed', taskId: current.id, orderId: current.orderId, station: command.station, reprint, held });
  if (held) {
    const message = `label printed at ${command.station} for ${status} task ${current.id} (order ${current.orderId})`;
    raiseAlert(tx, 'label-while-held', 'critical', message, {
      station: command.station,
      orderId: current.orderId,
      taskId: current.id,
    });
  }
  return undefined;
}
