import type { PackSession } from '../pack/index.js';
import type { WeightSample } from '../scale/source.js';

/** The scale's weight as the screen last showed it. */
export interface ShownWeight {
  readonly stable: boolean;
  readonly grams: number;
}

/**
 * The weight to show after a reading, or undefined when the screen need not follow it: it follows
 * the weight when it settles or leaves, not every swinging reading.
 */
export function nextShownWeight(shown: ShownWeight | undefined, sample: WeightSample): ShownWeight | undefined {
  if (shown?.stable === sample.stable && (!sample.stable || shown.grams === sample.reading.grams)) return undefined;
  return { stable: sample.stable, grams: sample.reading.grams };
}

/**
 * Whether a settled weight is for the session to judge (`reweighed`): a parcel held on
 * `weight_mismatch` is weighed again, and a verified pre-printed order waiting for its seal is weighed now.
 */
export function reweighDue(session: PackSession, sample: WeightSample): boolean {
  const awaitsSeal = session.phase === 'verified' && session.order?.flow === 'verify-preprinted';
  return sample.stable && (session.block?.reason === 'weight_mismatch' || awaitsSeal);
}
