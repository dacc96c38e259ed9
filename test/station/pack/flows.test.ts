import { describe, expect, it } from 'vitest';
import { display, packPolicy, scanInput, type StopList } from '../../../station/pack/index.js';
import { Bench, CODES, NOW, SOCK_TASK, context, preprinted } from './helpers.js';

const MIN = 60_000;
const STOPPED: StopList = { version: 2, entries: [{ taskId: 'T18', orderId: SOCK_TASK.orderId, reason: 'refund' }] };
const SOCK = { index: 1, waybill: 'YT9988776655' };

/** A packer signed in at a verify-preprinted station. */
function bench(overrides = {}): Bench {
  const b = new Bench(preprinted(overrides));
  b.scan('$PG:BADGE:P-001');
  return b;
}

describe('the verify-preprinted flow', () => {
  it('the waybill on the tote opens the order, every unit is verified, and the parcel is sealed: nothing is printed', () => {
    const b = bench();
    expect(b.last.display).toMatchObject({ flow: 'verify-preprinted', prompt: 'prompt.scan_waybill' });
    b.scan('YT9988776655');
    expect(b.event('pack.order_loaded')).toMatchObject({ ref: { type: 'waybill', id: 'YT9988776655' }, source: 'local', order: { taskId: 'T18' } });
    expect(b.state.order?.flow).toBe('verify-preprinted');
    b.scan(CODES.sockEan);
    expect(b.types).toEqual(['pack.verdict', 'pack.order_verified', 'pack.sealed']);
    expect(b.event('pack.sealed')).toMatchObject({ parcel: SOCK, parcels: 1, stopListVersion: 1, freezeListVersion: 1, hubLastHeardAt: new Date(NOW).toISOString() });
    expect(b.last.display).toMatchObject({ state: 'sealed', prompt: 'prompt.sealed', label: { status: 'none', printed: 0, gate: null } });
    expect(b.events.some((e) => e.type.startsWith('pack.label_'))).toBe(false);
    // The next waybill opens the next order.
    b.scan('SF1234567890');
    expect(b.event('pack.order_loaded').order?.taskId).toBe('T17');
  });

  it('a waybill the station does not hold is asked of the hub, and its answer loads', () => {
    const b = bench();
    b.scan('JT0001234567');
    expect(b.event('pack.order_requested').ref).toEqual({ type: 'waybill', id: 'JT0001234567' });
    b.input({ type: 'task_received', task: { ...SOCK_TASK, taskId: 'T99', waybill: 'JT0001234567' } });
    expect(b.event('pack.order_loaded')).toMatchObject({ ref: { type: 'waybill', id: 'JT0001234567' }, source: 'hub' });
  });

  it('reads numeric waybills too: a bad check digit or an unknown GTIN-like number without a symbology identifier', () => {
    const b = bench();
    b.scan('773012345678');
    expect(b.event('pack.order_requested').ref).toEqual({ type: 'waybill', id: '773012345678' });
    b.scan('$PG:CANCEL');
    b.scan('4006381333931');
    // A GTIN the mapping knows is a product, not a waybill (and there is no order to count it in).
    expect(b.verdict).toBe('no_order');
    b.scan('8712345678906');
    expect(b.event('pack.order_requested').ref).toEqual({ type: 'waybill', id: '8712345678906' });
    b.scan('$PG:CANCEL');
    // An EAN symbol (]E0) is a product whatever its number; GS1 data never is a waybill.
    b.scan(']E08712345678906');
    expect(b.verdict).toBe('no_order');
    b.scan(`]C101${CODES.earbudsGtin}21SN-1`);
    expect(b.verdict).toBe('no_order');
    // A code only a held task accepts is a product too.
    b.scan('INT-DRESS-M');
    expect(b.verdict).toBe('no_order');
  });

  it('reads an 18-digit number and a numeric waybill wrapped in whitespace as waybills, as before the decoder dropped whitespace around a GTIN', () => {
    const b = bench();
    // Its last digit is a valid SSCC check digit, but without (00) or ]C1 it is no SSCC: an order number or a waybill.
    b.scan('157035381410375177');
    expect(b.event('pack.order_requested').ref).toEqual({ type: 'waybill', id: '157035381410375177' });
    for (const wrapped of [' 773012345678 ', ' 8712345678906 ', '\t8712345678906\t']) {
      b.scan('$PG:CANCEL');
      b.scan(wrapped);
      expect(b.event('pack.order_requested').ref).toEqual({ type: 'waybill', id: wrapped.trim() });
    }
    b.scan('$PG:CANCEL');
    // A known GTIN stays a product with whitespace around it.
    b.scan(` ${CODES.dressEan}\t`);
    expect(b.verdict).toBe('no_order');
  });

  it('while an order is packed, another held order\'s waybill is refused and anything else is judged as a unit', () => {
    const b = bench();
    b.scan('SF1234567890');
    b.scan('YT9988776655');
    expect(b.event('pack.refused')).toMatchObject({ act: 'order', reason: 'order_in_progress' });
    expect(b.state.block).toBeNull();
    b.scan('JT0001234567');
    expect(b.verdict).toBe('unknown_barcode');
  });

  it('in print-after-verify, a waybill-like scan without an order stays an unjudged product scan', () => {
    const b = new Bench(context());
    b.scans('$PG:BADGE:P-001', 'JT0001234567');
    expect(b.verdict).toBe('no_order');
    expect(b.last.display.prompt).toBe('prompt.scan_order');
  });

  it('the label is pre-printed: a label request is refused; REPRINT replaces it once sealed, through the gate, naming the parcel', () => {
    const b = bench();
    b.scans('YT9988776655', CODES.sockEan);
    b.input({ type: 'label_requested' });
    expect(b.event('pack.refused')).toMatchObject({ act: 'label_requested', reason: 'label_preprinted' });
    b.scan('$PG:REPRINT');
    expect(b.event('pack.label_requested')).toMatchObject({ reprint: true, parcel: SOCK });
    expect(b.last.display.prompt).toBe('prompt.label_printing');
    b.input({ type: 'label_printed' });
    expect(b.event('pack.label_printed')).toMatchObject({ reprint: true, parcel: SOCK });
    expect(b.state.phase).toBe('sealed');
    b.with({ stopList: STOPPED }).scan('$PG:REPRINT');
    expect(b.types).toEqual(['pack.blocked', 'pack.label_refused']);
  });

  it('a sealed order is not put aside; it may be cancelled', () => {
    const b = bench();
    b.scans('YT9988776655', CODES.sockEan, '$PG:ASIDE');
    expect(b.event('pack.refused').reason).toBe('already_sealed');
    b.scan('$PG:CANCEL');
    expect(b.event('pack.order_cancelled')).toMatchObject({ lines: [{ masterSku: 'SOCK-01', quantity: 1, counted: 1 }] });
  });

  it('an order loaded keeps its flow when the station\'s changes', () => {
    const b = bench();
    b.scan('SF1234567890');
    b.with({ policy: packPolicy() });
    expect(display(b.state, b.ctx).flow).toBe('verify-preprinted');
    b.scan('$PG:CANCEL');
    expect(display(b.state, b.ctx).flow).toBe('print-after-verify');
  });
});

