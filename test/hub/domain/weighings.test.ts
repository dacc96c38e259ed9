import { describe, expect, it } from 'vitest';
import { applyCommand, type DomainCommand } from '../../../hub/domain/index.js';
import { createDomainState, type DomainState } from '../../../hub/domain/state.js';
import { MAPPING_WING } from '../../../hub/mapping/mapping-wing.js';

const STATION = { now: new Date('2026-03-02T08:00:00Z'), actor: { kind: 'station' as const, id: 'P1' }, origin: 'P1' };
const WEIGHING: DomainCommand = { type: 'recordWeighing', station: 'P1', taskId: 'T1', grams: 520, boxGrams: 100, lines: [{ sku: 'DRESS', quantity: 1 }] };

describe('recordWeighing', () => {
  it('keeps the newest `weighingsKept` weighings, oldest first, each a weighing.recorded event', () => {
    const MAX_WEIGHINGS = 20;
    let state: DomainState = createDomainState();
    for (let i = 0; i < MAX_WEIGHINGS + 3; i += 1) {
      const result = applyCommand(state, WEIGHING, STATION, { mapping: MAPPING_WING, config: { weighingsKept: MAX_WEIGHINGS } });
      if (!result.ok) throw new Error(result.code);
      if (i === 0) expect(result.events).toEqual([expect.objectContaining({ type: 'weighing.recorded', id: 'W1', station: 'P1', task: 'T1', grams: 520 })]);
      state = result.state;
    }
    const ids = Object.keys(state.weighings);
    expect(ids).toHaveLength(MAX_WEIGHINGS);
    expect(ids[0]).toBe('W4');
    expect(ids.at(-1)).toBe(`W${MAX_WEIGHINGS + 3}`);
    expect(state.weighings.W4).toEqual({ at: STATION.now.toISOString(), station: 'P1', taskId: 'T1', grams: 520, boxGrams: 100, lines: [{ sku: 'DRESS', quantity: 1 }] });
  });

  it('refuses a weighing with nothing on the scale or an impossible weight', () => {
    expect(applyCommand(createDomainState(), { ...WEIGHING, lines: [] }, STATION, { mapping: MAPPING_WING })).toMatchObject({ ok: false, code: 'BAD_COMMAND' });
    expect(applyCommand(createDomainState(), { ...WEIGHING, grams: -1 }, STATION, { mapping: MAPPING_WING })).toMatchObject({ ok: false, code: 'BAD_COMMAND' });
  });
});
