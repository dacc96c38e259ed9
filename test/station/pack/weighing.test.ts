import { describe, expect, it } from 'vitest';
import { indexTasks, packPolicy, type PackContext, type PackTask } from '../../../station/pack/index.js';
import { context, TASK, verified } from './helpers.js';

/** TASK with catalog weights: 7 × 300 g dresses, 2 × 50 g earbuds, in a 200 g box: 2400 g, ±72 g. */
const WEIGHED: PackTask = { ...TASK, lines: TASK.lines.map((line, i) => ({ ...line, unitWeightGrams: i === 0 ? 300 : 50 })) };

function weighing(grams: number | null, overrides: Partial<PackContext> = {}): PackContext {
  return context({ tasks: indexTasks([WEIGHED]), policy: packPolicy({ boxWeightGrams: 200 }), scale: { ready: true, grams }, ...overrides });
}

describe('the weight check at the label', () => {
  it('within tolerance: the label is asked for, with the weight', () => {
    const bench = verified(weighing(2450));
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ reprint: false, weightGrams: 2450 });
    expect(bench.state.block).toBeNull();
  });

  it('a dress short: blocks on weight_mismatch with expected / actual / difference, no label', () => {
    const bench = verified(weighing(2100));
    bench.input({ type: 'label_requested' });
    expect(bench.types).toEqual(['pack.blocked']);
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'weight_mismatch', scope: 'unit', clearBy: 'supervisor', cause: 'weight', detail: '2400 g / 2100 g / −300 g' });
    expect(bench.last.display).toMatchObject({ state: 'blocked', block: { title: 'block.weight_mismatch', action: 'action.weight_mismatch' } });
    expect(bench.state.order?.parcels[0]?.label.status).toBe('none');
    // The packer's RESOLVE does not clear it.
    bench.scan('$PG:RESOLVE');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'resolve', reason: 'needs_supervisor' });
  });

  it('reweighing: out of tolerance keeps the block with the new reading, within it clears and asks for the label', () => {
    const bench = verified(weighing(2100));
    bench.input({ type: 'label_requested' });
    bench.with({ scale: { ready: true, grams: 2200 } }).input({ type: 'reweighed' });
    expect(bench.events.filter((e) => e.type === 'pack.block_cleared')).toEqual([]);
    expect(bench.state.block?.detail).toBe('2400 g / 2200 g / −200 g');
    bench.with({ scale: { ready: true, grams: 2390 } }).input({ type: 'reweighed' });
    expect(bench.types).toEqual(['pack.block_cleared', 'pack.label_requested']);
    expect(bench.event('pack.block_cleared')).toMatchObject({ reason: 'weight_mismatch', by: 'reweigh', supervisor: null });
    expect(bench.event('pack.label_requested')).toMatchObject({ weightGrams: 2390 });
  });

  it('a supervisor badge overrides: the clearing names the supervisor and the label is asked for', () => {
    const bench = verified(weighing(2100));
    bench.input({ type: 'label_requested' });
    bench.scan('$PG:SUP:S-01');
    expect(bench.types).toEqual(['pack.block_cleared', 'pack.label_requested']);
    expect(bench.event('pack.block_cleared')).toMatchObject({ reason: 'weight_mismatch', by: 'supervisor', supervisor: 'S-01' });
    expect(bench.event('pack.label_requested')).toMatchObject({ weightGrams: 2100 });
  });

  it('skipped when a line has no unit weight or the scale shows no stable weight', () => {
    const unweighed = verified(weighing(100, { tasks: indexTasks([TASK]) }));
    unweighed.input({ type: 'label_requested' });
    expect(unweighed.event('pack.label_requested')).toMatchObject({ weightGrams: 100 });
    const noReading = verified(weighing(null));
    noReading.input({ type: 'label_requested' });
    expect(noReading.event('pack.label_requested')).not.toHaveProperty('weightGrams');
  });

  it('refuses a box weight that cannot be', () => {
    expect(() => packPolicy({ boxWeightGrams: -5 })).toThrow(expect.objectContaining({ code: 'PACK_BAD_POLICY' }));
  });
});
