import { describe, expect, it } from 'vitest';
import type { FreezeList, StopList } from '../../../station/pack/index.js';
import { CODES, context, earbuds, packing, verified } from './helpers.js';

const STOPPED: StopList = { version: 2, entries: [{ taskId: 'T17', orderId: 'taobao:880001', reason: 'refund' }] };
const NO_STOPS: StopList = { version: 3, entries: [] };

describe('a stop or freeze arriving mid-pack', () => {
  it('a stop for the task blocks at once (lists_updated), order scope, supervisor-only', () => {
    const bench = packing();
    bench.scan(CODES.dressCase);
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    expect(bench.event('pack.blocked')).toMatchObject({
      reason: 'order_stopped',
      scope: 'order',
      clearBy: 'supervisor',
      cause: 'stop_list',
      detail: 'refund',
      stopListVersion: 2,
      freezeListVersion: 1,
    });
    expect(bench.last.display).toMatchObject({ state: 'blocked', prompt: 'action.order_hold', block: { title: 'block.order_stopped', lifted: false } });
    expect(bench.state.order?.counted).toEqual([6, 0]);
  });

  it('a stop naming only the order (not the task id) holds too, and even a tick applies it', () => {
    const bench = packing();
    bench.with({ stopList: { version: 5, entries: [{ taskId: 'T-OLD', orderId: 'taobao:880001', reason: 'address-change' }] } });
    bench.input({ type: 'tick' });
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'order_stopped', detail: 'address-change' });
  });

  it('a stop for another task changes nothing', () => {
    const bench = packing();
    bench.with({ stopList: { version: 2, entries: [{ taskId: 'T18', orderId: 'douyin:DY-5501', reason: 'cancel' }] } });
    bench.input({ type: 'lists_updated' });
    expect(bench.last.events).toEqual([]);
  });

  it('while held: the supervisor is refused, CANCEL is the way out; the block is logged once', () => {
    const bench = packing();
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    bench.input({ type: 'lists_updated' });
    expect(bench.last.events).toEqual([]);
    bench.scan('$PG:SUP:S-01');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'supervisor', reason: 'still_held' });
    bench.scan('$PG:RESOLVE');
    expect(bench.event('pack.refused').reason).toBe('needs_supervisor');
    bench.scan('$PG:CANCEL');
    expect(bench.event('pack.order_cancelled')).toMatchObject({ block: 'order_stopped' });
    expect(bench.state).toMatchObject({ phase: 'idle', block: null, order: null });
  });

  it('ASIDE is allowed under an order hold', () => {
    const bench = packing();
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    bench.input({ type: 'aside', reason: 'other' });
    expect(bench.event('pack.order_aside')).toMatchObject({ reason: 'other', block: 'order_stopped' });
  });

  it('lifted at the hub: logged, shown, and still waits for a supervisor; then packing goes on with its counts', () => {
    const bench = packing();
    bench.scan(CODES.dressEan);
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    bench.with({ stopList: NO_STOPS }).input({ type: 'lists_updated' });
    expect(bench.event('pack.hold_lifted')).toMatchObject({ reason: 'order_stopped', stopListVersion: 3 });
    expect(bench.last.display).toMatchObject({ state: 'blocked', prompt: 'action.hold_lifted', block: { lifted: true } });
    bench.scan(CODES.dressEan);
    expect(bench.verdict).toBe('while_blocked');
    bench.scan('$PG:SUP:S-01');
    expect(bench.event('pack.block_cleared')).toMatchObject({ reason: 'order_stopped', scope: 'order', supervisor: 'S-01' });
    bench.scan(CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', line: { counted: 2 } });
  });

  it('stopped again after a lift: blocked again', () => {
    const bench = packing();
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    bench.with({ stopList: NO_STOPS }).input({ type: 'lists_updated' });
    bench.with({ stopList: { ...STOPPED, version: 4 } }).input({ type: 'lists_updated' });
    expect(bench.event('pack.blocked')).toMatchObject({ stopListVersion: 4 });
    expect(bench.state.block?.lifted).toBe(false);
  });

  it('an order hold replaces a unit block', () => {
    const bench = packing();
    bench.scan(CODES.sockEan);
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    expect(bench.state.block).toMatchObject({ reason: 'order_stopped', scope: 'order' });
  });

  it('a freeze of a whole SKU on one of the lines holds the order', () => {
    const bench = packing();
    const freezes: FreezeList = { version: 7, entries: [{ sku: 'BT-001', exhausted: true }] };
    bench.with({ freezeList: freezes }).input({ type: 'lists_updated' });
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'frozen_stock', scope: 'order', cause: 'freeze_list', sku: 'BT-001', freezeListVersion: 7 });
  });

  it('a freeze that leaves units free holds nothing; once the hub says it is exhausted, it holds the order', () => {
    const bench = packing();
    bench.scan(CODES.dressEan);
    bench.with({ freezeList: { version: 7, entries: [{ sku: 'DRESS-2026-RED-M', quantity: 1, exhausted: false }] } }).input({ type: 'lists_updated' });
    expect(bench.last.events).toEqual([]);
    expect(bench.state.block).toBeNull();
    bench.with({ freezeList: { version: 8, entries: [{ sku: 'DRESS-2026-RED-M', quantity: 1, exhausted: true }] } }).input({ type: 'lists_updated' });
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'frozen_stock', scope: 'order', sku: 'DRESS-2026-RED-M', detail: null, freezeListVersion: 8 });
  });

  it('an entry without `exhausted` (from a hub before the field) holds nothing', () => {
    const bench = packing();
    bench.scan(CODES.dressEan);
    bench.with({ freezeList: { version: 7, entries: [{ sku: 'DRESS-2026-RED-M', quantity: 1 }] } }).input({ type: 'lists_updated' });
    expect(bench.last.events).toEqual([]);
    expect(bench.state.block).toBeNull();
  });

  it('a batch freeze holds the order only if a counted unit is of that batch', () => {
    const bench = packing();
    bench.scan(earbuds('SN-1', { lot: 'L41' }));
    bench.with({ freezeList: { version: 2, entries: [{ sku: 'BT-001', batch: 'L42', exhausted: true }] } }).input({ type: 'lists_updated' });
    expect(bench.last.events).toEqual([]);
    bench.with({ freezeList: { version: 3, entries: [{ sku: 'BT-001', batch: 'L41', exhausted: true }] } }).input({ type: 'lists_updated' });
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'frozen_stock', scope: 'order', detail: 'L41' });
  });

  it('a stop after verification blocks the label; a stop after printing blocks the station (pull the parcel)', () => {
    const bench = verified();
    bench.with({ stopList: STOPPED }).input({ type: 'label_requested' });
    expect(bench.types).toEqual(['pack.blocked', 'pack.label_refused']);
    expect(bench.event('pack.label_refused').reason).toBe('blocked');

    const printed = verified();
    printed.input({ type: 'label_requested' });
    printed.input({ type: 'label_printed' });
    printed.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    expect(printed.last.display.state).toBe('blocked');
    printed.scan('$PG:ORDER:DY-5501');
    expect(printed.event('pack.refused').reason).toBe('blocked');
    printed.scan('$PG:CANCEL');
    expect(printed.event('pack.order_cancelled').label).toBe('printed');
  });

  it('loading an order that is already stopped blocks at once', () => {
    const bench = packing(context({ stopList: STOPPED }));
    expect(bench.types).toEqual(['pack.order_loaded', 'pack.blocked']);
    expect(bench.last.display.state).toBe('blocked');
  });
});
