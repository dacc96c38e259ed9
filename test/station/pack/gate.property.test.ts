import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../../station/barcode/index.js';
import { PackEventSchemas } from '../../../protocol/pack-events.js';
import {
  indexTasks,
  isReleased,
  labelStatus,
  mayRelease,
  packPolicy,
  restoreSession,
  unitsIn,
  type FreezeList,
  type PackContext,
  type PackEvent,
  type PackInput,
  type PackTask,
  type StopList,
} from '../../../station/pack/index.js';
import { Bench, CODES, SOCK_TASK, STATION, TASK, TWO_PARCELS, context, earbuds } from './helpers.js';
import { seededRandom } from '../../../common/random.js';

/**
 * Invariant 1 from every side: random sequences of scans, hub answers, list changes, clock
 * jumps, hub silence and printer reports, in both flows and with an order of two parcels. A label
 * request or a seal is let through only when an oracle that does not use the session's own
 * bookkeeping agrees every condition holds.
 */

const SEED = Number(process.env.PACKGATE_FUZZ_SEED ?? 20261122);
const SEQUENCES = Number(process.env.PACKGATE_PACK_SEQUENCES ?? 200);
const STEPS = 80;
const MIN = 60_000;

const TASKS: Record<string, PackTask> = { T17: TASK, T18: SOCK_TASK, T30: TWO_PARCELS };
const ALL_TASKS = [TASK, SOCK_TASK, TWO_PARCELS];
const STOP_LISTS: Array<StopList | null> = [
  null,
  { version: 1, entries: [] },
  { version: 2, entries: [{ taskId: 'T17', orderId: TASK.orderId, reason: 'refund' }] },
  { version: 3, entries: [{ taskId: 'T-OLD', orderId: TASK.orderId, reason: 'cancel' }] },
  { version: 4, entries: [{ taskId: 'T18', orderId: SOCK_TASK.orderId, reason: 'fraud' }] },
];
const FREEZE_LISTS: Array<FreezeList | null> = [
  null,
  { version: 1, entries: [] },
  { version: 2, entries: [{ sku: 'DRESS-2026-RED-M', exhausted: true }] },
  { version: 3, entries: [{ sku: 'BT-001', batch: 'L42', exhausted: true }] },
  { version: 4, entries: [{ sku: 'SOCK-01', exhausted: true }] },
  { version: 5, entries: [{ sku: 'BT-001', warehouse: 'BJ-02', exhausted: true }] },
  // Some unit of each lot is free: shown, never blocking (the hub's stop list holds the frozen orders).
  { version: 6, entries: [{ sku: 'DRESS-2026-RED-M', quantity: 1, exhausted: false }, { sku: 'BT-001', batch: 'L42', quantity: 1, exhausted: false }] },
];
const CARDS = ['$PG:BADGE:P-001', '$PG:BADGE:P-002', '$PG:SUP:S-01', '$PG:RESOLVE', '$PG:CANCEL', '$PG:ASIDE', '$PG:REPRINT', '$PG:PARCEL', '$PG:WITHDRAW'];
const LABELS = ['$PG:ORDER:880001', '$PG:TASK:T17', '$PG:TOTE:TOTE-04', '$PG:ORDER:DY-5501', '$PG:TASK:T30', '$PG:TASK:T404'];
/** The waybills on pre-printed labels (the last one no station holds). */
const WAYBILLS = ['SF1234567890', 'YT9988776655', 'YT3000000001', 'YT3000000002', 'JT0000000404'];
const OTHER = [CODES.sockEan, CODES.unknownEan, CODES.babyEan, '4006381333932', 'DY-BT-002', CODES.earbudsGtin];

interface Oracle {
  taskId: string | null;
  units: Array<{ sku: string; units: number; batch: string | null; serial: string | null }>;
  /** Units recorded per parcel by `pack.parcel_closed`, by parcel index. */
  closed: Map<number, number>;
  shipped: Set<string>;
}

