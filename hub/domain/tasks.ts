import { raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { consumeForLabel } from './stock.js';
import { stopsOfOrder } from './stops.js';
import { getOwn, type DomainState, type Task, type TaskProgress } from './state.js';
import type { Tx } from './tx.js';

/** What a task looks like from outside: cancellation, then a stop, then a block hide the progress. */
export type TaskStatus = TaskProgress | 'cancelled' | 'stopped' | 'blocked';

/** The task's status as shown to people (see the table in docs/domain.md). */
export function taskStatus(state: DomainState, task: Task): TaskStatus {
  if (task.cancelled) return 'cancelled';
  if (stopsOfOrder(state, task.orderId).length > 0) return 'stopped';
  if (task.block) return 'blocked';
  return task.progress;
}

/** True when no label may print for the task: it is cancelled, stopped or blocked. */
export function isHeld(state: DomainState, task: Task): boolean {
  return taskStatus(state, task) !== task.progress;
}

function findTask(tx: Tx, taskId: string): Task | Rejection {
  return getOwn(tx.state.tasks, taskId) ?? reject(DomainError.TaskNotFound, `no task ${taskId}`);
}

function isRejection(value: Task | Rejection): value is Rejection {
  return 'ok' in value;
}

/**
 * A station loaded the task (its packer scanned the waybill). From `released`, or from `loaded`
 * at another station (the task moved). Allowed while stopped or blocked: the station shows the
 * hold from its stop list. A cancelled task cannot be loaded.
 */
export function taskLoaded(tx: Tx, command: CommandOf<'taskLoaded'>): Rejection | undefined {
  const task = findTask(tx, command.taskId);
  if (isRejection(task)) return task;
  if (task.cancelled) return reject(DomainError.TaskCancelled, `task ${task.id} is cancelled`);
  if (task.progress === 'loaded' && task.station === command.station) return undefined;
  if (task.progress !== 'released' && task.progress !== 'loaded') {
    return reject(DomainError.TaskBadTransition, `task ${task.id} is ${task.progress}; it cannot be loaded again`);
  }
  const from = task.progress === 'loaded' ? task.station : undefined;
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
  const task = findTask(tx, command.taskId);
  if (isRejection(task)) return task;
  if (task.cancelled) return reject(DomainError.TaskCancelled, `task ${task.id} is cancelled`);
  if (task.progress === 'released') return reject(DomainError.TaskBadTransition, `task ${task.id} is not loaded`);
  if (task.station !== command.station) {
    return reject(DomainError.TaskNotAtStation, `task ${task.id} is at station ${task.station ?? '?'}`);
  }
  if (task.progress === 'verified') return undefined;
  if (task.progress === 'labelled') return reject(DomainError.TaskBadTransition, `task ${task.id} is already labelled`);
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
  const task = findTask(tx, command.taskId);
  if (isRejection(task)) return task;
  if (task.progress !== 'verified' && task.progress !== 'labelled') {
    return reject(DomainError.TaskBadTransition, `task ${task.id} is ${task.progress}, not verified`);
  }
  if (task.station !== command.station) {
    return reject(DomainError.TaskNotAtStation, `task ${task.id} is at station ${task.station ?? '?'}`);
  }
  const status = taskStatus(tx.state, task);
  const held = status === 'cancelled' || status === 'stopped' || status === 'blocked';
  const reprint = task.progress === 'labelled';
  if (!reprint) {
    task.progress = 'labelled';
    task.labelledAt = tx.at;
    if (!task.cancelled) consumeForLabel(tx, task);
  }
  tx.emit({ type: 'task.label-printed', taskId: task.id, orderId: task.orderId, station: command.station, reprint, held });
  if (held) {
    raiseAlert(tx, 'label-while-held', 'critical', `label printed at ${command.station} for ${status} task ${task.id} (order ${task.orderId})`, {
      station: command.station,
      orderId: task.orderId,
      taskId: task.id,
    });
  }
  return undefined;
}
