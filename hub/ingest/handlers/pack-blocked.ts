import type { BodyOf, EventScope } from './scope.js';

/**
 * The bench's block as the hub's alerts follow it: a scan that blocks raises one (a hold from the
 * stop or freeze list replaces it: the hub raised its own alert for that), and clearing it, or
 * the order leaving the bench, ends it. A weight block (`weight_mismatch`) is one too, and counted
 * for `/metrics`: a reweigh within tolerance or a supervisor clears it.
 */
export function handleBlocked(body: BodyOf<'pack.blocked'>, on: EventScope): void {
  if (body.reason === 'weight_mismatch') on.hooks.weighings.mismatch();
  const station = on.event.station;
  if (body.cause !== 'scan' && body.cause !== 'weight') return on.fact({ type: 'stationBlockEnded', station, by: 'replaced' });
  on.fact({
    type: 'stationBlocked',
    station,
    reason: body.reason,
    ...(body.order ? { orderId: body.order.orderId, taskId: body.order.taskId } : {}),
    ...(body.sku === null ? {} : { sku: body.sku }),
    ...(body.code === null ? {} : { code: body.code }),
  });
}
