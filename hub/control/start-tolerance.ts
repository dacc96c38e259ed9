import { diskErrorCode } from '../../common/file-io.js';
import { createLogger } from '../../common/log.js';
import { DEFAULT_WEIGHT_TOLERANCE, type WeightTolerance } from '../../protocol/pack-vocabulary.js';
import type { CommandContext } from '../domain/audit.js';
import type { DomainCommand } from '../domain/schemas.js';
import type { ExecuteResult } from './domain-store.js';

const log = createLogger('hub.start-tolerance');

/**
 * Records the weight tolerance a hub starts with (`setWeightTolerance`, source `hub-start`; the
 * domain records it only when it differs from the last one recorded). `given` is the tolerance
 * of the start-up options, undefined when they left the default. True once it is stored (or
 * nothing was new); false when the disk refused the history write: call again (the clock tick
 * does) so that a hub started on a full disk still leaves the trace.
 */
export function recordStartTolerance(
  execute: (command: DomainCommand, context: CommandContext) => ExecuteResult,
  given: WeightTolerance | undefined,
  now = new Date(),
): boolean {
  const { grams, percent } = given ?? DEFAULT_WEIGHT_TOLERANCE;
  const reason = given
    ? 'the hub started with a weight tolerance in its options (--weight-tolerance-grams/-percent or --config)'
    : 'the hub started without a weight tolerance option: the default';
  try {
    execute(
      { type: 'setWeightTolerance', grams, percent, source: 'hub-start' },
      { now, actor: { kind: 'system', id: 'hub-start' }, reason, raw: { weightTolerance: given ?? null } },
    );
    return true;
  } catch (err) {
    if (diskErrorCode(err) === undefined) throw err;
    log.error({ err: (err as Error).message }, "weight tolerance not recorded yet: the disk refused the history write; retried at the clock's tick");
    return false;
  }
}
