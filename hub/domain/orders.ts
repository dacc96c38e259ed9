import { condition, endCondition, raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { pendingSkus, resolveLines } from './resolution.js';
import { trackResolution, unresolvedRateOpen } from './unresolved-rate.js';
import { orderParcels, parcelsShown } from './parcels.js';
import type { CommandOf } from './schemas.js';
import { getOwn, orderIdOf, waybillKey, type Order, type Task, type TaskLine, type UnresolvedLine } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';
import { orderOfWaybill } from './waybill-index.js';

/**
 * A new order from a channel. Every line resolves to a master SKU, and the order is released
 * as a pack task; if any line does not resolve, the order is held in the needs-mapping pool
 * (never released) with the lines that failed, and a warning alert is raised. Its parcels are
 * `parcels`, or one on `waybill`; no parcel's waybill may belong to another live order.
 */
export function createOrder(tx: Tx, command: CommandOf<'createOrder'>): Rejection | undefined {
  const id = orderIdOf(command.channel, command.orderNo);
  if (getOwn(tx.state.orders, id)) return reject(DomainError.OrderExists, `order ${id} already exists`);
  const parcels = orderParcels(command);
  if ('ok' in parcels) return parcels;
  for (const { waybill } of parcels) {
    const clash = liveOrderOfWaybill(tx.state, waybill);
    if (clash) return reject(DomainError.WaybillExists, `waybill ${waybill} belongs to order ${clash.id}`);
  }

  const { lines, unresolved } = resolveLines(tx.resolve, command.channel, command.lines, pendingSkus(tx.state));
  const order: Order = {
    id,
    channel: command.channel,
    orderNo: command.orderNo,
    waybill: command.waybill,
    label: { name: command.label.name, phone: command.label.phone, address: command.label.address },
    lines,
    parcels,
    status: 'held',
    createdAt: tx.at,
    ...(command.carrier === undefined ? {} : { carrier: command.carrier }),
  };
  tx.put('orders', id, order);
  for (const { waybill } of parcels) {
    const key = waybillKey(waybill);
    tx.put('waybills', key, [...(getOwn(tx.state.waybills, key) ?? []), id]);
  }
  tx.emit({
    type: 'order.created',
    orderId: id,
    channel: order.channel,
    orderNo: order.orderNo,
    waybill: order.waybill,
    ...(command.parcels ? { parcels: parcelsShown(parcels) } : {}),
  });
  trackResolution(tx, order.channel, id, unresolved);
  // While the channel's unresolved-rate alert stands, an order held only for missing codes raises none of its own.
  const covered = unresolvedRateOpen(tx.state, order.channel) && unresolved.every((line) => line.pending === undefined);
  if (unresolved.length > 0) hold(tx, order, unresolved, !covered);
  else release(tx, order);
  return undefined;
}

/**
 * Re-resolves held orders against the current mappings (the named ones, or every held order,
 * oldest first): an order whose lines now all resolve is released; one still missing mappings
 * stays held with its reason brought up to date.
 */
export function resolveHeldOrders(tx: Tx, command: CommandOf<'resolveHeldOrders'>): Rejection | undefined {
  let ids: string[];
  if (command.orderIds) {
    ids = [...new Set(command.orderIds)];
    for (const id of ids) {
      const order = getOwn(tx.state.orders, id);
      if (!order) return reject(DomainError.OrderNotFound, `no order ${id}`);
      if (order.status !== 'held') return reject(DomainError.OrderNotHeld, `order ${id} is ${order.status}, not held`);
    }
  } else {
    ids = heldOrders(tx.state).map((order) => order.id);
  }
  const pending = pendingSkus(tx.state);
  for (const id of ids) {
    const current = getOwn(tx.state.orders, id)!;
    const { lines, unresolved } = resolveLines(tx.resolve, current.channel, current.lines, pending);
    if (unresolved.length > 0 && JSON.stringify(unresolved) === JSON.stringify(current.hold?.unresolved)) continue;
    const order = tx.edit('orders', id)!;
    order.lines = lines;
    if (unresolved.length === 0) release(tx, order);
    else hold(tx, order, unresolved, false);
  }
  return undefined;
}

/** `order` is a writable copy. */
function hold(tx: Tx, order: Order, unresolved: UnresolvedLine[], alert: boolean): void {
  order.status = 'held';
  order.hold = { since: order.hold?.since ?? tx.at, unresolved };
  tx.emit({ type: 'order.held', orderId: order.id, unresolved: structuredClone(unresolved) });
  if (!alert) return;
  const missing = unresolved.filter((line) => line.pending === undefined).map((line) => line.channelSku);
  const waiting = unresolved.flatMap((line) => (line.pending === undefined ? [] : [line.pending]));
  const reasons = [
    ...(missing.length > 0 ? [`no mapping for ${order.channel} SKU ${missing.join(', ')}`] : []),
    ...(waiting.length > 0 ? [`mapping pending for ${[...new Set(waiting)].join(', ')}`] : []),
  ];
  raiseAlert(
    tx,
    'order-held',
    'warning',
    `order ${order.id} held: ${reasons.join('; ')}`,
    { orderId: order.id, channelSku: unresolved[0]!.channelSku },
    condition.orderHeld(order.id),
  );
}

/** Makes the pack task of a fully resolved order (a writable copy). Stops already on the order apply to it. */
function release(tx: Tx, order: Order): void {
  const id = tx.nextId('task');
  const task: Task = {
    id,
    no: tx.state.counters.task,
    orderId: order.id,
    lines: taskLines(order),
    progress: 'released',
    releasedAt: tx.at,
  };
  tx.put('tasks', id, task);
  order.status = 'released';
  order.taskId = id;
  order.releasedAt = tx.at;
  delete order.hold;
  tx.emit({ type: 'order.released', orderId: order.id, taskId: id });
  endCondition(tx, condition.orderHeld(order.id), 'released');
  tx.emit({ type: 'task.released', taskId: id, orderId: order.id, lines: structuredClone(task.lines) });
}

/** The order's resolved units per master SKU, in first-seen order. */
export function taskLines(order: Immutable<Order>): TaskLine[] {
  const bySku = new Map<string, number>();
  for (const line of order.lines) {
    if (line.masterSku === undefined) continue;
    bySku.set(line.masterSku, (bySku.get(line.masterSku) ?? 0) + line.quantity);
  }
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

/** Orders in the needs-mapping pool, oldest first. */
export function heldOrders(state: ReadonlyDomainState): Array<Immutable<Order>> {
  return Object.values(state.orders).filter((order) => order.status === 'held');
}

/** The order's pack task, if it was released. */
export function taskOfOrder(state: ReadonlyDomainState, orderId: string): Immutable<Task> | undefined {
  const taskId = getOwn(state.orders, orderId)?.taskId;
  return taskId === undefined ? undefined : getOwn(state.tasks, taskId);
}

/** The task of {@link orderOfWaybill}'s order; undefined if it was not released. */
export function findTaskByWaybill(state: ReadonlyDomainState, waybill: string): Immutable<Task> | undefined {
  const order = orderOfWaybill(state, waybill);
  return order ? taskOfOrder(state, order.id) : undefined;
}

function liveOrderOfWaybill(state: ReadonlyDomainState, waybill: string): Immutable<Order> | undefined {
  const order = orderOfWaybill(state, waybill);
  return order?.status === 'cancelled' ? undefined : order;
}
