import { describe, expect, it } from 'vitest';
import { DomainError, isToleranceChange, isToleranceLoosened, restoreDomainState, lastToleranceChange } from '../../../hub/domain/index.js';
import { HOUR, Harness, T0, alerts, types } from './harness.js';

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

describe('isToleranceLoosened', () => {
  it('is looser when either part allows more, whatever the other does; the first one recorded, the same or a tighter one is not', () => {
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 20, percent: 20 })).toBe(true);
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 50, percent: 3 })).toBe(true);
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 100, percent: 1 })).toBe(true);
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 0, percent: 3.5 })).toBe(true);
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 20, percent: 3 })).toBe(false);
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 10, percent: 3 })).toBe(false);
    expect(isToleranceLoosened({ grams: 20, percent: 3 }, { grams: 20, percent: 2 })).toBe(false);
    expect(isToleranceLoosened({ grams: 20, percent: 20 }, { grams: 5, percent: 1 })).toBe(false);
    expect(isToleranceLoosened(null, { grams: 5000, percent: 50 })).toBe(false);
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
    expect(loosened).toMatchObject([{ type: 'site.weight-tolerance-changed', before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 } }, { type: 'alert.raised' }]);
    expect(h.state.weightToleranceLog).toEqual([
      { at: T0.toISOString(), before: null, after: { grams: 20, percent: 3 }, source: 'hub-start' },
      { at: new Date(T0.getTime() + 2 * HOUR).toISOString(), before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 }, source: 'hub-start' },
    ]);
    expect(lastToleranceChange(h.state)?.after).toEqual({ grams: 20, percent: 20 });
  });

  it('raises a critical alert, before and after, only when a change loosens it; a manager acknowledges it once', () => {
    const h = new Harness();
    expect(alerts(h.ok({ type: 'setWeightTolerance', grams: 20, percent: 3, source: 'hub-start' }, hubStart))).toEqual([]);

    h.advance(HOUR);
    const [alert] = alerts(h.ok({ type: 'setWeightTolerance', grams: 20, percent: 20, source: 'hub-start' }, hubStart));
    expect(alert).toEqual({
      seq: 1,
      at: new Date(T0.getTime() + HOUR).toISOString(),
      kind: 'weight-tolerance-loosened',
      severity: 'critical',
      message: 'weight tolerance loosened: 20 g / 3 % -> 20 g / 20 % (hub-start)',
      target: { before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 } },
    });

    // Tighter in both parts, then tighter in one and equal in the other: recorded, no alert.
    h.advance(HOUR);
    expect(types(h.ok({ type: 'setWeightTolerance', grams: 10, percent: 5, source: 'hub-start' }, hubStart))).toEqual(['site.weight-tolerance-changed']);
    h.advance(HOUR);
    expect(types(h.ok({ type: 'setWeightTolerance', grams: 10, percent: 3, source: 'hub-start' }, hubStart))).toEqual(['site.weight-tolerance-changed']);
    // Looser in grams only, though tighter in percent: an alert.
    h.advance(HOUR);
    expect(alerts(h.ok({ type: 'setWeightTolerance', grams: 50, percent: 2, source: 'hub-start' }, hubStart))).toMatchObject([
      { seq: 2, kind: 'weight-tolerance-loosened', target: { before: { grams: 10, percent: 3 }, after: { grams: 50, percent: 2 } } },
    ]);
    expect(h.state.alerts.map((a) => a.kind)).toEqual(['weight-tolerance-loosened', 'weight-tolerance-loosened']);

    expect(types(h.ok({ type: 'acknowledgeAlert', alertSeq: 1, manager: 'Li Na' }))).toEqual(['alert.acknowledged']);
    expect(h.state.alerts[0]!.acknowledged).toEqual({ by: 'Li Na', at: new Date(T0.getTime() + 4 * HOUR).toISOString() });
    expect(h.refused({ type: 'acknowledgeAlert', alertSeq: 1, manager: 'Wang Fang' })).toBe(DomainError.AlertAlreadyAcknowledged);
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
