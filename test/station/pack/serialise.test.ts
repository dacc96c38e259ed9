import { describe, expect, it } from 'vitest';
import { restoreSession, scanInput, step, type PackContext, type PackInput, type PackSession } from '../../../station/pack/index.js';
import { Bench, CODES, STATION, context, earbuds, packedInTwo, preprinted, verified } from './helpers.js';

const roundTrip = (s: PackSession): unknown => JSON.parse(JSON.stringify(s));

/** A shift's worth of inputs touching every part of the session, with the context of each. */
function script(): Array<[PackInput | ((now: number) => PackInput), Partial<PackContext>?]> {
  const scan = (text: string) => (now: number) => scanInput(text, now);
  const stopped = { stopList: { version: 2, entries: [{ taskId: 'T17', reason: 'refund' }] } };
  return [
    [scan('$PG:BADGE:P-001')],
    [scan('$PG:ORDER:880001')],
    [scan(CODES.dressCase)],
    [scan(CODES.sockEan)],
    [scan(CODES.dressEan)],
    [scan('$PG:RESOLVE')],
    [scan(earbuds('SN-1', { lot: 'L1', expiry: '271231' }))],
    [{ type: 'lists_updated' }, stopped],
    [scan('$PG:SUP:S-01'), stopped],
    [{ type: 'lists_updated' }, { stopList: { version: 3, entries: [] } }],
    [scan('$PG:SUP:S-01')],
    [scan(earbuds('SN-1'))],
    [scan('$PG:SUP:S-01')],
    [scan(CODES.dressEan)],
    [scan(earbuds('SN-2'))],
    [{ type: 'label_requested' }],
    [{ type: 'label_failed', reason: 'JAM' }],
    [scan('$PG:REPRINT')],
    [{ type: 'label_printed' }],
    [scan('$PG:TASK:T404')],
    [{ type: 'tick' }, { now: context().now + 11_000, link: { lastHeardAt: context().now + 11_000 } }],
    [scan('$PG:BADGE:P-002')],
    [scan('$PG:ORDER:DY-5501')],
    [{ type: 'sign_out', reason: 'shift_end' }],
  ];
}

/** Two parcels packed and sealed in the verify-preprinted flow, with a refused seal and a reprint on the way. */
function preprintedScript(): Array<[PackInput | ((now: number) => PackInput), Partial<PackContext>?]> {
  const scan = (text: string) => (now: number) => scanInput(text, now);
  const silent = { link: { lastHeardAt: null } };
  return [
    [scan('$PG:BADGE:P-001')],
    [scan('YT3000000002')],
    [scan(CODES.dressEan)],
    [scan('$PG:PARCEL')],
    [scan(CODES.dressEan)],
    [scan(CODES.sockEan), silent],
    [{ type: 'tick' }, { link: { lastHeardAt: context().now } }],
    [scan('YT3000000001')],
    [scan('$PG:REPRINT')],
    [{ type: 'label_failed', reason: 'JAM', parcel: 1 }],
    [scan('$PG:REPRINT')],
    [{ type: 'label_printed', parcel: 1 }],
    [scan('SF1234567890')],
  ];
}

/** Runs a script on a session never saved and on one saved and restored before every input; both must agree. */
function replay(steps: ReturnType<typeof script>, start: PackContext): PackSession {
  let live = new Bench().state;
  let restored = new Bench().state;
  let ctx = start;
  for (const [input, overrides] of steps) {
    ctx = { ...ctx, ...overrides };
    const concrete = typeof input === 'function' ? input(ctx.now) : input;
    const fromDisk = restoreSession(roundTrip(restored), STATION);
    expect(fromDisk).toEqual(restored);
    if (!fromDisk) break;
    const a = step(live, concrete, ctx);
    const b = step(fromDisk, concrete, ctx);
    expect(b).toEqual(a);
    live = a.state;
    restored = b.state;
  }
  return live;
}

