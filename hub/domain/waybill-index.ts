import { getOwn, waybillKey, type HandoverBatch, type Order, type Parcel } from './state.js';
import { draftOf, type Immutable, type ReadonlyDomainState } from './tx.js';

/*
 * Every lookup by waybill, in one place and through indexes, never a scan of the orders or the
 * batches. A waybill is compared by {@link waybillKey} (upper case) everywhere. Two indexes:
 * - the saved one, `state.waybills` (waybill → the orders that have it), kept by `createOrder`;
 * - the open batches by waybill, derived: built from a state when first read, carried by
 *   `applyCommand` to the states it returns (see {@link carryOpenBatches}), and inside a command
 *   read through the batches the command touched, so it never lags the batches.
 */

/**
 * The order a waybill names: the order's own waybill or any of its parcels', without regard to
 * case. The live (not cancelled) order, or else the newest cancelled one (so a station learns it
 * is cancelled).
 */
export function orderOfWaybill(state: ReadonlyDomainState, waybill: string): Immutable<Order> | undefined {
  const ids = getOwn(state.waybills, waybillKey(waybill)) ?? [];
  const orders = ids.flatMap((id) => getOwn(state.orders, id) ?? []);
  return orders.find((order) => order.status !== 'cancelled') ?? orders.at(-1);
}

/** The position (0-based) of the order's parcel on `waybill`, or -1. */
export function parcelIndexOf(order: Immutable<Pick<Order, 'parcels'>>, waybill: string): number {
  const key = waybillKey(waybill);
  return order.parcels.findIndex((parcel) => waybillKey(parcel.waybill) === key);
}

/** The order's parcel on `waybill`, or undefined. */
export function parcelOfOrder(order: Immutable<Order>, waybill: string): Immutable<Parcel> | undefined {
  return order.parcels[parcelIndexOf(order, waybill)];
}

/** The parcel a waybill names, with its order ({@link orderOfWaybill}) and its place in it (1-based). */
export function parcelOfWaybill(
  state: ReadonlyDomainState,
  waybill: string,
): { order: Immutable<Order>; parcel: Immutable<Parcel>; index: number } | undefined {
  const order = orderOfWaybill(state, waybill);
  if (!order) return undefined;
  const at = parcelIndexOf(order, waybill);
  // The saved index and the parcels are written together: an order it names has the parcel.
  return at < 0 ? undefined : { order, parcel: order.parcels[at]!, index: at + 1 };
}

/** Each state's open batches by waybill key (batch id), while it is the newest of its line. */
const openBatchIndexes = new WeakMap<ReadonlyDomainState, Map<string, string>>();

function buildOpenBatches(state: ReadonlyDomainState): Map<string, string> {
  const index = new Map<string, string>();
  for (const id in state.handovers) addBatch(index, state.handovers[id]!);
  return index;
}

function addBatch(index: Map<string, string>, batch: Immutable<HandoverBatch>): void {
  if (batch.closed) return;
  for (const parcel of batch.parcels) index.set(waybillKey(parcel.waybill), batch.id);
}

function openBatchIndexOf(state: ReadonlyDomainState): Map<string, string> {
  let index = openBatchIndexes.get(state);
  if (!index) openBatchIndexes.set(state, (index = buildOpenBatches(state)));
  return index;
}

/** The open batch holding a parcel, if any. */
export function openBatchOf(state: ReadonlyDomainState, waybill: string): Immutable<HandoverBatch> | undefined {
  const key = waybillKey(waybill);
  const draft = draftOf(state);
  if (!draft) {
    const id = openBatchIndexOf(state).get(key);
    return id === undefined ? undefined : getOwn(state.handovers, id);
  }
  // A command under way: the batches it touched as they are now, else the index of its base.
  for (const id of draft.touched.handovers) {
    const batch = getOwn(state.handovers, id);
    if (batch && !batch.closed && batch.parcels.some((parcel) => waybillKey(parcel.waybill) === key)) return batch;
  }
  const id = openBatchIndexOf(draft.base).get(key);
  return id === undefined || draft.touched.handovers.has(id) ? undefined : getOwn(state.handovers, id);
}

/**
 * Moves the open-batch index of `before` (if it has one) to `after`, updated for the batches the
 * command touched; the earlier state loses it (a later read rebuilds one), so no two states
 * share an index.
 */
export function carryOpenBatches(before: ReadonlyDomainState, after: ReadonlyDomainState, touched: ReadonlySet<string>): void {
  if (before === after) return;
  const index = openBatchIndexes.get(before);
  if (!index) return;
  openBatchIndexes.delete(before);
  for (const id of touched) {
    const old = getOwn(before.handovers, id);
    if (old && !old.closed) {
      for (const parcel of old.parcels) {
        const key = waybillKey(parcel.waybill);
        if (index.get(key) === id) index.delete(key);
      }
    }
    const now = getOwn(after.handovers, id);
    if (now) addBatch(index, now);
  }
  openBatchIndexes.set(after, index);
}
