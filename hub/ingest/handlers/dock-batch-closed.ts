import type { BodyOf, EventScope } from './scope.js';
import { dockOperator } from './dock-operator.js';

/** A handover batch closed at a dock: the domain's `closeHandover`. */
export function handleBatchClosed(body: BodyOf<'dock.batch_closed'>, on: EventScope): void {
  on.fact({ type: 'closeHandover', batchId: body.batchId, operator: dockOperator(body, on.event.station) });
}
