import type { BodyOf, EventScope } from './scope.js';
import { weighingFact } from './weighing.js';

/** A label asked for: its weighing is counted and, when one to learn from, recorded (`weighing.ts`). */
export function handleLabelRequested(body: BodyOf<'pack.label_requested'>, on: EventScope): void {
  on.hooks.weighings.weighed(body);
  const weighing = weighingFact(body, on.event.station);
  if (weighing) on.fact(weighing);
}
