import { describe, expect, it } from 'vitest';
import { createSession, mayPrintLabel, mayRelease, packPolicy, type PackSession } from '../../../station/pack/index.js';
import { Bench, CODES, NOW, STATION, context, packedInTwo, packing, preprinted, verified } from './helpers.js';

const MIN = 60_000;
const ctx = context();
const gate = (s: PackSession, overrides: Partial<typeof ctx> = {}) => {
  const c = { ...ctx, ...overrides };
  return mayPrintLabel(s, c.stopList, c.freezeList, c.link, c.policy, c.now, c.warehouse, c.scale);
};

describe('mayPrintLabel (invariant 1)', () => {
  it('allows a verified order of a signed-in packer, lists held and the hub heard', () => {
    expect(gate(verified().state)).toEqual({ ok: true });
  });

  it('refuses without an order, a packer, verification, or while blocked', () => {
    expect(gate(createSession(STATION))).toEqual({ ok: false, reason: 'no_order' });
    expect(gate(packing().state)).toEqual({ ok: false, reason: 'not_verified' });
    const signedOut = verified();
    signedOut.input({ type: 'sign_out', reason: 'screen' });
    expect(gate(signedOut.state)).toEqual({ ok: false, reason: 'no_packer' });
    const blocked = verified();
    blocked.scan('8712345678906');
    expect(gate(blocked.state)).toEqual({ ok: false, reason: 'blocked' });
  });

  it('recounts from the units recorded: a state whose counts do not add up is refused', () => {
    const s = verified().state;
    const order = s.order;
    if (!order) throw new Error('no order');
    expect(gate({ ...s, order: { ...order, units: order.units.slice(1) } })).toEqual({ ok: false, reason: 'counts_mismatch' });
    expect(gate({ ...s, order: { ...order, counted: [7, 1] } })).toEqual({ ok: false, reason: 'counts_mismatch' });
    expect(gate({ ...s, order: { ...order, counted: [7] } })).toEqual({ ok: false, reason: 'counts_mismatch' });
    const forged = { ...s, phase: 'verified' as const, order: { ...order, counted: [7, 2], units: [{ ...order.units[0]!, units: 9, line: 0 }] } };
    expect(gate(forged)).toEqual({ ok: false, reason: 'counts_mismatch' });
  });

  it('where the site requires weighing: refuses without a working scale, then until it shows a steady weight', () => {
    const s = verified().state;
    const weighing = packPolicy({ requireWeighing: true });
    expect(gate(s, { policy: weighing })).toEqual({ ok: false, reason: 'scale_not_ready' });
    expect(gate(s, { policy: weighing, scale: { ready: false, grams: 1200 } })).toEqual({ ok: false, reason: 'scale_not_ready' });
    expect(gate(s, { policy: weighing, scale: { ready: true, grams: null } })).toEqual({ ok: false, reason: 'awaiting_weight' });
    expect(gate(s, { policy: weighing, scale: { ready: true, grams: 1200 } })).toEqual({ ok: true });
    // Not required: a station without a scale, or with one showing nothing, prints.
    expect(gate(s, { scale: { ready: false, grams: null } })).toEqual({ ok: true });
    expect(() => packPolicy({ requireWeighing: 'yes' as unknown as boolean })).toThrow(expect.objectContaining({ code: 'PACK_BAD_POLICY' }));
  });

  it('refuses until the station holds a stop list and a freeze list', () => {
    const s = verified().state;
    expect(gate(s, { stopList: null })).toEqual({ ok: false, reason: 'no_stop_list' });
    expect(gate(s, { freezeList: null })).toEqual({ ok: false, reason: 'no_freeze_list' });
  });

  it('refuses an order the newest lists hold, even before the session has been told', () => {
    const s = verified().state;
    expect(gate(s, { stopList: { version: 9, entries: [{ taskId: 'T17', reason: 'fraud' }] } })).toEqual({ ok: false, reason: 'order_stopped' });
    expect(gate(s, { stopList: { version: 9, entries: [{ taskId: 'X', orderId: 'taobao:880001', reason: 'cancel' }] } })).toEqual({
      ok: false,
      reason: 'order_stopped',
    });
    expect(gate(s, { freezeList: { version: 9, entries: [{ sku: 'DRESS-2026-RED-M', exhausted: true }] } })).toEqual({ ok: false, reason: 'frozen_stock' });
    expect(gate(s, { freezeList: { version: 9, entries: [{ sku: 'DRESS-2026-RED-M', quantity: 1, exhausted: false }] } })).toEqual({ ok: true });
    expect(gate(s, { warehouse: 'SH-01', freezeList: { version: 9, entries: [{ sku: 'DRESS-2026-RED-M', warehouse: 'BJ-02', exhausted: true }] } })).toEqual({ ok: true });
  });

  it('refuses after 5 minutes of hub silence, before the hub was ever heard, and for a last-heard time in the future', () => {
    const s = verified().state;
    expect(gate(s, { now: NOW + 5 * MIN })).toEqual({ ok: true });
    expect(gate(s, { now: NOW + 5 * MIN + 1 })).toEqual({ ok: false, reason: 'hub_silent' });
    expect(gate(s, { link: { lastHeardAt: null } })).toEqual({ ok: false, reason: 'hub_silent' });
    expect(gate(s, { now: NOW - 1 })).toEqual({ ok: false, reason: 'hub_silent' });
    expect(gate(s, { now: Number.NaN })).toEqual({ ok: false, reason: 'hub_silent' });
  });

  it('the silence allowed is the policy', () => {
    const s = verified().state;
    const policy = packPolicy({ hubSilenceMs: MIN });
    expect(gate(s, { policy, now: NOW + MIN })).toEqual({ ok: true });
    expect(gate(s, { policy, now: NOW + MIN + 1 })).toEqual({ ok: false, reason: 'hub_silent' });
  });

  it('the session applies the gate to every request: silent hub refused, heard again allowed', () => {
    const bench = verified();
    bench.advance(6 * MIN, false);
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_refused')).toMatchObject({ reason: 'hub_silent' });
    expect(bench.last.display).toMatchObject({ prompt: 'prompt.label_blocked', label: { gate: 'hub_silent' }, notice: { key: 'gate.hub_silent' } });
    bench.advance(1_000, true);
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested').hubLastHeardAt).toBe(new Date(bench.ctx.now).toISOString());
  });

  it('is the release gate: the same for a seal, and mayPrintLabel is its old name', () => {
    expect(mayPrintLabel).toBe(mayRelease);
    const sealed = new Bench(preprinted());
    sealed.scans('$PG:BADGE:P-001', 'YT9988776655', CODES.sockEan);
    expect(sealed.state.phase).toBe('sealed');
    expect(gate(sealed.state)).toEqual({ ok: true });
    expect(gate(sealed.state, { stopList: { version: 9, entries: [{ taskId: 'T18', reason: 'refund' }] } })).toEqual({ ok: false, reason: 'order_stopped' });
  });

  it('every parcel of the order holds a unit, and each unit is in a parcel of the order', () => {
    const s = packedInTwo().state;
    const order = s.order;
    if (!order) throw new Error('no order');
    expect(gate(s)).toEqual({ ok: true });
    expect(gate({ ...s, order: { ...order, units: order.units.map((unit) => ({ ...unit, parcel: 2 })) } })).toEqual({ ok: false, reason: 'parcel_empty' });
    expect(gate({ ...s, order: { ...order, units: order.units.map((unit) => ({ ...unit, parcel: 3 })) } })).toEqual({ ok: false, reason: 'counts_mismatch' });
  });

  it('a reprint passes the same gate', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    bench.with({ freezeList: { version: 5, entries: [{ sku: 'BT-001', exhausted: true }] } });
    bench.scan('$PG:REPRINT');
    expect(bench.types).toEqual(['pack.blocked', 'pack.label_refused']);
  });
});
