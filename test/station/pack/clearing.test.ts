import { describe, expect, it } from 'vitest';
import { CLEARED_BY, PACK_BLOCK_REASONS, type PackBlockReason, type PackContext } from '../../../station/pack/index.js';
import { Bench, CODES, context, earbuds, packing } from './helpers.js';

/** How to bring a fresh TASK session into each unit-scope block: a context and a scan. */
const UNIT_BLOCKS: Record<Exclude<PackBlockReason, 'order_stopped' | 'weight_mismatch'>, { ctx?: Partial<PackContext>; scan: string }> = {
  wrong_item: { scan: CODES.sockEan },
  over_quantity: { scan: CODES.dressCase },
  unknown_barcode: { scan: CODES.unknownEan },
  unreadable: { scan: '4006381333932' },
  tracking_missing: { scan: CODES.earbudsGtin },
  frozen_stock: { ctx: { freezeList: { version: 9, entries: [{ sku: 'SOCK-01', exhausted: true }] } }, scan: CODES.sockEan },
  expired: { scan: earbuds('SN-1', { expiry: '261001' }) },
  duplicate_serial: { scan: earbuds('SN-DUP') },
  mapping_pending: { ctx: { pendingSkus: ['DRESS-2026-RED-M'] }, scan: CODES.dressEan },
};

function blocked(reason: keyof typeof UNIT_BLOCKS): Bench {
  const setup = UNIT_BLOCKS[reason];
  const bench = packing(context(setup.ctx));
  if (reason === 'over_quantity') bench.scan(CODES.dressCase);
  if (reason === 'duplicate_serial') bench.scan(earbuds('SN-DUP'));
  bench.scan(setup.scan);
  expect(bench.state.block?.reason).toBe(reason);
  return bench;
}

const unitReasons = Object.keys(UNIT_BLOCKS) as Array<keyof typeof UNIT_BLOCKS>;

describe('who clears which block', () => {
  it('the rule table: packer RESOLVE for what a packer can fix, a supervisor for the rest', () => {
    expect(CLEARED_BY).toEqual({
      wrong_item: 'resolve',
      over_quantity: 'resolve',
      unknown_barcode: 'resolve',
      unreadable: 'resolve',
      tracking_missing: 'resolve',
      frozen_stock: 'supervisor',
      expired: 'supervisor',
      duplicate_serial: 'supervisor',
      order_stopped: 'supervisor',
      mapping_pending: 'supervisor',
      weight_mismatch: 'supervisor',
    });
    expect(Object.keys(CLEARED_BY).sort()).toEqual([...PACK_BLOCK_REASONS].sort());
  });

  it.each(unitReasons)('%s: RESOLVE clears it only if a packer may; a supervisor badge always does', (reason) => {
    const bench = blocked(reason);
    bench.advance(4_000);
    bench.scan('$PG:RESOLVE');
    if (CLEARED_BY[reason] === 'resolve') {
      expect(bench.event('pack.block_cleared')).toMatchObject({ reason, scope: 'unit', by: 'resolve', supervisor: null, blockedMs: 4_000 });
      expect(bench.last.display).toMatchObject({ state: 'packing', notice: { key: 'notice.block_cleared' } });
      return;
    }
    expect(bench.event('pack.refused')).toMatchObject({ act: 'resolve', reason: 'needs_supervisor' });
    expect(bench.state.block?.reason).toBe(reason);
    bench.scan('$PG:SUP:S-01');
    expect(bench.event('pack.block_cleared')).toMatchObject({ reason, by: 'supervisor', supervisor: 'S-01', packer: 'P-001' });
    expect(bench.state.block).toBeNull();
  });

  it.each(unitReasons)('%s: while blocked, no product scan counts, and no rescan clears', (reason) => {
    const bench = blocked(reason);
    const counted = [...(bench.state.order?.counted ?? [])];
    for (const scan of [CODES.dressEan, earbuds('SN-NEW'), CODES.dressCase, CODES.sockEan, '4006381333932']) {
      bench.scan(scan);
      const verdict = bench.event('pack.verdict');
      expect(verdict.blocks).toBe(false);
      expect(['while_blocked', 'unreadable']).toContain(verdict.verdict);
    }
    expect(bench.state.order?.counted).toEqual(counted);
    expect(bench.state.block?.reason).toBe(reason);
  });

  it.each(unitReasons)('%s: CANCEL and ASIDE wait until the unit in hand is dealt with', (reason) => {
    const bench = blocked(reason);
    bench.scan('$PG:CANCEL');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'cancel', reason: 'clear_block_first' });
    bench.input({ type: 'aside', reason: 'damaged' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'aside', reason: 'clear_block_first' });
    bench.scan('$PG:ORDER:DY-5501');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'order', reason: 'blocked' });
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_refused').reason).toBe('blocked');
  });

  it('the display says what is wrong and what to do, by message key', () => {
    expect(blocked('wrong_item').last.display.block).toMatchObject({
      title: 'block.wrong_item',
      action: 'action.remove_and_resolve',
      params: { sku: 'SOCK-01', code: '05901234123457', detail: '' },
      clearBy: 'resolve',
    });
    expect(blocked('unreadable').last.display.block).toMatchObject({ action: 'action.unreadable', params: { code: 'BAD_CHECK_DIGIT' } });
    expect(blocked('tracking_missing').last.display.block?.action).toBe('action.tracking_missing');
    expect(blocked('expired').last.display).toMatchObject({ prompt: 'action.supervisor_unit', block: { params: { detail: '2026-10-01' } } });
  });

  it('after RESOLVE the same unit scanned again gets its verdict again; the right unit counts', () => {
    const bench = blocked('wrong_item');
    bench.scans('$PG:RESOLVE', CODES.sockEan);
    expect(bench.verdict).toBe('wrong_item');
    bench.scans('$PG:RESOLVE', CODES.dressEan);
    expect(bench.verdict).toBe('counted');
  });

  it('nothing to clear: RESOLVE and a supervisor badge are refused and logged', () => {
    const bench = packing();
    bench.scan('$PG:RESOLVE');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'resolve', reason: 'nothing_to_clear' });
    bench.scan('$PG:SUP:S-01');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'supervisor', reason: 'nothing_to_clear' });
  });

  it('a badge switch does not clear a block; a supervisor clears without a packer signed in', () => {
    const bench = blocked('expired');
    bench.scan('$PG:BADGE:P-002');
    expect(bench.state.block?.reason).toBe('expired');
    bench.input({ type: 'sign_out', reason: 'shift_end' });
    bench.scan('$PG:RESOLVE');
    expect(bench.event('pack.refused').reason).toBe('no_packer');
    bench.scan('$PG:SUP:S-02');
    expect(bench.event('pack.block_cleared')).toMatchObject({ by: 'supervisor', packer: null });
  });

  it('an unreadable scan while blocked is logged but does not replace the block', () => {
    const bench = blocked('expired');
    bench.scan('$PG:NOPE');
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'unreadable', code: 'UNKNOWN_CONTROL_CODE', blocks: false });
    expect(bench.state.block?.reason).toBe('expired');
  });
});
