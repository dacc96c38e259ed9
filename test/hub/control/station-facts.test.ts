import { describe, expect, it } from 'vitest';
import { stationFacts } from '../../../hub/control/station-facts.js';
import { taskAnswer } from '../../../hub/control/task-answer.js';
import type { StationEvent } from '../../../protocol/index.js';
import { isPackTask, type PackEvent } from '../../../station/pack/index.js';
import { Harness } from '../domain/harness.js';

const order = { taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao' };
const common = { at: '2026-03-02T08:00:00.000Z', station: 'P1', packer: 'W1', order, mappingVersion: 1 };

function event(body: PackEvent, seq = 5): StationEvent {
  return { v: 1, id: `id-${seq}`, station: 'P1', seq, at: common.at, body };
}

describe('station facts', () => {
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
