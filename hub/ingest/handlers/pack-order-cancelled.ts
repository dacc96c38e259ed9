import type { BodyOf, EventScope } from './scope.js';

/** The order left the bench cancelled: the bench's block, if any, ends, and the task is unloaded as `cancelled`. */
export function handleOrderCancelled(body: BodyOf<'pack.order_cancelled'>, on: EventScope): void {
  const station = on.event.station;
  if (body.block !== null) on.fact({ type: 'stationBlockEnded', station, by: 'cancelled' });
  if (body.order !== null) on.fact({ type: 'taskUnloaded', taskId: body.order.taskId, station, reason: 'cancelled' });
}
