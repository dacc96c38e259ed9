import { PAYLOAD_VERSION, type HubCommand, type OrderRefPayload, type PackTaskPayload, type StationEvent } from '../../protocol/index.js';
import { catalogItem } from '../domain/catalog.js';
import { findTaskByWaybill, taskOfOrder } from '../domain/orders.js';
import { getOwn, type Task } from '../domain/state.js';
import type { Immutable, ReadonlyDomainState } from '../domain/tx.js';

type Found = { task: Immutable<Task> } | { reason: 'not_found' | 'ambiguous' | 'not_released' };

/** The task a scanned label names: a task id, a channel order number (or else a waybill); hub tasks have no totes. */
function findTask(state: ReadonlyDomainState, ref: OrderRefPayload): Found {
  if (ref.type === 'task') {
    const task = getOwn(state.tasks, ref.id) ?? getOwn(state.tasks, ref.id.toUpperCase());
    return task ? { task } : { reason: 'not_found' };
  }
  if (ref.type === 'tote') return { reason: 'not_found' };
  // Station codes come back upper case from the decoder (docs/barcodes.md): compare so.
  const id = ref.id.toUpperCase();
  const orders = Object.values(state.orders).filter((order) => order.orderNo.toUpperCase() === id);
  const live = orders.filter((order) => order.status !== 'cancelled');
  const candidates = live.length > 0 ? live : orders;
  if (candidates.length > 1) return { reason: 'ambiguous' };
  const order = candidates[0];
  if (order) {
    const task = taskOfOrder(state, order.id);
    return task ? { task } : { reason: 'not_released' };
  }
  const byWaybill = findTaskByWaybill(state, ref.id);
  return byWaybill ? { task: byWaybill } : { reason: 'not_found' };
}

/** The task as stations pack it: the order's label data, and per line the catalog's barcodes and tracking. */
export function packTaskOf(state: ReadonlyDomainState, task: Immutable<Task>): PackTaskPayload | undefined {
  const order = getOwn(state.orders, task.orderId);
  if (!order) return undefined;
  return {
    taskId: task.id,
    orderId: order.id,
    orderNo: order.orderNo,
    channel: order.channel,
    waybill: order.waybill,
    label: { name: order.label.name, phone: order.label.phone, address: order.label.address },
    lines: task.lines.map((line) => {
      const item = catalogItem(state, line.sku);
      return {
        masterSku: line.sku,
        quantity: line.quantity,
        barcodes: (item?.barcodes ?? []).map(({ code, multiplier }) => ({ code, multiplier })),
        ...(item?.tracking ? { tracking: { ...item.tracking } } : {}),
      };
    }),
  };
}

/**
 * The hub's answer to a station's `pack.order_requested`: the task for the label it scanned
 * (a cancelled one too: its stop-list entry blocks it at the station), or why there is none.
 * Pure; undefined for any other event. `id` names the stored record it answers.
 */
export function taskAnswer(state: ReadonlyDomainState, event: StationEvent, recordSeq: number): HubCommand | undefined {
  const body = event.body;
  if (body.type !== 'pack.order_requested') return undefined;
  const header = { v: PAYLOAD_VERSION, id: `${recordSeq}.task`, at: new Date().toISOString(), ref: body.ref } as const;
  const found = findTask(state, body.ref);
  const task = 'task' in found ? packTaskOf(state, found.task) : undefined;
  if (task) return { ...header, type: 'task', task };
  return { ...header, type: 'task-unavailable', reason: 'reason' in found ? found.reason : 'not_found' };
}
