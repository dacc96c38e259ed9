import { sameTolerance, type WeightTolerance } from '../../protocol/pack-vocabulary.js';
import { raiseAlert } from './alerts.js';
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
  return !sameTolerance(before, next);
}

/**
 * Whether `next` lets more through than `before`: a larger allowance in grams or in percent, either
 * one (the check takes the larger of the two). The first one recorded (`before` null) loosens nothing.
 */
export function isToleranceLoosened(before: WeightTolerance | null, next: WeightTolerance): boolean {
  return before !== null && (next.grams > before.grams || next.percent > before.percent);
}

/**
 * Records the weight tolerance in force from now on (docs/operations.md, "Which weight
 * tolerance was in force"): a `site.weight-tolerance-changed` event with the one before and an entry in
 * `weightToleranceLog`, only when it differs from the last one recorded. The same tolerance again
 * changes nothing. A looser one raises a critical `weight-tolerance-loosened` alert (docs/domain.md,
 * "Alerts"): parcels further off their weight, a wrong item among them, now pass the check.
 */
export function setWeightTolerance(tx: Tx, command: CommandOf<'setWeightTolerance'>): Rejection | undefined {
  const last = lastToleranceChange(tx.state);
  const before = last && { grams: last.after.grams, percent: last.after.percent };
  const after = { grams: command.grams, percent: command.percent };
  if (!isToleranceChange(before, after)) return undefined;
  tx.appendWeightToleranceLog({ at: tx.at, before, after, source: command.source });
  tx.emit({ type: 'site.weight-tolerance-changed', before, after, source: command.source });
  if (before && isToleranceLoosened(before, after)) {
    const message = `weight tolerance loosened: ${toleranceText(before)} -> ${toleranceText(after)} (${command.source})`;
    raiseAlert(tx, 'weight-tolerance-loosened', 'critical', message, { before, after });
  }
  return undefined;
}

function toleranceText(tolerance: WeightTolerance): string {
  return `${tolerance.grams} g / ${tolerance.percent} %`;
}