describe('label gate property', () => {
  it(`never lets a label through unless every condition holds (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const stats = { requested: 0, refused: 0, counted: 0, printed: 0, sealed: 0, sealRefused: 0, parcels: 0, types: new Set<string>() };

    for (let n = 0; n < SEQUENCES; n++) {
      const flow = n % 2 === 0 ? 'print-after-verify' : 'verify-preprinted';
      const bench = new Bench(context({ warehouse: 'SH-01', policy: packPolicy({ flow }) }));
      const oracle: Oracle = { taskId: null, units: [], closed: new Map(), shipped: new Set() };
      const openers = flow === 'verify-preprinted' ? WAYBILLS.slice(0, 4) : LABELS.slice(0, 5);

      const itemScan = (): string => {
        const serial = `SN-${Math.floor(random() * 6)}`;
        const lot = pick([undefined, 'L41', 'L42']);
        const expiry = pick([undefined, '271231', '261121']);
        return pick([CODES.dressEan, CODES.dressEan, CODES.dressCase, CODES.dressInternal, CODES.dressIsbnViaMapping, earbuds(serial, { lot, expiry }), pick(OTHER)]);
      };

      let fresh = 0;
      const scan = (text: string): PackInput => ({ type: 'scan', ...scanOf(text, bench.ctx.now) });
      /** A packer who mostly does the right thing, so that orders do get verified and labelled. */
      const diligent = (): PackInput => {
        const s = bench.state;
        if (!s.packer) return scan('$PG:BADGE:P-001');
        // An order held: its parcel is sometimes taken out first (WITHDRAW, then a waybill).
        if (s.withdrawing) return scan(random() < 0.7 ? (s.order?.parcels[0]?.waybill ?? pick(WAYBILLS)) : pick(WAYBILLS));
        if (s.block?.scope === 'order' && random() < 0.3) return scan('$PG:WITHDRAW');
        if (s.block) return scan(s.block.clearBy === 'resolve' ? '$PG:RESOLVE' : pick(['$PG:SUP:S-01', '$PG:SUP:S-01', '$PG:CANCEL']));
        if (s.phase === 'awaiting_order') return random() < 0.5 ? { type: 'tick' } : { type: 'task_received', task: TASK };
        const order = s.order;
        if (!order || (isReleased(s) && labelStatus(order) !== 'requested')) return scan(pick(openers));
        if (labelStatus(order) === 'requested') return random() < 0.85 ? { type: 'label_printed' } : { type: 'label_failed', reason: 'JAM' };
        if (s.phase === 'verified') return order.flow === 'verify-preprinted' ? { type: 'tick' } : labelStatus(order) === 'failed' ? scan('$PG:REPRINT') : { type: 'label_requested' };
        // An order of several parcels: once the current parcel holds a unit, on to one still empty.
        const empty = order.parcels.findIndex((parcel, i) => parcel.closedAt === null && i + 1 !== order.parcel && unitsIn(order, i + 1) === 0);
        if (empty >= 0 && unitsIn(order, order.parcel) > 0 && random() < 0.8) {
          return scan(order.flow === 'verify-preprinted' && random() < 0.5 ? (order.parcels[empty]?.waybill ?? '') : '$PG:PARCEL');
        }
        const open = order.task.lines.findIndex((line, i) => (order.counted[i] ?? 0) < line.quantity);
        const line = order.task.lines[open];
        const remaining = (line?.quantity ?? 0) - (order.counted[open] ?? 0);
        if (line?.masterSku === 'BT-001') return scan(earbuds(`SN-G${fresh++}`, { lot: 'L41', expiry: '271231' }));
        if (line?.masterSku === 'SOCK-01') return scan(CODES.sockEan);
        return scan(remaining >= 6 && random() < 0.5 ? CODES.dressCase : pick([CODES.dressEan, CODES.dressInternal, CODES.dressIsbnViaMapping]));
      };

      const nextInput = (): PackInput | 'world' => {
        if (random() < 0.6) return diligent();
        const r = random();
        if (r < 0.35) return scan(itemScan());
        if (r < 0.45) return scan(pick(CARDS));
        if (r < 0.49) return scan(pick(LABELS));
        if (r < 0.52) return scan(pick(WAYBILLS));
        if (r < 0.62) return { type: 'label_requested' };
        if (r < 0.67) return { type: 'label_printed' };
        if (r < 0.69) return { type: 'label_failed', reason: 'PAPER_OUT' };
        if (r < 0.71) return { type: 'task_received', task: pick(ALL_TASKS) };
        if (r < 0.72) return { type: 'task_unavailable', ref: { type: 'task', id: 'T404' } };
        if (r < 0.73) return { type: 'sign_out', reason: 'idle' };
        if (r < 0.74) return { type: 'aside', reason: 'damaged' };
        if (r < 0.78) return { type: 'tick' };
        return 'world';
      };

      const changeWorld = (): void => {
        const r = random();
        if (r < 0.3) bench.with({ stopList: random() < 0.4 ? STOP_LISTS[1] ?? null : pick(STOP_LISTS) });
        else if (r < 0.55) bench.with({ freezeList: random() < 0.4 ? FREEZE_LISTS[1] ?? null : pick(FREEZE_LISTS) });
        else if (r < 0.65) bench.with({ pendingSkus: pick([[], ['DRESS-2026-RED-M'], ['SOCK-01']]) });
        else if (r < 0.75) bench.with({ tasks: pick([indexTasks(ALL_TASKS), indexTasks([SOCK_TASK, TWO_PARCELS]), {}]) });
        else if (r < 0.9) bench.advance(Math.floor(random() * 7 * MIN), random() < 0.6);
        else bench.with({ link: { lastHeardAt: pick([null, bench.ctx.now + MIN, bench.ctx.now - 4 * MIN, bench.ctx.now, bench.ctx.now]) } });
      };

      for (let i = 0; i < STEPS; i++) {
        const input = nextInput();
        if (input === 'world') {
          changeWorld();
          if (random() < 0.5) continue;
        }
        const before = bench.state;
        const ctx = bench.ctx;
        bench.input(input === 'world' ? { type: 'lists_updated' } : input);
        for (const event of bench.last.events) {
          stats.types.add(event.type);
          // A seal is decided on the state the input left; a label request on the state before it.
          const blocked =
            event.type === 'pack.sealed'
              ? bench.state.block !== null
              : before.block !== null || (event.type === 'pack.label_requested' && bench.state.block !== null);
          checkEvent(event, input === 'world' ? null : input, blocked, ctx, oracle);
          if (event.type === 'pack.label_requested') stats.requested++;
          if (event.type === 'pack.label_refused') stats.refused++;
          if (event.type === 'pack.label_printed') stats.printed++;
          if (event.type === 'pack.sealed') stats.sealed++;
          if (event.type === 'pack.seal_refused') stats.sealRefused++;
          if (event.type === 'pack.parcel_closed') stats.parcels++;
          if (event.type === 'pack.verdict' && event.verdict === 'counted') stats.counted++;
        }
        // Every state reached survives a save and restore (the station's lowdb document) unchanged.
        const saved = JSON.stringify(bench.state);
        if (JSON.stringify(restoreSession(JSON.parse(saved), STATION)) !== saved) expect.fail(`state not restorable: ${saved}`);
        // The pure gate on the state reached, under the context of the moment.
        const direct = mayRelease(bench.state, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse);
        if (direct.ok) expectAllConditions(bench.state.packer, bench.state.block !== null, ctx, oracle);
      }
    }
    // Not vacuous: labels were both let through and refused, and every event type occurred.
    expect(stats.requested).toBeGreaterThan(100);
    expect(stats.refused).toBeGreaterThan(100);
    expect(stats.printed).toBeGreaterThan(50);
    expect(stats.sealed).toBeGreaterThan(50);
    expect(stats.sealRefused).toBeGreaterThan(20);
    expect(stats.parcels).toBeGreaterThan(20);
    expect([...stats.types].sort()).toEqual(Object.keys(PackEventSchemas).sort());
  }, 120_000);
});

/** A cheap assertion for the hot loop; fails the test with the condition that broke. */
function check(condition: boolean, what: string): void {
  if (!condition) expect.fail(`label gate property broken: ${what}`);
}

function scanOf(text: string, now: number): { raw: string; result: ReturnType<typeof decodeScan> } {
  return { raw: Buffer.from(text).toString('base64'), result: decodeScan(text, { today: new Date(now) }) };
}

/** Follows the events with a bookkeeping of its own, and checks each against the world. */
function checkEvent(event: PackEvent, input: PackInput | null, wasBlocked: boolean, ctx: PackContext, oracle: Oracle): void {
  switch (event.type) {
    case 'pack.order_loaded':
      oracle.taskId = event.order?.taskId ?? null;
      oracle.units = [];
      oracle.closed = new Map();
      return;
    case 'pack.order_cancelled':
    case 'pack.order_aside':
    case 'pack.order_requested':
      oracle.taskId = null;
      oracle.units = [];
      oracle.closed = new Map();
      return;
    case 'pack.parcel_closed': {
      check(!oracle.closed.has(event.parcel.index), 'a parcel closes once');
      const units = event.lines.reduce((sum, line) => sum + line.counted, 0);
      check(units > 0, 'a parcel never closes empty');
      oracle.closed.set(event.parcel.index, units);
      return;
    }
    case 'pack.sealed':
      expectAllConditions(event.packer, wasBlocked, ctx, oracle);
      check(event.parcels === (TASKS[oracle.taskId ?? '']?.parcels?.length ?? 1), 'every parcel of the order is sealed');
      for (const u of oracle.units) if (u.serial !== null) oracle.shipped.add(u.serial);
      return;
    case 'pack.verdict': {
      if (event.verdict !== 'counted') return;
      check(!wasBlocked, 'nothing counts while blocked');
      check(event.packer !== null, 'a packer is signed in');
      const decoded = input?.type === 'scan' && input.result.ok ? input.result.scan : null;
      const batch = decoded?.kind === 'gs1' ? (decoded.batch ?? null) : null;
      const serial = decoded?.kind === 'gs1' && decoded.serial !== undefined ? decoded.serial : null;
      const expiry = decoded?.kind === 'gs1' ? decoded.expiry : undefined;
      const sku = event.sku ?? '';
      const task = TASKS[oracle.taskId ?? ''];
      check(task?.lines.some((l) => l.masterSku === sku) === true, 'counted SKU is a line of the order');
      check(expiry === undefined || expiry >= new Date(ctx.now).toISOString().slice(0, 10), 'not expired');
      check(!frozen(ctx, [{ sku, units: 1, batch, serial }], []), 'unit not frozen');
      check(!ctx.pendingSkus.includes(sku), 'mapping not pending');
      if (sku === 'BT-001') check(serial !== null, 'serial-tracked line');
      if (serial !== null) {
        check(!(oracle.units.some((u) => u.serial === serial) || oracle.shipped.has(serial)), 'serial not seen');
      }
      check(!held(ctx, oracle), 'order not held');
      oracle.units.push({ sku, units: event.units, batch, serial });
      const line = task?.lines.find((l) => l.masterSku === sku);
      const total = oracle.units.filter((u) => u.sku === sku).reduce((sum, u) => sum + u.units, 0);
      check(total <= (line?.quantity ?? 0), 'never over the quantity');
      return;
    }
    case 'pack.label_requested':
      expectAllConditions(event.packer, wasBlocked, ctx, oracle);
      return;
    case 'pack.label_printed':
      if (!event.reprint) for (const u of oracle.units) if (u.serial !== null) oracle.shipped.add(u.serial);
      return;
    case 'pack.parcel_withdrawn': {
      // Only a parcel of an order the lists hold is taken out; the order on the bench stays as it was.
      check(event.packer !== null, 'a packer withdraws');
      const units = event.order?.taskId === oracle.taskId ? oracle.units : [];
      check(held(ctx, { ...oracle, taskId: event.order?.taskId ?? null, units }), 'a withdrawn parcel is held');
      return;
    }
    default:
      return;
  }
}

function frozen(ctx: PackContext, units: Oracle['units'], lineSkus: readonly string[]): boolean {
  const entries = (ctx.freezeList?.entries ?? []).filter((e) => e.exhausted && (e.warehouse === undefined || e.warehouse === ctx.warehouse));
  return entries.some(
    (e) => (e.batch === undefined && lineSkus.includes(e.sku)) || units.some((u) => u.sku === e.sku && (e.batch === undefined || e.batch === u.batch)),
  );
}

function held(ctx: PackContext, oracle: Oracle): boolean {
  const task = TASKS[oracle.taskId ?? ''];
  if (!task) return false;
  const stopped = (ctx.stopList?.entries ?? []).some((e) => e.taskId === task.taskId || e.orderId === task.orderId);
  return stopped || frozen(ctx, oracle.units, task.lines.map((l) => l.masterSku));
}

function expectAllConditions(packer: string | null, blocked: boolean, ctx: PackContext, oracle: Oracle): void {
  const task = TASKS[oracle.taskId ?? ''];
  check(task !== undefined, 'an order is loaded');
  check(packer !== null, 'a packer is signed in');
  check(!blocked, 'not blocked');
  for (const line of task?.lines ?? []) {
    const counted = oracle.units.filter((u) => u.sku === line.masterSku).reduce((sum, u) => sum + u.units, 0);
    check(counted === line.quantity, `every unit of ${line.masterSku} scanned and matched`);
  }
  const parcels = task?.parcels?.length ?? 1;
  if (parcels > 1) {
    const total = oracle.units.reduce((sum, u) => sum + u.units, 0);
    check(oracle.closed.size === parcels, 'every parcel of the order was packed and closed');
    check([...oracle.closed.values()].reduce((sum, n) => sum + n, 0) === total, 'the parcels hold every unit');
  }
  check(ctx.stopList !== null, 'a stop list is held');
  check(ctx.freezeList !== null, 'a freeze list is held');
  check(!held(ctx, oracle), 'not stopped or frozen by the newest lists');
  const heard = ctx.link.lastHeardAt;
  check(heard !== null && ctx.now - heard >= 0 && ctx.now - heard <= 5 * MIN, 'the hub was heard within 5 minutes');
}
