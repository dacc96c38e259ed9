import { describe, expect, it } from 'vitest';
import { CODES, earbuds, packing, verified } from './helpers.js';

describe('verification and the label', () => {
  it('every line complete: verified once, the label may print', () => {
    const bench = packing();
    bench.scans(CODES.dressCase, CODES.dressEan, earbuds('SN-1'));
    expect(bench.state.phase).toBe('packing');
    bench.scan(earbuds('SN-2'));
    expect(bench.types).toEqual(['pack.verdict', 'pack.order_verified']);
    expect(bench.event('pack.order_verified').lines).toEqual([
      { masterSku: 'DRESS-2026-RED-M', quantity: 7, counted: 7 },
      { masterSku: 'BT-001', quantity: 2, counted: 2 },
    ]);
    expect(bench.last.display).toMatchObject({ state: 'verified', prompt: 'prompt.label_ready', label: { status: 'none', gate: null } });
    expect(bench.state.order?.verifiedAt).toBe(bench.ctx.now);
  });

  it('requested, printed, reprinted; the first print finishes the order, the next order label loads', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ reprint: false, stopListVersion: 1, freezeListVersion: 1, hubLastHeardAt: '2026-11-22T10:00:00.000Z' });
    expect(bench.last.display.prompt).toBe('prompt.label_printing');
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_requested', reason: 'label_in_progress' });
    bench.input({ type: 'label_printed' });
    expect(bench.event('pack.label_printed').reprint).toBe(false);
    expect(bench.last.display).toMatchObject({ state: 'printed', prompt: 'prompt.next_order', label: { status: 'printed', printed: 1 } });
    bench.scan('$PG:REPRINT');
    expect(bench.event('pack.label_requested').reprint).toBe(true);
    bench.input({ type: 'label_printed' });
    expect(bench.event('pack.label_printed').reprint).toBe(true);
    expect(bench.state.order?.parcels[0]?.label.printed).toBe(2);
    bench.scan('$PG:ORDER:DY-5501');
    expect(bench.event('pack.order_loaded').order?.taskId).toBe('T18');
  });

  it('a failed label: shown with the printer reason, REPRINT asks again', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_failed', reason: 'PAPER_OUT' });
    expect(bench.event('pack.label_failed')).toMatchObject({ reason: 'PAPER_OUT', reprint: false });
    expect(bench.last.display).toMatchObject({ state: 'verified', prompt: 'prompt.label_failed', notice: { key: 'notice.label_failed', params: { detail: 'PAPER_OUT' } } });
    bench.scan('$PG:REPRINT');
    expect(bench.event('pack.label_requested').reprint).toBe(false);
  });

  it('printer reports nobody asked for are refused and logged', () => {
    const bench = verified();
    bench.input({ type: 'label_printed' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_printed', reason: 'no_label_requested' });
    bench.input({ type: 'label_failed', reason: 'x' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_failed', reason: 'no_label_requested' });
    expect(bench.state.phase).toBe('verified');
  });

  it('a label asked for before verification is refused by the gate', () => {
    const bench = packing();
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_refused')).toMatchObject({ reason: 'not_verified', reprint: false });
    expect(bench.last.display.notice?.key).toBe('gate.not_verified');
  });

  it('a product scan after the label printed is judged against the printed order (a unit too many blocks)', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    bench.scan(CODES.dressEan);
    expect(bench.verdict).toBe('over_quantity');
  });
});
