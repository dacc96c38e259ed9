import type { BodyOf, EventScope } from './scope.js';

/** The bench's block was cleared (`pack-blocked.ts`): its alert ends. */
export function handleBlockCleared(body: BodyOf<'pack.block_cleared'>, on: EventScope): void {
  on.fact({ type: 'stationBlockEnded', station: on.event.station, by: body.by, ...(body.supervisor === null ? {} : { supervisor: body.supervisor }) });
}
