import type { Stop } from './state.js';
import type { Immutable, ReadonlyDomainState } from './tx.js';

/** The order's active stops, oldest first. */
export function stopsOfOrder(state: ReadonlyDomainState, orderId: string): Array<Immutable<Stop>> {
  return Object.values(state.stops).filter((stop) => stop.orderId === orderId);
}
