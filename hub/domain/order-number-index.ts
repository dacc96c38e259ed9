import { getOwn, type Order } from './state.js';
import { draftOf, type Immutable, type ReadonlyDomainState } from './tx.js';

/*
 * Orders by channel order number, compared upper case (station codes come back upper case from
 * the decoder, docs/barcodes.md). A derived index, like the open batches of waybill-index.ts:
 * never saved, built from a state at its first read, carried by `applyCommand` to the state it
 * returns for the orders the command touched (an order's number never changes).
 */

const indexes = new WeakMap<ReadonlyDomainState, Map<string, string[]>>();

function add(index: Map<string, string[]>, order: Immutable<Order>): void {
  const key = order.orderNo.toUpperCase();
  const ids = index.get(key);
  if (ids) ids.push(order.id);
  else index.set(key, [order.id]);
}

function indexOf(state: ReadonlyDomainState): Map<string, string[]> {
  let index = indexes.get(state);
  if (!index) {
    index = new Map();
    for (const id in state.orders) add(index, state.orders[id]!);
    indexes.set(state, index);
  }
  return index;
}

/** The orders of every channel with this order number (any case), oldest first. */
export function ordersOfOrderNo(state: ReadonlyDomainState, orderNo: string): Array<Immutable<Order>> {
  const key = orderNo.toUpperCase();
  const draft = draftOf(state);
  const ids = [...(indexOf(draft?.base ?? state).get(key) ?? [])];
  // A command under way: the orders it made are not in its base's index yet.
  if (draft) for (const id of draft.touched.orders) if (!getOwn(draft.base.orders, id) && getOwn(state.orders, id)?.orderNo.toUpperCase() === key) ids.push(id);
  return ids.flatMap((id) => getOwn(state.orders, id) ?? []);
}

/** Moves the index of `before` (if it has one) to `after`, with the orders the command made or removed. */
export function carryOrderNumbers(before: ReadonlyDomainState, after: ReadonlyDomainState, touched: ReadonlySet<string>): void {
  if (before === after) return;
  const index = indexes.get(before);
  if (!index) return;
  indexes.delete(before);
  for (const id of touched) {
    const was = getOwn(before.orders, id);
    const now = getOwn(after.orders, id);
    if (was && !now) {
      const ids = index.get(was.orderNo.toUpperCase())?.filter((other) => other !== id) ?? [];
      if (ids.length > 0) index.set(was.orderNo.toUpperCase(), ids);
      else index.delete(was.orderNo.toUpperCase());
    }
    if (!was && now) add(index, now);
  }
  indexes.set(after, index);
}
