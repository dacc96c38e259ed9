import { describe, expect, it } from 'vitest';
import { indexTasks, packPolicy, type PackContext, type PackTask } from '../../../station/pack/index.js';
import { Bench, CODES, context, packing, preprinted, SOCK_TASK, TASK, verified } from './helpers.js';

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

  it('the weight margin: the label request and the weight_mismatch block record the tolerance applied and the grams it allowed', () => {
    const passed = verified(weighing(2450));
    passed.input({ type: 'label_requested' });
    expect(passed.event('pack.label_requested')).toMatchObject({ weightGrams: 2450, expectedGrams: 2400, tolerance: { grams: 20, percent: 3 }, allowedGrams: 72, weightCheck: 'passed' });
    const site = { grams: 50, percent: 1 };
    const light = verified(weighing(2300, { weightTolerance: site }));
    light.input({ type: 'label_requested' });
    expect(light.event('pack.blocked')).toMatchObject({ reason: 'weight_mismatch', weightGrams: 2300, expectedGrams: 2400, tolerance: site, allowedGrams: 50 });
    light.scan('$PG:SUP:S-01');
    expect(light.event('pack.label_requested')).toMatchObject({ weightGrams: 2300, tolerance: site, allowedGrams: 50, weightCheck: 'overridden' });
  });

  it('no weight margin where nothing was checked: a unit weight unknown, a reprint, a block that is not the weight', () => {
    const unweighed = verified(weighing(100, { tasks: indexTasks([TASK]) }));
    unweighed.input({ type: 'label_requested' });
    expect(unweighed.event('pack.label_requested')).not.toHaveProperty('allowedGrams');
    expect(unweighed.event('pack.label_requested')).not.toHaveProperty('tolerance');
    const stray = packing(weighing(2400));
    stray.scan(CODES.sockEan);
    const blocked = stray.events.find((e) => e.type === 'pack.blocked');
    expect(blocked).toBeDefined();
    expect(blocked).not.toHaveProperty('allowedGrams');
    expect(blocked).not.toHaveProperty('weightGrams');
  });

  it('refuses a box weight that cannot be', () => {
    expect(() => packPolicy({ boxWeightGrams: -5 })).toThrow(expect.objectContaining({ code: 'PACK_BAD_POLICY' }));
  });
});

/** The site's box types: a small box for up to 3 units, a large one for up to 12, a bag picked only when scanned. */
const BOXES = [
  { code: 'BOX-L', grams: 300, maxUnits: 12 },
  { code: 'BOX-S', grams: 120, maxUnits: 3 },
  { code: 'BAG-01', grams: 15 },
];
const BOXED: PackTask = { ...WEIGHED, boxes: BOXES };

function boxed(grams: number | null, task: PackTask = BOXED, policy = packPolicy({ boxWeightGrams: 200 })): PackContext {
  return context({ tasks: indexTasks([task]), policy, scale: { ready: true, grams } });
}

describe('box types', () => {
  it('no box scanned: the rule picks the smallest box that holds the parcel (9 units: BOX-L, 300 g), recorded on the event', () => {
    const bench = verified(boxed(2500));
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ weightGrams: 2500, expectedGrams: 2500, box: { code: 'BOX-L', grams: 300, by: 'rule' }, weightCheck: 'passed' });
  });

  it('a scanned box is the parcel\'s box: verdict `box`, nothing counted, and the expected weight uses it', () => {
    const bench = packing(boxed(2215));
    bench.scan('BAG-01');
    expect(bench.types).toEqual(['pack.verdict']);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'box', code: 'BAG-01', units: 0, blocks: false, line: null });
    expect(bench.state.order?.units).toEqual([]);
    expect(bench.state.order?.parcels[0]?.box).toBe('BAG-01');
    bench.scans(CODES.dressCase, CODES.dressEan, `]C101${CODES.earbudsGtin}21SN-0001`, `]C101${CODES.earbudsGtin}21SN-0002`);
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ expectedGrams: 2215, box: { code: 'BAG-01', grams: 15, by: 'scan' }, weightCheck: 'passed' });
  });

  it('no box type fits: the station\'s --box-grams is the box', () => {
    const bench = verified(boxed(2400, { ...WEIGHED, boxes: [{ code: 'BOX-S', grams: 120, maxUnits: 3 }] }));
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ expectedGrams: 2400, box: { code: null, grams: 200, by: 'default' } });
  });

  it('blocked on weight_mismatch, the packer repacks into the box scanned: the check runs again and the label is asked for', () => {
    const bench = verified(boxed(2215));
    bench.input({ type: 'label_requested' });
    expect(bench.state.block).toMatchObject({ reason: 'weight_mismatch', detail: '2500 g / 2215 g / −285 g' });
    bench.scan('BAG-01');
    expect(bench.types).toEqual(['pack.verdict', 'pack.block_cleared', 'pack.label_requested']);
    expect(bench.event('pack.block_cleared')).toMatchObject({ by: 'reweigh' });
    expect(bench.event('pack.label_requested')).toMatchObject({ box: { code: 'BAG-01', by: 'scan' }, weightCheck: 'passed' });
  });

  it('a box scan under another block is refused and changes nothing', () => {
    const bench = packing(boxed(null));
    bench.scan(CODES.unknownEan);
    bench.scan('BOX-S');
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'while_blocked', code: 'BOX-S' });
    expect(bench.state.order?.parcels[0]?.box).toBeUndefined();
  });

  it('a task with box types that cannot be is refused', async () => {
    const { isPackTask } = await import('../../../station/pack/index.js');
    expect(isPackTask(BOXED)).toBe(true);
    expect(isPackTask({ ...BOXED, boxes: [...BOXES, { code: 'box-s', grams: 1 }, { code: 'BOX-S', grams: 1 }] })).toBe(false);
    expect(isPackTask({ ...BOXED, boxes: [{ code: 'B', grams: -1 }] })).toBe(false);
    expect(isPackTask({ ...BOXED, boxes: Array.from({ length: 51 }, (_, i) => ({ code: `B${i}`, grams: 1 })) })).toBe(false);
  });
});

