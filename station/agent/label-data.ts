import { parcelLines, type PackSession, type PackTask } from '../pack/index.js';
import type { LabelData } from '../printer/types.js';

/**
 * The print job key (the queue's task id, `PrintJobRecord.taskId`) of a parcel's label: the task
 * id for an order of one parcel, as before parcels existed; `{taskId}:p{n}` for parcel n of an
 * order of several (`T17:p2`), so every parcel's jobs are its own and found again after a restart.
 */
export function labelJobKey(task: PackTask, parcel: number): string {
  return (task.parcels?.length ?? 1) > 1 ? `${task.taskId}:p${parcel}` : task.taskId;
}

/**
 * The shipping label of one parcel (1-based) of the session's order, from what the session
 * verified: the order number (with `n/N` for an order of several parcels), the parcel's waybill
 * and the ship-to from the task, the packer, and the verification box (station, the time the
 * last unit was counted, the units packed in that parcel per line). Undefined without an order,
 * a packer or that parcel.
 */
export function labelFor(session: PackSession, parcel: number): LabelData | undefined {
  const order = session.order;
  const state = order?.parcels[parcel - 1];
  if (!order || !state || session.packer === null) return undefined;
  const { task } = order;
  const count = order.parcels.length;
  const lines =
    count === 1
      ? task.lines.map((line, i) => ({ sku: line.masterSku, quantity: order.counted[i] ?? 0 }))
      : parcelLines(order, parcel).map((line) => ({ sku: line.masterSku, quantity: line.counted }));
  return {
    orderId: count === 1 ? task.orderNo : `${task.orderNo} ${parcel}/${count}`,
    waybill: state.waybill,
    shipTo: { name: task.label.name, phone: task.label.phone, address: task.label.address },
    packer: session.packer,
    verification: { station: session.station, at: new Date(order.verifiedAt ?? order.loadedAt).toISOString(), lines },
  };
}
