import type { BodyOf, EventScope } from './scope.js';

/** A label came out of the printer: the domain's `labelPrinted`, for the parcel it names. */
export function handleLabelPrinted(body: BodyOf<'pack.label_printed'>, on: EventScope): void {
  if (body.order === null) return;
  on.fact({ type: 'labelPrinted', taskId: body.order.taskId, station: on.event.station, ...(body.parcel ? { parcel: { ...body.parcel } } : {}) });
}
