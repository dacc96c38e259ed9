import type { BodyOf, EventScope } from './scope.js';

/** Every unit of the task counted: the domain's `taskVerified`. */
export function handleOrderVerified(body: BodyOf<'pack.order_verified'>, on: EventScope): void {
  if (body.order === null) return;
  on.fact({ type: 'taskVerified', taskId: body.order.taskId, station: on.event.station });
}
