import { describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../../protocol/index.js';
import { isPackTask, type PackEvent } from '../../../../station/pack/index.js';
import { printData } from '../../../helpers/domain.js';
import { stationFacts, taskAnswer } from '../../../helpers/station-events.js';
import { Harness, orderCommand } from '../../domain/harness.js';

const order = { taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao' };
const common = { at: '2026-03-02T08:00:00.000Z', station: 'P1', packer: 'W1', order, mappingVersion: 1 };

function event(body: PackEvent, seq = 5): StationEvent {
  return { v: 1, id: `id-${seq}`, station: 'P1', seq, at: common.at, body };
}

describe('station facts', () => {
  it("turns a scan's block at the bench into a hub alert's start, and its clearing or the order leaving into its end", () => {
    const lists = { stopListVersion: 3, freezeListVersion: 1 };
    const blocked = { ...common, type: 'pack.blocked', scope: 'unit', clearBy: 'resolve', detail: null, ...lists } as const;
    const commandsOf = (body: PackEvent) => stationFacts(event(body)).map((fact) => fact.command);
    expect(commandsOf({ ...blocked, reason: 'wrong_item', cause: 'scan', sku: 'SOCK-01', code: '6901' })).toEqual([
      { type: 'stationBlocked', station: 'P1', reason: 'wrong_item', orderId: 'taobao:A1', taskId: 'T1', sku: 'SOCK-01', code: '6901' },
    ]);
    expect(commandsOf({ ...blocked, reason: 'unknown_barcode', cause: 'scan', sku: null, code: 'X1' })).toEqual([
      { type: 'stationBlocked', station: 'P1', reason: 'unknown_barcode', orderId: 'taobao:A1', taskId: 'T1', code: 'X1' },
    ]);
    // A hold from the hub's lists replaces the unit block (the hub raised its own alert); a parcel off its weight is a block of its own.
    expect(commandsOf({ ...blocked, reason: 'order_stopped', scope: 'order', clearBy: 'supervisor', cause: 'stop_list', sku: null, code: null })).toEqual([
      { type: 'stationBlockEnded', station: 'P1', by: 'replaced' },
    ]);
    expect(commandsOf({ ...blocked, reason: 'weight_mismatch', clearBy: 'reweigh', cause: 'weight', sku: null, code: null })).toEqual([
      { type: 'stationBlocked', station: 'P1', reason: 'weight_mismatch', orderId: 'taobao:A1', taskId: 'T1' },
    ]);
    expect(commandsOf({ ...common, type: 'pack.block_cleared', reason: 'wrong_item', scope: 'unit', by: 'supervisor', supervisor: 'Zhang', blockedMs: 10 })).toEqual([
      { type: 'stationBlockEnded', station: 'P1', by: 'supervisor', supervisor: 'Zhang' },
    ]);
    const aside = commandsOf({ ...common, type: 'pack.order_aside', reason: 'other', lines: [], block: 'wrong_item' });
    expect(aside).toEqual([{ type: 'stationBlockEnded', station: 'P1', by: 'aside' }, { type: 'taskUnloaded', taskId: 'T1', station: 'P1', reason: 'other' }]);
    expect(commandsOf({ ...common, type: 'pack.order_aside', reason: 'other', lines: [], block: null })).toEqual([{ type: 'taskUnloaded', taskId: 'T1', station: 'P1', reason: 'other' }]);
  });

  it('turns loaded, verified and label printed into task facts with the station as the actor', () => {
    const lines = [{ masterSku: 'DRESS', quantity: 1, counted: 1 }];
    const loaded = event({ ...common, type: 'pack.order_loaded', ref: { type: 'order', id: 'A1' }, source: 'hub', waybill: 'WB1', lines });
    expect(stationFacts(loaded)).toEqual([
      { command: { type: 'taskLoaded', taskId: 'T1', station: 'P1' }, context: { now: new Date(common.at), actor: { kind: 'station', id: 'P1' }, origin: 'P1', raw: loaded } },
    ]);
    expect(stationFacts(event({ ...common, type: 'pack.order_verified', lines }))[0]?.command.type).toBe('taskVerified');
    expect(stationFacts(event({ ...common, type: 'pack.label_printed', reprint: false }))[0]?.command.type).toBe('labelPrinted');
    expect(stationFacts(event({ ...common, type: 'pack.label_failed', reprint: false, reason: 'x' }))).toEqual([]);
    expect(stationFacts({ ...event({ ...common, type: 'pack.label_printed', reprint: false }), body: { type: 'scan', data: 'x', raw: 'eA==', source: 'sim' } })).toEqual([]);
  });

  it("turns a parcel's label, seal and closing into parcel facts", () => {
    const parcel = { index: 2, waybill: 'WB1-2' };
    const lists = { stopListVersion: 3, freezeListVersion: 1, hubLastHeardAt: common.at };
    const commandOf = (body: PackEvent) => stationFacts(event(body))[0]?.command;
    expect(commandOf({ ...common, type: 'pack.label_printed', reprint: false, parcel })).toEqual({ type: 'labelPrinted', taskId: 'T1', station: 'P1', parcel });
    expect(commandOf({ ...common, type: 'pack.sealed', parcel, parcels: 2, ...lists })).toEqual({ type: 'parcelSealed', taskId: 'T1', station: 'P1', parcel });
    const lines = [{ masterSku: 'DRESS', quantity: 3, counted: 2 }, { masterSku: 'SOCK', quantity: 1, counted: 0 }];
    expect(commandOf({ ...common, type: 'pack.parcel_closed', parcel: { index: 1, waybill: 'WB1' }, lines })).toEqual({
      type: 'parcelClosed', taskId: 'T1', station: 'P1', parcel: { index: 1, waybill: 'WB1' },
      units: [{ sku: 'DRESS', quantity: 2 }, { sku: 'SOCK', quantity: 0 }],
    });
    expect(stationFacts(event({ ...common, type: 'pack.seal_refused', reason: 'order_stopped' }))).toEqual([]);
    expect(stationFacts(event({ ...common, type: 'pack.label_failed', reprint: false, reason: 'paper out', parcel }))).toEqual([]);
  });

  it('turns a parcel withdrawn at the bench into withdrawParcel at that station, as at the dock', () => {
    const withdrawn = { ...common, type: 'pack.parcel_withdrawn', parcel: { index: 2, waybill: 'WB1-2' }, hold: 'order_stopped', detail: 'refund', stopListVersion: 4, freezeListVersion: 1 } as const;
    expect(stationFacts(event(withdrawn)).map((fact) => fact.command)).toEqual([{ type: 'withdrawParcel', waybill: 'WB1-2', station: 'P1', note: 'taken out at bench P1' }]);
    expect(stationFacts(event({ ...common, type: 'pack.refused', act: 'withdraw', reason: 'not_intercepted' }))).toEqual([]);
  });
});

describe('weighings as facts', () => {
  const lists = { stopListVersion: 3, freezeListVersion: 1, hubLastHeardAt: common.at };
  const weighing = { weightGrams: 1035, box: { code: 'BAG-30', grams: 30, by: 'scan' as const }, contents: [{ masterSku: 'DRESS', units: 2 }, { masterSku: 'BABY', units: 1 }], expectedGrams: 1030 };
  const recorded = { type: 'recordWeighing', station: 'P1', taskId: 'T1', grams: 1035, boxGrams: 30, lines: [{ sku: 'DRESS', quantity: 2 }, { sku: 'BABY', quantity: 1 }] };
  const commands = (body: PackEvent) => stationFacts(event(body)).map(({ command }) => command);

  it('a first label or the first parcel sealed, checked and passed or not checkable, is a weighing to learn from', () => {
    expect(commands({ ...common, type: 'pack.label_requested', reprint: false, ...lists, ...weighing, weightCheck: 'passed' })).toEqual([recorded]);
    expect(commands({ ...common, type: 'pack.label_requested', reprint: false, ...lists, ...weighing, weightCheck: 'unchecked' })).toEqual([recorded]);
    const parcel = { index: 1, waybill: 'WB1' };
    expect(commands({ ...common, type: 'pack.sealed', parcel, parcels: 2, ...lists, ...weighing, weightCheck: 'passed' })).toEqual([
      { type: 'parcelSealed', taskId: 'T1', station: 'P1', parcel },
      recorded,
    ]);
  });

  it('not a supervisor override, a reprint, the second parcel of a seal, or a label without a weighing', () => {
    expect(commands({ ...common, type: 'pack.label_requested', reprint: false, ...lists, ...weighing, weightCheck: 'overridden' })).toEqual([]);
    expect(commands({ ...common, type: 'pack.label_requested', reprint: true, ...lists, ...weighing, weightCheck: 'passed' })).toEqual([]);
    expect(commands({ ...common, type: 'pack.label_requested', reprint: false, ...lists, weightGrams: 1000 })).toEqual([]);
    expect(commands({ ...common, type: 'pack.sealed', parcel: { index: 2, waybill: 'WB1-2' }, parcels: 2, ...lists, ...weighing, weightCheck: 'passed' })).toHaveLength(1);
  });
});

describe('a platform order in parcels at the bench', () => {
  const SECRET = 'ENCRYPTED-PAYLOAD-51';
  function hub(): Harness {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'TB-DRESS', masterSku: 'DRESS' });
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS', barcodes: [{ code: '4006381333931', multiplier: 1 }] });
    h.ok({
      ...orderCommand('A1', [['TB-DRESS', 2]]),
      waybill: 'YT1',
      parcels: [{ waybill: 'YT1', print: printData(`${SECRET}-1`) }, { waybill: 'YT1-2', print: printData(`${SECRET}-2`, 'pdd') }, { waybill: 'YT1-3' }],
    });
    return h;
  }
  const request = (type: 'order' | 'waybill', id: string) => event({ ...common, order: null, type: 'pack.order_requested', ref: { type, id } }, 9);
  /** Applies a station event's facts as the hub does. */
  const report = (h: Harness, body: PackEvent) => stationFacts(event(body)).forEach(({ command }) => h.ok(command));

  it('is found by any parcel waybill, in any case, and its task carries every parcel with its print data', () => {
    const h = hub();
    for (const ref of [['waybill', 'YT1-2'], ['waybill', 'yt1-3'], ['waybill', 'YT1'], ['order', 'A1'], ['order', 'YT1-3']] as const) {
      const answer = taskAnswer(h.state, request(ref[0], ref[1]), 7);
      if (answer?.type !== 'task') throw new Error(`no task for ${ref.join(' ')}: ${JSON.stringify(answer)}`);
      expect(answer.ref).toEqual({ type: ref[0], id: ref[1] });
      expect(answer.task.parcels).toEqual([
        { waybill: 'YT1', print: printData(`${SECRET}-1`) },
        { waybill: 'YT1-2', print: printData(`${SECRET}-2`, 'pdd') },
        { waybill: 'YT1-3' },
      ]);
      expect(answer.task.waybill).toBe('YT1');
      expect(isPackTask(answer.task)).toBe(true);
    }
    expect(taskAnswer(h.state, request('waybill', 'YT9'), 7)).toMatchObject({ type: 'task-unavailable', reason: 'not_found' });
  });

  it('is finished once every parcel is labelled: the hub has dropped the print data and says so instead of sending the task', () => {
    const h = hub();
    const order = { taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao' };
    const lines = [{ masterSku: 'DRESS', quantity: 2, counted: 2 }];
    report(h, { ...common, order, type: 'pack.order_loaded', ref: { type: 'waybill', id: 'YT1' }, source: 'hub', waybill: 'YT1', lines });
    report(h, { ...common, order, type: 'pack.parcel_closed', parcel: { index: 1, waybill: 'YT1' }, lines: [{ masterSku: 'DRESS', quantity: 2, counted: 1 }] });
    report(h, { ...common, order, type: 'pack.order_verified', lines });
    report(h, { ...common, order, type: 'pack.label_printed', reprint: false });
    report(h, { ...common, order, type: 'pack.label_printed', reprint: false, parcel: { index: 2, waybill: 'YT1-2' } });
    expect(taskAnswer(h.state, request('waybill', 'YT1-3'), 8)).toMatchObject({ type: 'task', task: { parcels: [{ waybill: 'YT1' }, { waybill: 'YT1-2' }, { waybill: 'YT1-3' }] } });
    report(h, { ...common, order, type: 'pack.label_printed', reprint: false, parcel: { index: 3, waybill: 'YT1-3' } });
    expect(h.state.tasks.T1!.progress).toBe('labelled');
    expect(JSON.stringify(h.state)).not.toContain(SECRET);
    expect(h.state.orders['taobao:A1']!.parcels[0]!.closed).toMatchObject({ station: 'P1', units: [{ sku: 'DRESS', quantity: 1 }] });
    expect(taskAnswer(h.state, request('waybill', 'YT1-2'), 9)).toMatchObject({ type: 'task-unavailable', reason: 'finished', ref: { type: 'waybill', id: 'YT1-2' } });
  });

  it('is sealed parcel by parcel in the pre-printed flow', () => {
    const h = hub();
    const order = { taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao' };
    const lines = [{ masterSku: 'DRESS', quantity: 2, counted: 2 }];
    const lists = { stopListVersion: 0, freezeListVersion: 0, hubLastHeardAt: common.at };
    report(h, { ...common, order, type: 'pack.order_loaded', ref: { type: 'waybill', id: 'YT1-2' }, source: 'hub', waybill: 'YT1', lines });
    report(h, { ...common, order, type: 'pack.order_verified', lines });
    for (const [index, waybill] of [[1, 'YT1'], [2, 'YT1-2'], [3, 'YT1-3']] as const) {
      report(h, { ...common, order, type: 'pack.sealed', parcel: { index, waybill }, parcels: 3, ...lists });
    }
    expect(h.state.tasks.T1).toMatchObject({ progress: 'sealed', sealedAt: common.at });
    expect(h.state.orders['taobao:A1']!.parcels.map((parcel) => parcel.sealed)).toEqual(Array(3).fill({ at: common.at, station: 'P1' }));
  });
});

describe('answers to order requests', () => {
  function hub(): Harness {
    const h = new Harness();
    h.order('A1', [['DRESS', 2]]);
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS', barcodes: [{ code: '4006381333931', multiplier: 1 }], tracking: { batch: true } });
    return h;
  }
  const request = (type: 'order' | 'task' | 'tote', id: string) => event({ ...common, order: null, type: 'pack.order_requested', ref: { type, id } }, 9);

  it('sends the task with the catalog barcodes, found by order number, waybill or task id', () => {
    const h = hub();
    for (const ref of [['order', 'A1'], ['order', 'WBA1'], ['task', 'T1'], ['task', 't1']] as const) {
      const answer = taskAnswer(h.state, request(ref[0], ref[1]), 42);
      expect(answer).toMatchObject({ v: 1, id: '42.task', type: 'task', ref: { type: ref[0], id: ref[1] } });
      if (answer?.type !== 'task') throw new Error('no task');
      expect(answer.task).toEqual({
        taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao', waybill: 'WBA1',
        label: { name: 'Wang Fang', phone: '13800000000', address: '1 Nanjing Rd, Shanghai' },
        lines: [{ masterSku: 'DRESS', quantity: 2, barcodes: [{ code: '4006381333931', multiplier: 1 }], tracking: { batch: true } }],
        parcels: [{ waybill: 'WBA1' }],
      });
      expect(isPackTask(answer.task)).toBe(true);
    }
  });

  it('says why there is no task', () => {
    const h = hub();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-SOCK', masterSku: 'SOCK' });
    h.ok({ type: 'createOrder', channel: 'douyin', orderNo: 'A1', waybill: 'YT-A1', label: { name: 'a', phone: '1', address: 'b' }, lines: [{ channelSku: 'DY-SOCK', quantity: 1 }] });
    expect(taskAnswer(h.state, request('order', 'A1'), 1)).toMatchObject({ type: 'task-unavailable', reason: 'ambiguous' });
    expect(taskAnswer(h.state, request('order', 'NOPE'), 1)).toMatchObject({ type: 'task-unavailable', reason: 'not_found' });
    expect(taskAnswer(h.state, request('tote', 'TOTE-1'), 1)).toMatchObject({ type: 'task-unavailable', reason: 'not_found' });
    h.ok({ type: 'createOrder', channel: 'taobao', orderNo: 'HELD', waybill: 'WBH', label: { name: 'a', phone: '1', address: 'b' }, lines: [{ channelSku: 'UNMAPPED', quantity: 1 }] });
    expect(taskAnswer(h.state, request('order', 'HELD'), 1)).toMatchObject({ type: 'task-unavailable', reason: 'not_released' });
    expect(taskAnswer(h.state, event({ ...common, type: 'pack.label_printed', reprint: false }), 1)).toBeUndefined();
  });
});