describe('serialisation: the state is plain JSON, restored exactly', () => {
  it('a multi-parcel order of the verify-preprinted flow, saved and restored after every input, behaves as one never saved', () => {
    const live = replay(preprintedScript(), preprinted());
    expect(live).toMatchObject({ phase: 'packing', order: { task: { taskId: 'T17' }, flow: 'verify-preprinted' } });
  });

  it('a session saved and restored after every input behaves exactly like one never saved', () => {
    let live = new Bench().state;
    let restored = new Bench().state;
    let ctx = context();
    for (const [input, overrides] of script()) {
      ctx = { ...ctx, ...overrides };
      const concrete = typeof input === 'function' ? input(ctx.now) : input;
      const fromDisk = restoreSession(roundTrip(restored), STATION);
      expect(fromDisk).toEqual(restored);
      if (!fromDisk) return;
      const a = step(live, concrete, ctx);
      const b = step(fromDisk, concrete, ctx);
      expect(b).toEqual(a);
      live = a.state;
      restored = b.state;
    }
    expect(live).toMatchObject({ packer: null, phase: 'packing', order: { task: { taskId: 'T18' } }, shippedSerials: [`${CODES.earbudsGtin}/SN-1`, `${CODES.earbudsGtin}/SN-2`] });
  });

  it('holds nothing JSON would lose: no undefined, no Date, no Map, no non-finite number', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    const text = JSON.stringify(bench.state);
    expect(JSON.parse(text)).toStrictEqual(bench.state);
  });

  it('same session, same counts after a restore mid-order; the label gate answers the same', () => {
    const bench = verified();
    const restored = restoreSession(roundTrip(bench.state), STATION);
    expect(restored?.order?.counted).toEqual([7, 2]);
    const before = step(bench.state, { type: 'label_requested' }, bench.ctx);
    const after = step(restored ?? bench.state, { type: 'label_requested' }, bench.ctx);
    expect(after).toEqual(before);
  });
});

