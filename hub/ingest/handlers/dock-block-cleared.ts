import type { BodyOf, EventScope } from './scope.js';

/** A dock's block cleared: a parcel withdrawn is the hub's `withdrawParcel` (which closes the order's intercept alert). */
export function handleDockBlockCleared(body: BodyOf<'dock.block_cleared'>, on: EventScope): void {
  const station = on.event.station;
  if (body.by === 'withdrawn') on.fact({ type: 'withdrawParcel', waybill: body.waybill, station, note: `taken out at dock ${station}` });
}
