import type { BodyOf, EventScope } from './scope.js';
import { dockOperator } from './dock-operator.js';

/** A handover batch opened at a dock: the domain's `openHandover` (docs/pack-session.md, "Dock mode"). */
export function handleBatchOpened(body: BodyOf<'dock.batch_opened'>, on: EventScope): void {
  const station = on.event.station;
  on.fact({ type: 'openHandover', batchId: body.batchId, carrier: body.carrier, station, operator: dockOperator(body, station) });
}
