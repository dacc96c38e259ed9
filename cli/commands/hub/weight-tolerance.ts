import { PackgateError } from '../../../common/errors.js';
import { DEFAULT_WEIGHT_TOLERANCE, MAX_WEIGHT_TOLERANCE, type WeightTolerance } from '../../../protocol/pack-vocabulary.js';
import { stringOption, type CommandContext } from '../../command.js';

/** The two options and what each sets; `--config` carries them as `weight-tolerance-grams` and `weight-tolerance-percent`. */
const PARTS = [
  { part: 'grams', option: 'weight-tolerance-grams', unit: 'grams', whole: true },
  { part: 'percent', option: 'weight-tolerance-percent', unit: 'percent', whole: false },
] as const;

/**
 * `--weight-tolerance-grams N` and `--weight-tolerance-percent P`: the site's weight tolerance,
 * the part not given keeping its default; undefined when neither is given. Grams are whole,
 * 0 to 5000; percent a number from 0 to 50 (one decimal is plenty: 2.5). Anything else is `USAGE`
 * naming the option, before the hub starts.
 */
export function weightToleranceOption(context: CommandContext): WeightTolerance | undefined {
  const given = PARTS.map(({ part, option, unit, whole }) => {
    const raw = stringOption(context, option);
    if (raw === undefined) return undefined;
    const max = MAX_WEIGHT_TOLERANCE[part];
    const value = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(value >= 0 && value <= max) || (whole && !Number.isInteger(value))) {
      const what = whole ? 'a whole number' : 'a number';
      throw new PackgateError('USAGE', `--${option} must be ${what} of ${unit} from 0 to ${max}, not "${raw.slice(0, 40)}"`);
    }
    return value;
  });
  const [grams, percent] = given;
  if (grams === undefined && percent === undefined) return undefined;
  return { grams: grams ?? DEFAULT_WEIGHT_TOLERANCE.grams, percent: percent ?? DEFAULT_WEIGHT_TOLERANCE.percent };
}
