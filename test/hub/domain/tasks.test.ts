import { describe, expect, it } from 'vitest';
import { DomainError, getOwn, isHeld, taskStatus } from '../../../hub/domain/index.js';
import { Harness, alerts, ofType, types } from './harness.js';

function task(h: Harness, id: string) {
  return getOwn(h.state.tasks, id)!;
}

describe('pack task progress', () => {
  it('goes released → loaded → verified → labelled at one station, with timestamps', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.advance(1000);
    expect(h.ok({ type: 'taskLoaded', taskId: id, station: 'S1' })).toMatchObject([
      { type: 'task.loaded', taskId: id, orderId: 'taobao:1', station: 'S1' },
    ]);
    h.advance(1000);
    expect(types(h.ok({ type: 'taskVerified', taskId: id, station: 'S1' }))).toEqual(['task.verified']);
    h.advance(1000);
    const events = h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(events).toMatchObject([{ type: 'task.label-printed', station: 'S1', reprint: false, held: false }]);
    expect(task(h, id)).toMatchObject({
      progress: 'labelled',
      station: 'S1',
      loadedAt: '2026-03-02T08:00:01.000Z',
      verifiedAt: '2026-03-02T08:00:02.000Z',
      labelledAt: '2026-03-02T08:00:03.000Z',
    });
    expect(taskStatus(h.state, task(h, id))).toBe('labelled');
  });

  it('refuses facts out of order: TASK_BAD_TRANSITION', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    expect(h.refused({ type: 'taskVerified', taskId: id, station: 'S1' })).toBe(DomainError.TaskBadTransition);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S1' });
    expect(h.refused({ type: 'labelPrinted', taskId: id, station: 'S1' })).toBe(DomainError.TaskBadTransition);
    h.ok({ type: 'taskVerified', taskId: id, station: 'S1' });
    expect(h.refused({ type: 'taskLoaded', taskId: id, station: 'S2' })).toBe(DomainError.TaskBadTransition);
    h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(h.refused({ type: 'taskVerified', taskId: id, station: 'S1' })).toBe(DomainError.TaskBadTransition);
    expect(h.refused({ type: 'taskLoaded', taskId: id, station: 'S1' })).toBe(DomainError.TaskBadTransition);
  });

  it('refuses a verification or label from another station: TASK_NOT_AT_STATION', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S1' });
    expect(h.refused({ type: 'taskVerified', taskId: id, station: 'S2' })).toBe(DomainError.TaskNotAtStation);
    h.ok({ type: 'taskVerified', taskId: id, station: 'S1' });
    expect(h.refused({ type: 'labelPrinted', taskId: id, station: 'S2' })).toBe(DomainError.TaskNotAtStation);
  });

  it('moves a loaded task to the station that loads it next', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S1' });
    expect(h.ok({ type: 'taskLoaded', taskId: id, station: 'S2' })).toMatchObject([{ type: 'task.loaded', station: 'S2', from: 'S1' }]);
    expect(task(h, id).station).toBe('S2');
  });

  it('treats a repeated load or verification as nothing new', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.verify(id);
    const before = h.state;
    expect(h.ok({ type: 'taskVerified', taskId: id, station: 'S1' })).toEqual([]);
    expect(h.state).toBe(before);
    const other = h.order('2', [['A', 1]]);
    h.ok({ type: 'taskLoaded', taskId: other, station: 'S1' });
    expect(h.ok({ type: 'taskLoaded', taskId: other, station: 'S1' })).toEqual([]);
  });

  it('records a reprint without consuming stock again', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 5 });
    const id = h.order('1', [['A', 2]]);
    h.verify(id);
    h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    const events = h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(events).toMatchObject([{ type: 'task.label-printed', reprint: true, held: false }]);
    expect(getOwn(h.state.stock, 'A')![0]!.onHand).toBe(3);
  });

  it('refuses unknown tasks, including inherited property names: TASK_NOT_FOUND', () => {
    const h = new Harness();
    for (const taskId of ['T9', 'constructor', 'toString']) {
      expect(h.refused({ type: 'taskLoaded', taskId, station: 'S1' })).toBe(DomainError.TaskNotFound);
      expect(h.refused({ type: 'taskVerified', taskId, station: 'S1' })).toBe(DomainError.TaskNotFound);
      expect(h.refused({ type: 'labelPrinted', taskId, station: 'S1' })).toBe(DomainError.TaskNotFound);
    }
  });

  it('refuses loading or verifying a cancelled task: TASK_CANCELLED', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    const other = h.order('2', [['A', 1]]);
    h.ok({ type: 'taskLoaded', taskId: other, station: 'S1' });
    for (const orderId of ['taobao:1', 'taobao:2']) {
      const freezeId = ofType(h.ok({ type: 'createFreeze', orderId }), 'freeze.created')[0]!.freezeId;
      h.ok({ type: 'approveFreeze', freezeId });
    }
    expect(h.refused({ type: 'taskLoaded', taskId: id, station: 'S1' })).toBe(DomainError.TaskCancelled);
    expect(h.refused({ type: 'taskVerified', taskId: other, station: 'S1' })).toBe(DomainError.TaskCancelled);
    expect(taskStatus(h.state, task(h, id))).toBe('cancelled');
  });

  it('records a label printed for a stopped task and raises a critical alert', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.verify(id);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'address-change' });
    expect(taskStatus(h.state, task(h, id))).toBe('stopped');
    expect(isHeld(h.state, task(h, id))).toBe(true);

    const events = h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(ofType(events, 'task.label-printed')[0]).toMatchObject({ held: true, reprint: false });
    expect(alerts(events)).toMatchObject([
      { kind: 'label-while-held', severity: 'critical', target: { station: 'S1', orderId: 'taobao:1', taskId: id } },
    ]);
    expect(task(h, id).progress).toBe('labelled');
  });

  it('records a label printed for a cancelled task without taking its units from stock', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 4 });
    const id = h.order('1', [['A', 1]]);
    h.verify(id);
    const freezeId = ofType(h.ok({ type: 'createFreeze', orderId: 'taobao:1' }), 'freeze.created')[0]!.freezeId;
    h.ok({ type: 'approveFreeze', freezeId });
    const events = h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(alerts(events)).toMatchObject([{ kind: 'label-while-held', severity: 'critical' }]);
    expect(ofType(events, 'stock.changed')).toEqual([]);
    expect(task(h, id)).toMatchObject({ progress: 'labelled', cancelled: { freezeId } });
  });
});
