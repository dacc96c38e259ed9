import { recheckHolds } from './block.js';
import { emit, lineCounts, refuseAct, type Turn } from './events.js';
import { isReleased, labelStatus, newParcels, parcelIndex } from './parcels.js';
import { answersTo, isPackTask, lookUpTask, taskKey } from './task.js';
import type { OrderRef, PackTask } from './types.js';

const refText = (ref: OrderRef): string => `${ref.type}:${ref.id}`;

function load(turn: Turn, ref: OrderRef, task: unknown, source: 'local' | 'hub'): void {
  const { s, ctx } = turn;
  if (!isPackTask(task)) return refuseAct(turn, source === 'hub' ? 'task_received' : 'order', 'invalid_task');
  s.order = {
    ref: { type: ref.type, id: ref.id },
    task: structuredClone(task),
    flow: ctx.policy.flow,
    counted: task.lines.map(() => 0),
    units: [],
    loadedAt: ctx.now,
    verifiedAt: null,
    // Opened by a parcel's waybill: packing starts in that parcel.
    parcel: ref.type === 'waybill' ? Math.max(1, parcelIndex(task, ref.id)) : 1,
    parcels: newParcels(task),
    sealRefused: null,
  };
  s.phase = 'packing';
  s.awaiting = null;
  s.block = null;
  s.notice = null;
  emit(turn, 'pack.order_loaded', { ref: { type: ref.type, id: ref.id }, source, waybill: task.waybill, lines: lineCounts(s) });
  recheckHolds(turn);
}

function request(turn: Turn, ref: OrderRef): void {
  const { s, ctx } = turn;
  s.order = null;
  s.phase = 'awaiting_order';
  s.awaiting = { ref: { type: ref.type, id: ref.id }, since: ctx.now };
  s.notice = null;
  emit(turn, 'pack.order_requested', { ref: { type: ref.type, id: ref.id } });
}

/**
 * An order, task or tote label, or (verify-preprinted) a waybill. Loads the task from the
 * station's snapshot, or asks the hub for it. Refused while an unfinished order is loaded (it
 * must be released, cancelled or put aside) and while a label is printing.
 */
export function onOrderScan(turn: Turn, ref: OrderRef): void {
  const { s, ctx } = turn;
  if (!s.packer) return refuseAct(turn, 'order', 'no_packer');
  if (s.block) return refuseAct(turn, 'order', 'blocked');
  if (s.order && labelStatus(s.order) === 'requested') return refuseAct(turn, 'order', 'label_in_progress');
  if (s.order && !isReleased(s)) return refuseAct(turn, 'order', answersTo(s.order.task, ref) ? 'same_order' : 'order_in_progress');
  const task = lookUpTask(ctx.tasks, taskKey(ref));
  if (task) load(turn, ref, task, 'local');
  else request(turn, ref);
}

function giveUp(turn: Turn, reason: 'timeout' | 'not_found' | 'cancelled'): void {
  const { s, ctx } = turn;
  const awaiting = s.awaiting;
  if (!awaiting) return;
  emit(turn, 'pack.order_unavailable', { ref: awaiting.ref, reason, waitedMs: Math.max(0, ctx.now - awaiting.since) });
  s.awaiting = null;
  s.phase = 'idle';
  const key = reason === 'timeout' ? 'notice.order_timeout' : reason === 'not_found' ? 'notice.order_not_found' : 'notice.order_request_cancelled';
  s.notice = { key, params: { ref: refText(awaiting.ref) } };
}

/** The hub sent the task the session is waiting for. */
export function onTaskReceived(turn: Turn, task: PackTask): void {
  const awaiting = turn.s.awaiting;
  if (!isPackTask(task)) return refuseAct(turn, 'task_received', 'invalid_task');
  if (!awaiting || !answersTo(task, awaiting.ref)) return refuseAct(turn, 'task_received', 'not_awaiting');
  load(turn, awaiting.ref, task, 'hub');
}

/** The hub has no task for the reference the session is waiting for. */
export function onTaskUnavailable(turn: Turn, ref: OrderRef): void {
  const awaiting = turn.s.awaiting;
  if (!awaiting || taskKey(awaiting.ref) !== taskKey(ref)) return refuseAct(turn, 'task_unavailable', 'not_awaiting');
  giveUp(turn, 'not_found');
}

/** The packer gave up waiting for the hub (CANCEL while waiting). */
export function abandonRequest(turn: Turn): void {
  giveUp(turn, 'cancelled');
}

/**
 * The clock moved: a task that reached the snapshot meanwhile is loaded; a wait longer than
 * the policy allows ends with "the order cannot be had".
 */
export function onTick(turn: Turn): void {
  const { s, ctx } = turn;
  const awaiting = s.awaiting;
  if (!awaiting) return;
  const task = lookUpTask(ctx.tasks, taskKey(awaiting.ref));
  if (task && isPackTask(task)) return load(turn, awaiting.ref, task, 'local');
  const waited = ctx.now - awaiting.since;
  // A clock set back while waiting gives up too: the wait would otherwise last for an unknown time.
  if (waited >= ctx.policy.awaitOrderMs || waited < 0) giveUp(turn, 'timeout');
}
