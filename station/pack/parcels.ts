import { emit, refuseAct, type Turn } from './events.js';
import type { LabelStatus, LoadedOrder, PackParcel, PackSession, PackTask, ParcelState } from './types.js';

/** A task's parcels: `task.parcels`, or one parcel on `task.waybill` when the hub sent none. */
export function parcelsOf(task: PackTask): readonly PackParcel[] {
  return task.parcels ?? [{ waybill: task.waybill }];
}

/** The 1-based index of the task's parcel with this waybill (any case), or 0. */
export function parcelIndex(task: PackTask, waybill: string): number {
  const wanted = waybill.toUpperCase();
  return parcelsOf(task).findIndex((parcel) => parcel.waybill.toUpperCase() === wanted) + 1;
}

/** Every parcel of a freshly loaded task: open, unlabelled, unsealed. */
export function newParcels(task: PackTask): ParcelState[] {
  return parcelsOf(task).map((parcel) => ({ waybill: parcel.waybill, closedAt: null, label: { status: 'none', printed: 0 }, sealedAt: null }));
}

/** The parcel as events name it. */
export function parcelRecord(order: LoadedOrder, index: number): { index: number; waybill: string } {
  return { index, waybill: order.parcels[index - 1]?.waybill ?? order.task.waybill };
}

/** Units counted into a parcel. */
export function unitsIn(order: LoadedOrder, index: number): number {
  return order.units.reduce((sum, unit) => (unit.parcel === index ? sum + unit.units : sum), 0);
}

/** Per line of the order, the units packed in one parcel (lines with none left out). */
export function parcelLines(order: LoadedOrder, index: number): Array<{ masterSku: string; quantity: number; counted: number }> {
  const counted = order.task.lines.map(() => 0);
  for (const unit of order.units) if (unit.parcel === index) counted[unit.line] = (counted[unit.line] ?? 0) + unit.units;
  return order.task.lines.flatMap((line, i) => ((counted[i] ?? 0) > 0 ? [{ masterSku: line.masterSku, quantity: line.quantity, counted: counted[i] ?? 0 }] : []));
}

/** The parcel whose label the printer layer is printing now (one at a time), or 0. */
export function requestedParcel(order: LoadedOrder): number {
  return order.parcels.findIndex((parcel) => parcel.label.status === 'requested') + 1;
}

/**
 * The order's label status as one word: `requested` while any parcel's label prints, `failed`
 * when one failed, `printed` once every parcel's label printed, else `none`.
 */
export function labelStatus(order: LoadedOrder): LabelStatus {
  const statuses = order.parcels.map((parcel) => parcel.label.status);
  if (statuses.includes('requested')) return 'requested';
  if (statuses.includes('failed')) return 'failed';
  return statuses.every((status) => status === 'printed') ? 'printed' : 'none';
}

/** Labels printed at this station for the order, reprints included. */
export function labelsPrinted(order: LoadedOrder): number {
  return order.parcels.reduce((sum, parcel) => sum + parcel.label.printed, 0);
}

/** True once every parcel of the order was released: printed (print-after-verify) or sealed (verify-preprinted). */
export function isReleased(s: PackSession): boolean {
  return s.phase === 'printed' || s.phase === 'sealed';
}

/** Closes a parcel; an order of several parcels records its units (`pack.parcel_closed`). */
export function closeParcel(turn: Turn, order: LoadedOrder, index: number): void {
  const parcel = order.parcels[index - 1];
  if (!parcel || parcel.closedAt !== null) return;
  parcel.closedAt = turn.ctx.now;
  if (order.parcels.length > 1) emit(turn, 'pack.parcel_closed', { parcel: parcelRecord(order, index), lines: parcelLines(order, index) });
}

function opened(turn: Turn, order: LoadedOrder, index: number, key: 'notice.parcel_opened' | 'notice.parcel_selected'): void {
  order.parcel = index;
  turn.s.notice = { key, params: { parcel: String(index), parcels: String(order.parcels.length) } };
}

/** The next parcel after the current one, wrapping around, that is not closed; 0 when none is left. */
function nextOpen(order: LoadedOrder): number {
  const count = order.parcels.length;
  for (let step = 1; step < count; step++) {
    const index = ((order.parcel - 1 + step) % count) + 1;
    if (order.parcels[index - 1]?.closedAt === null) return index;
  }
  return 0;
}

/**
 * NEXT PARCEL (`$PG:PARCEL`). While packing: closes the current parcel (never an empty one) and
 * opens the next not yet closed. Once the order is verified: selects the next parcel, the one a
 * REPRINT concerns.
 */
export function onParcelCard(turn: Turn): void {
  const { s } = turn;
  const order = s.order;
  if (!s.packer) return refuseAct(turn, 'parcel', 'no_packer');
  if (!order) return refuseAct(turn, 'parcel', 'no_order');
  if (s.block) return refuseAct(turn, 'parcel', 'blocked');
  if (order.parcels.length === 1) return refuseAct(turn, 'parcel', 'no_more_parcels');
  if (s.phase !== 'packing') return opened(turn, order, (order.parcel % order.parcels.length) + 1, 'notice.parcel_selected');
  if (unitsIn(order, order.parcel) === 0) return refuseAct(turn, 'parcel', 'parcel_empty');
  const next = nextOpen(order);
  if (next === 0) return refuseAct(turn, 'parcel', 'no_more_parcels');
  closeParcel(turn, order, order.parcel);
  opened(turn, order, next, 'notice.parcel_opened');
}

/**
 * verify-preprinted: the waybill of one of the open order's parcels. While packing it switches to
 * that parcel (closing the current one if it holds units; a closed parcel is not opened again);
 * once the order is verified it selects the parcel for a REPRINT.
 */
export function onParcelWaybill(turn: Turn, index: number): void {
  const { s } = turn;
  const order = s.order;
  if (!s.packer) return refuseAct(turn, 'parcel', 'no_packer');
  if (!order) return refuseAct(turn, 'parcel', 'no_order');
  if (s.block) return refuseAct(turn, 'parcel', 'blocked');
  if (s.phase !== 'packing') return opened(turn, order, index, 'notice.parcel_selected');
  if (index === order.parcel) return refuseAct(turn, 'parcel', 'same_parcel');
  if (order.parcels[index - 1]?.closedAt !== null) return refuseAct(turn, 'parcel', 'parcel_closed');
  if (unitsIn(order, order.parcel) > 0) closeParcel(turn, order, order.parcel);
  opened(turn, order, index, 'notice.parcel_opened');
}