describe('the seal gate', () => {
  it('a stop that arrives after the label was printed, while the order is packed, refuses the seal with the reason', () => {
    const b = bench();
    b.scan('SF1234567890');
    b.scan(CODES.dressEan);
    b.with({ stopList: { version: 3, entries: [{ taskId: 'T17', reason: 'refund' }] } }).input({ type: 'lists_updated' });
    expect(b.types).toEqual(['pack.blocked', 'pack.seal_refused']);
    expect(b.event('pack.seal_refused').reason).toBe('order_stopped');
    expect(b.last.display).toMatchObject({ state: 'blocked', block: { reason: 'order_stopped' }, notice: { key: 'seal.order_stopped' } });
    // Recorded once per reason.
    b.input({ type: 'tick' });
    expect(b.types).toEqual([]);
  });

  it('a freeze that arrives while a verified order waits for the hub refuses its seal; it seals once lifted, cleared and the hub heard', () => {
    const b = bench();
    b.scan('YT9988776655');
    b.advance(6 * MIN, false);
    b.scan(CODES.sockEan);
    expect(b.types).toEqual(['pack.verdict', 'pack.order_verified', 'pack.seal_refused']);
    expect(b.event('pack.seal_refused').reason).toBe('hub_silent');
    expect(b.last.display).toMatchObject({ state: 'verified', prompt: 'prompt.seal_blocked', label: { gate: 'hub_silent' }, notice: { key: 'seal.hub_silent' } });
    b.input({ type: 'tick' });
    expect(b.types).toEqual([]);
    b.with({ freezeList: { version: 7, entries: [{ sku: 'SOCK-01', exhausted: true }] } }).input({ type: 'lists_updated' });
    expect(b.types).toEqual(['pack.blocked', 'pack.seal_refused']);
    expect(b.event('pack.seal_refused').reason).toBe('frozen_stock');
    b.with({ freezeList: { version: 8, entries: [] } }).input({ type: 'lists_updated' });
    expect(b.types).toEqual(['pack.hold_lifted']);
    b.scan('$PG:SUP:S-01');
    expect(b.types).toEqual(['pack.block_cleared', 'pack.seal_refused']);
    expect(b.event('pack.seal_refused').reason).toBe('hub_silent');
    b.advance(1_000, true);
    b.input({ type: 'tick' });
    expect(b.types).toEqual(['pack.sealed']);
    expect(b.event('pack.sealed')).toMatchObject({ freezeListVersion: 8 });
  });

  it('no stop or freeze list yet, or hub never heard: refused with that reason', () => {
    const noLists = bench({ stopList: null });
    noLists.scans('YT9988776655', CODES.sockEan);
    expect(noLists.event('pack.seal_refused').reason).toBe('no_stop_list');
    const never = bench({ link: { lastHeardAt: null } });
    never.scans('YT9988776655', CODES.sockEan);
    expect(never.event('pack.seal_refused').reason).toBe('hub_silent');
  });

  it('not verified: nothing is sealed until every unit is scanned and matched', () => {
    const b = bench();
    b.scans('SF1234567890', CODES.dressCase, CODES.dressEan, `]C101${CODES.earbudsGtin}21SN-1`);
    b.input({ type: 'tick' });
    expect(b.state.phase).toBe('packing');
    expect(b.events.some((e) => e.type === 'pack.sealed' || e.type === 'pack.seal_refused')).toBe(false);
    b.input(scanInput(`]C101${CODES.earbudsGtin}21SN-2`, b.ctx.now));
    expect(b.types).toEqual(['pack.verdict', 'pack.order_verified', 'pack.sealed']);
  });
});
