import { MAX_PRINT_DATA_BYTES } from '../../protocol/waybill.js';
import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf, ParcelRef } from './schemas.js';
import { getOwn, waybillKey, type Order, type Parcel, type ParcelShown } from './state.js';
import type { Immutable, Tx } from './tx.js';


/**
 * The parcels of a new order: `parcels` as given, or one on `waybill`. Parcel 1 must be on the
 * order's waybill, no waybill may come twice (compared as the waybill index does) and each print
 * data is at most MAX_PRINT_DATA_BYTES as JSON.
 */
export function orderParcels(command: CommandOf<'createOrder'>): Parcel[] | Rejection {
  if (!command.parcels) return [{ waybill: command.waybill }];
  if (command.parcels[0]!.waybill !== command.waybill) {
    return reject(DomainError.ParcelWaybillMismatch, `parcel 1 is on ${command.parcels[0]!.waybill}, not on the order's waybill ${command.waybill}`);
  }
  const seen = new Set<string>();
  const parcels: Parcel[] = [];
  for (const [index, given] of command.parcels.entries()) {
    const key = waybillKey(given.waybill);
    if (seen.has(key)) return reject(DomainError.ParcelWaybillDuplicate, `parcel ${index + 1} repeats waybill ${given.waybill}`);
    seen.add(key);
    if (!given.print) {
      parcels.push({ waybill: given.waybill });
      continue;
    }
    // The size only: the message must never carry any of the data.
    const bytes = Buffer.byteLength(JSON.stringify(given.print));
    if (bytes > MAX_PRINT_DATA_BYTES) {
      return reject(DomainError.PrintDataTooLarge, `parcel ${index + 1}: print data of ${bytes} bytes exceeds ${MAX_PRINT_DATA_BYTES}`);
    }
    parcels.push({ waybill: given.waybill, platform: given.print.platform, print: structuredClone(given.print) });
  }
  return parcels;
}

/** The parcels of an order without their print data. */
export function parcelsShown(parcels: ReadonlyArray<Immutable<Parcel>>): ParcelShown[] {
  return parcels.map(({ print: _secret, ...shown }) => structuredClone(shown) as ParcelShown);
}

/** The order as people see it: its parcels without their print data. */
export function orderShown(order: Immutable<Order>): Immutable<Omit<Order, 'parcels'> & { parcels: ParcelShown[] }> {
  return { ...order, parcels: parcelsShown(order.parcels) };
}

/** The parcel a station fact names, by place and waybill; `ref` absent: parcel 1. */
export function parcelAt(order: Immutable<Order>, ref: ParcelRef | undefined): { index: number; parcel: Immutable<Parcel> } | Rejection {
  const index = ref?.index ?? 1;
  const parcel = order.parcels[index - 1];
  if (!parcel || (ref && waybillKey(ref.waybill) !== waybillKey(parcel.waybill))) {
    const named = ref ? `parcel ${ref.index} on ${ref.waybill}` : 'parcel 1';
    return reject(DomainError.ParcelNotFound, `order ${order.id} has no ${named} (it has ${order.parcels.length})`);
  }
  return { index, parcel };
}

/**
 * Drops the order's print data from the state, once every parcel is labelled or sealed or the
 * order is cancelled: the stations that needed it have had it. `order.print-data-dropped` says so.
 */
export function dropPrintData(tx: Tx, orderId: string): void {
  const current = getOwn(tx.state.orders, orderId);
  if (!current?.parcels.some((parcel) => parcel.print !== undefined)) return;
  const order = tx.edit('orders', orderId)!;
  for (const parcel of order.parcels) delete parcel.print;
  tx.emit({ type: 'order.print-data-dropped', orderId });
}
