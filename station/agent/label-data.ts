import type { PackSession } from '../pack/index.js';
import type { LabelData } from '../printer/types.js';

/**
 * The shipping label for the session's order, from what the session verified: the order number,
 * waybill and ship-to from the task, the packer, and the verification box (station, the time
 * the last unit was counted, each line's counted units). Undefined without an order or packer.
 */
export function labelFor(session: PackSession): LabelData | undefined {
  const order = session.order;
  if (!order || session.packer === null) return undefined;
  const { task } = order;
  return {
    orderId: task.orderNo,
    waybill: task.waybill,
    shipTo: { name: task.label.name, phone: task.label.phone, address: task.label.address },
    packer: session.packer,
    verification: {
      station: session.station,
      at: new Date(order.verifiedAt ?? order.loadedAt).toISOString(),
      lines: task.lines.map((line, i) => ({ sku: line.masterSku, quantity: order.counted[i] ?? 0 })),
    },
  };
}
