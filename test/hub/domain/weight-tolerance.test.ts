import { describe, expect, it } from 'vitest';
import { DomainError, isToleranceChange, restoreDomainState, lastToleranceChange } from '../../../hub/domain/index.js';
import { HOUR, Harness, T0, types } from './harness.js';

const hubStart = { actor: { kind: 'system', id: 'hub-start' } } as const;

describe('isToleranceChange', () => {
  it('is a change when none was recorded, or either part differs; the same grams and percent are none', () => {
    expect(isToleranceChange(null, { grams: 20, percent: 3 })).toBe(true);
    expect(isToleranceChange({ grams: 20, percent: 3 }, { grams: 20, percent: 20 })).toBe(true);
    expect(isToleranceChange({ grams: 20, percent: 3 }, { grams: 5, percent: 3 })).toBe(true);
    expect(isToleranceChange({ grams: 20, percent: 3 }, { grams: 20, percent: 3 })).toBe(false);
    expect(isToleranceChange({ grams: 0, percent: 2.5 }, { grams: 0, percent: 2.5 })).toBe(false);
  });
});

describe("setWeightTolerance: the site's weight tolerance leaves a trace", () => {
  it('records the first one with no before, a change with the one before it, and the same one again not at all', () => {
    const h = new Harness();
    expect(lastToleranceChange(h.state)).toBeNull();

    const first = h.ok({ type: 'setWeightTolerance', grams: 20, percent: 3, source: 'hub-start' }, hubStart);
    expect(types(first)).toEqual(['site.weight-tolerance-changed']);
    expect(first[0]).toMatchObject({ before: null, after: { grams: 20, percent: 3 }, source: 'hub-start', audit: { actor: { kind: 'system', id: 'hub-start' }, command: 'setWeightTolerance' } });

    h.advance(HOUR);
    expect(h.ok({ type: 'setWeightTolerance', grams: 20, percent: 3, source: 'hub-start' }, hubStart)).toEqual([]);

    h.advance(HOUR);
    const loosened = h.ok({ type: 'setWeightTolerance', grams: 20, percent: 20, source: 'hub-start' }, hubStart);
    expect(loosened).toMatchObject([{ type: 'site.weight-tolerance-changed', before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 } }]);
    expect(h.state.weightToleranceLog).toEqual([
      { at: T0.toISOString(), before: null, after: { grams: 20, percent: 3 }, source: 'hub-start' },
      { at: new Date(T0.getTime() + 2 * HOUR).toISOString(), before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 }, source: 'hub-start' },
    ]);
    expect(lastToleranceChange(h.state)?.after).toEqual({ grams: 20, percent: 20 });
  });

  it('refuses a tolerance out of range or from an unknown source: BAD_COMMAND, nothing recorded', () => {
    const h = new Harness();
    expect(h.refused({ type: 'setWeightTolerance', grams: 20, percent: 51, source: 'hub-start' })).toBe(DomainError.BadCommand);
    expect(h.refused({ type: 'setWeightTolerance', grams: -1, percent: 3, source: 'hub-start' })).toBe(DomainError.BadCommand);
    expect(h.refused({ type: 'setWeightTolerance', grams: 20, percent: 3, source: 'api' as 'hub-start' })).toBe(DomainError.BadCommand);
    expect(h.state.weightToleranceLog).toEqual([]);
  });

  it('a state saved before the log restores with none recorded, so the next start records the one in force', () => {
    const { weightToleranceLog: _none, ...older } = new Harness().state;
    expect(restoreDomainState(older).weightToleranceLog).toEqual([]);
  });
});