describe('restoreSession refuses what it cannot trust', () => {
  const good = (): Record<string, unknown> => roundTrip(verified().state) as Record<string, unknown>;
  const order = (s: Record<string, unknown>) => s.order as Record<string, unknown>;
  const parcel = (s: Record<string, unknown>) => (order(s).parcels as Array<Record<string, unknown>>)[0];

  it.each<[string, (s: Record<string, unknown>) => unknown]>([
    ['not an object', () => 'x'],
    ['another station', (s) => ({ ...s, station: 'ST-08' })],
    ['another version', (s) => ({ ...s, v: 3 })],
    ['an unknown phase', (s) => ({ ...s, phase: 'shipping' })],
    ['an order without a phase that has one', (s) => ({ ...s, phase: 'idle' })],
    ['a wait without the waiting phase', (s) => ({ ...s, awaiting: { ref: { type: 'order', id: '1' }, since: 0 } })],
    ['counts for fewer lines than the task', (s) => ({ ...s, order: { ...order(s), counted: [7] } })],
    ['a negative count', (s) => ({ ...s, order: { ...order(s), counted: [-1, 2] } })],
    ['a unit on a line that does not exist', (s) => ({ ...s, order: { ...order(s), units: [{ line: 5, units: 1, code: 'x', batch: null, serial: null, expiry: null }] } })],
    ['a verification time that is not a time', (s) => ({ ...s, order: { ...order(s), verifiedAt: '2026-11-22' } })],
    ['a malformed task', (s) => ({ ...s, order: { ...order(s), task: { taskId: 'T17' } } })],
    ['a block cleared by the wrong person', (s) => ({ ...s, block: { reason: 'expired', scope: 'unit', clearBy: 'resolve', since: 0, sku: null, code: null, detail: null, lifted: false } })],
    ['a block without an order', (s) => ({ ...s, phase: 'idle', order: null, block: { reason: 'wrong_item', scope: 'unit', clearBy: 'resolve', since: 0, sku: null, code: null, detail: null, lifted: false } })],
    ['an unknown message key', (s) => ({ ...s, notice: { key: 'notice.nope', params: {} } })],
    ['serials that are not strings', (s) => ({ ...s, shippedSerials: [1] })],
    ['a unit in a parcel the order does not have', (s) => ({ ...s, order: { ...order(s), units: [{ ...(order(s).units as object[])[0], parcel: 2 }] } })],
    ['a current parcel the order does not have', (s) => ({ ...s, order: { ...order(s), parcel: 2 } })],
    ['parcels that are not the task\'s', (s) => ({ ...s, order: { ...order(s), parcels: [] } })],
    ['a parcel with another waybill', (s) => ({ ...s, order: { ...order(s), parcels: [{ ...parcel(s), waybill: 'X' }] } })],
    ['an unknown flow', (s) => ({ ...s, order: { ...order(s), flow: 'print-later' } })],
    ['a seal refused for no gate reason', (s) => ({ ...s, order: { ...order(s), sealRefused: 'tired' } })],
    ['sealed without a seal', (s) => ({ ...s, phase: 'sealed' })],
    ['printed without a printed label', (s) => ({ ...s, phase: 'printed' })],
    ['a seal in the print-after-verify flow', (s) => ({ ...s, order: { ...order(s), parcels: [{ ...parcel(s), sealedAt: 1 }] } })],
    ['a put-aside menu that is not `true`', (s) => ({ ...s, asideMenu: false })],
    ['a put-aside menu without an order', (s) => ({ ...s, phase: 'idle', order: null, asideMenu: true })],
  ])('%s', (_, corrupt) => {
    expect(restoreSession(corrupt(good()), STATION)).toBeNull();
  });

  it('upgrades a version 1 session (before parcels): its order is one parcel of print-after-verify, its label that parcel\'s', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    const v2 = roundTrip(bench.state) as Record<string, unknown>;
    const { flow: _flow, parcel: _parcel, parcels, sealRefused: _sealRefused, ...rest } = order(v2);
    const v1 = {
      ...v2,
      v: 1,
      order: {
        ...rest,
        units: (rest.units as Array<Record<string, unknown>>).map(({ parcel: _p, ...unit }) => unit),
        label: (parcels as Array<{ label: unknown }>)[0]?.label,
      },
    };
    expect(restoreSession(v1, STATION)).toEqual({ ...bench.state, order: { ...bench.state.order, parcels: [{ ...bench.state.order?.parcels[0], closedAt: bench.state.order?.verifiedAt }] } });
    expect(restoreSession({ ...v1, order: { ...v1.order, label: { status: 'lost' } } }, STATION)).toBeNull();
  });

  it('accepts a fresh session and one blocked by an order hold', () => {
    expect(restoreSession(roundTrip(new Bench().state), STATION)).toEqual(new Bench().state);
    const bench = verified();
    bench.with({ stopList: { version: 2, entries: [{ taskId: 'T17', reason: 'refund' }] } }).input({ type: 'lists_updated' });
    expect(restoreSession(roundTrip(bench.state), STATION)).toEqual(bench.state);
  });

  it('accepts an order with its put-aside menu open', () => {
    const bench = verified();
    bench.scan('$PG:ASIDE');
    expect(bench.state.asideMenu).toBe(true);
    expect(restoreSession(roundTrip(bench.state), STATION)).toEqual(bench.state);
  });

  it('accepts an order half printed in two parcels', () => {
    const bench = packedInTwo();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    bench.input({ type: 'label_requested' });
    expect(restoreSession(roundTrip(bench.state), STATION)).toEqual(bench.state);
    const twice = roundTrip(bench.state) as Record<string, unknown>;
    const parcels = (twice.order as { parcels: Array<{ label: { status: string } }> }).parcels;
    parcels[0]!.label.status = 'requested';
    expect(restoreSession(twice, STATION)).toBeNull();
  });
});
