import type { BodyOf, EventScope } from './scope.js';
import { weighingFact } from './weighing.js';

/** A parcel sealed: its weighing is counted, the domain's `parcelSealed`, and the weighing recorded when one to learn from (`weighing.ts`). */
export function handleSealed(body: BodyOf<'pack.sealed'>, on: EventScope): void {
  on.hooks.weighings.weighed(body);
  const station = on.event.station;
  if (body.order !== null) on.fact({ type: 'parcelSealed', taskId: body.order.taskId, station, parcel: { ...body.parcel } });
  const weighing = weighingFact(body, station);
  if (weighing) on.fact(weighing);
}
