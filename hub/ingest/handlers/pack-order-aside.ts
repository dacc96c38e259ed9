import type { BodyOf, EventScope } from './scope.js';

/** The packer put the order aside: the bench's block, if any, ends, and the task is unloaded with the packer's reason. */
export function handleOrderAside(body: BodyOf<'pack.order_aside'>, on: EventScope): void {
  const station = on.event.station;
  if (body.block !== null) on.fact({ type: 'stationBlockEnded', station, by: 'aside' });
  if (body.order !== null) on.fact({ type: 'taskUnloaded', taskId: body.order.taskId, station, reason: body.reason });
}
