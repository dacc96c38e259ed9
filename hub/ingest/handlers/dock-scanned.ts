import type { BodyOf, EventScope } from './scope.js';

/**
 * A parcel scanned into a batch: the hub applies it with its own checks (`handoverScan`), so a
 * scan the station passed on a stale manifest is refused here and the parcel is not handed over.
 * A scan the station refused is not applied at all.
 */
export function handleDockScanned(body: BodyOf<'dock.scanned'>, on: EventScope): void {
  if (body.verdict !== 'accepted' || body.batchId === null) return;
  on.fact({ type: 'handoverScan', batchId: body.batchId, waybill: body.waybill, station: on.event.station });
}
