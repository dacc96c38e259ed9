import type { BodyOf, EventScope } from './scope.js';

/** A parcel closed: the domain's `parcelClosed`, its `lines` as its units (`counted` per master SKU). */
export function handleParcelClosed(body: BodyOf<'pack.parcel_closed'>, on: EventScope): void {
  if (body.order === null) return;
  const units = body.lines.map((line) => ({ sku: line.masterSku, quantity: line.counted }));
  on.fact({ type: 'parcelClosed', taskId: body.order.taskId, station: on.event.station, parcel: { ...body.parcel }, units });
}
