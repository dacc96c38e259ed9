import Type from 'typebox';
import { MAX_WEIGHT_TOLERANCE } from './pack-vocabulary.js';

/**
 * A site's weight tolerance (`WeightTolerance`): the larger of `grams` and `percent` of the
 * expected weight. On its own, so that the hub's records (and the tablet page's types) take it
 * without the wire schemas.
 */
export const WeightTolerancePayload = Type.Object(
  {
    grams: Type.Number({ minimum: 0, maximum: MAX_WEIGHT_TOLERANCE.grams }),
    percent: Type.Number({ minimum: 0, maximum: MAX_WEIGHT_TOLERANCE.percent }),
  },
  { additionalProperties: false },
);
