import type { BodyOf, EventScope } from './scope.js';

/** A station loaded a task: the domain's `taskLoaded`. */
export function handleOrderLoaded(body: BodyOf<'pack.order_loaded'>, on: EventScope): void {
  if (body.order === null) return;
  on.fact({ type: 'taskLoaded', taskId: body.order.taskId, station: on.event.station });
}
