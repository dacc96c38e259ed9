import type { BodyOf, EventScope } from './scope.js';

/** A parcel withdrawn at the bench: the hub's `withdrawParcel`, as at the dock (it closes the order's intercept alert). */
export function handleParcelWithdrawn(body: BodyOf<'pack.parcel_withdrawn'>, on: EventScope): void {
  if (body.order === null) return;
  const station = on.event.station;
  on.fact({ type: 'withdrawParcel', waybill: body.parcel.waybill, station, note: `taken out at bench ${station}` });
}