/** The sock order (one 80 g sock) in the pre-printed flow, with a 20 g bag for up to 2 units: 100 g, ±20 g. */
const SOCK_WEIGHED: PackTask = { ...SOCK_TASK, lines: SOCK_TASK.lines.map((line) => ({ ...line, unitWeightGrams: 80 })), boxes: [{ code: 'BAG-01', grams: 20, maxUnits: 2 }] };

function sealBench(grams: number): Bench {
  const bench = new Bench(preprinted({ tasks: indexTasks([SOCK_WEIGHED]), scale: { ready: true, grams } }));
  bench.scans('$PG:BADGE:P-001', 'YT9988776655');
  return bench;
}

describe('the weight check at the seal (verify-preprinted)', () => {
  it('within tolerance: sealed, with the weighing on the event', () => {
    const bench = sealBench(104);
    bench.scan(CODES.sockEan);
    expect(bench.types).toEqual(['pack.verdict', 'pack.order_verified', 'pack.sealed']);
    expect(bench.event('pack.sealed')).toMatchObject({ weightGrams: 104, expectedGrams: 100, box: { code: 'BAG-01', by: 'rule' }, weightCheck: 'passed', tolerance: { grams: 20, percent: 3 }, allowedGrams: 20 });
  });

  it('out of tolerance: weight_mismatch and no seal; reweighing within tolerance seals', () => {
    const bench = sealBench(180);
    bench.scan(CODES.sockEan);
    expect(bench.types).toEqual(['pack.verdict', 'pack.order_verified', 'pack.blocked']);
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'weight_mismatch', detail: '100 g / 180 g / +80 g', weightGrams: 180, expectedGrams: 100, tolerance: { grams: 20, percent: 3 }, allowedGrams: 20 });
    expect(bench.state.phase).toBe('verified');
    bench.with({ scale: { ready: true, grams: 150 } }).input({ type: 'reweighed' });
    expect(bench.types).toEqual(['pack.seal_refused']);
    expect(bench.event('pack.seal_refused').reason).toBe('blocked');
    expect(bench.state.block?.detail).toBe('100 g / 150 g / +50 g');
    bench.with({ scale: { ready: true, grams: 95 } }).input({ type: 'reweighed' });
    expect(bench.types).toEqual(['pack.block_cleared', 'pack.sealed']);
    expect(bench.event('pack.sealed')).toMatchObject({ weightGrams: 95, weightCheck: 'passed' });
    expect(bench.state.phase).toBe('sealed');
  });

  it('out of tolerance: a supervisor badge seals it as it is, logged as overridden', () => {
    const bench = sealBench(180);
    bench.scan(CODES.sockEan);
    bench.scan('$PG:SUP:S-01');
    expect(bench.types).toEqual(['pack.block_cleared', 'pack.sealed']);
    expect(bench.event('pack.block_cleared')).toMatchObject({ reason: 'weight_mismatch', by: 'supervisor', supervisor: 'S-01' });
    expect(bench.event('pack.sealed')).toMatchObject({ weightGrams: 180, weightCheck: 'overridden' });
  });
});
