import type { WeightTolerance } from '../../protocol/pack-vocabulary.js';
import type { Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import type { WeightToleranceChange } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/** The last change of the site's weight tolerance the hub recorded (its `after` is in force), or null when none. */
export function lastToleranceChange(state: ReadonlyDomainState): Immutable<WeightToleranceChange> | null {
  return state.weightToleranceLog.at(-1) ?? null;
}

/**
 * Whether `next` is a change from `before` (null: none recorded, so the first one is a change).
 * Both parts count: 20 g / 3 % to 20 g / 20 % is a change though the grams stayed.
 */
export function isToleranceChange(before: WeightTolerance | null, next: WeightTolerance): boolean {
  return before === null || before.grams !== next.grams || before.percent !== next.percent;
}

/**
 * Records the weight tolerance in force from now on (docs/operations.md, "Which weight
 * tolerance was in force"): a `site.weight-tolerance-changed` event with the one before and an entry in
 * `weightToleranceLog`, only when it differs from the last one recorded. The same tolerance again
 * changes nothing.
 */
export function setWeightTolerance(tx: Tx, command: CommandOf<'setWeightTolerance'>): Rejection | undefined {
  const last = lastToleranceChange(tx.state);
  const before = last && { grams: last.after.grams, percent: last.after.percent };
  const after = { grams: command.grams, percent: command.percent };
  if (!isToleranceChange(before, after)) return undefined;
  tx.appendWeightToleranceLog({ at: tx.at, before, after, source: command.source });
  tx.emit({ type: 'site.weight-tolerance-changed', before, after, source: command.source });
  return undefined;
}
