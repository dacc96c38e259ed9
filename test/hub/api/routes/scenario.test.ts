import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('API scenario: a refund freeze blocks the newer order, a rejection frees both', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  it('walks mapping, stock, two orders, freeze, stop list, rejection and the timeline', async () => {
    await seedDressStock(api, 3);
    for (const [orderNo, quantity] of [['TB1001', 2], ['TB1002', 1]] as const) {
      const res = await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder(orderNo, quantity) });
      expect(res.statusCode).toBe(201);
    }

    // The refund freezes the older order's 2 units and 1 more of the batch: 3 on hand − 3 frozen leaves none for TB1002.
    const frozen = await api.request('integration', {
      method: 'POST',
      url: '/api/v1/freezes',
      payload: { orderId: 'taobao:TB1001', sku: DRESS.masterSku, batch: 'B1', quantity: 3, note: 'refund-only' },
    });
    expect(frozen.statusCode).toBe(201);

    const stops = (await api.request('viewer', { method: 'GET', url: '/api/v1/stops' })).json();
    expect(stops.list.entries).toEqual([
      { taskId: 'T1', orderId: 'taobao:TB1001', reason: 'refund', since: expect.any(String) },
      { taskId: 'T2', orderId: 'taobao:TB1002', reason: 'frozen-stock', since: expect.any(String) },
    ]);
    expect(stops.stops).toEqual([expect.objectContaining({ id: 'S1', orderId: 'taobao:TB1001', reason: 'refund', freezeId: 'F1' })]);
    const newer = (await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1002' })).json();
    expect(newer.task).toMatchObject({ status: 'blocked', block: { reason: 'frozen-stock', skus: [DRESS.masterSku] } });
    const stock = (await api.request('viewer', { method: 'GET', url: '/api/v1/stock' })).json().stock;
    expect(stock).toEqual([expect.objectContaining({ onHand: 3, reserved: 0, frozen: 3, available: 0, blocked: 1 })]);
    const blockedAlert = (await api.request('viewer', { method: 'GET', url: '/api/v1/alerts?open=true' })).json().alerts;
    expect(blockedAlert.map((a: { kind: string }) => a.kind)).toEqual(['freeze-created', 'task-blocked']);

    const rejected = await api.request('manager', {
      method: 'POST',
      url: '/api/v1/freezes/F1/reject',
      payload: { note: 'customer kept it' },
    });
    expect(rejected.statusCode).toBe(200);

    const after = (await api.request('viewer', { method: 'GET', url: '/api/v1/stops' })).json();
    expect(after).toEqual({ list: { version: stops.list.version + 1, entries: [] }, stops: [] });
    for (const orderId of ['taobao%3ATB1001', 'taobao%3ATB1002']) {
      const view = (await api.request('viewer', { method: 'GET', url: `/api/v1/orders/${orderId}` })).json();
      expect(view.task.status).toBe('released');
      expect(view.task.block).toBeUndefined();
    }

    const timeline = (await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1002/timeline' })).json();
    const steps = timeline.records.map((record: { command: { type: string }; events: Array<{ type: string; orderId?: string }> }) => [
      record.command.type,
      record.events.filter((event) => event.orderId === 'taobao:TB1002').map((event) => event.type),
    ]);
    expect(steps).toEqual([
      ['createOrder', ['order.created', 'order.released', 'task.released']],
      ['createFreeze', ['task.blocked']],
      // The task unblocks, and the task-blocked alert closes with it.
      ['rejectFreeze', ['task.unblocked', 'alert.closed']],
    ]);
    expect(timeline.records[1].audit).toMatchObject({ actor: { name: 'erp' }, reason: 'refund-only', raw: { quantity: 3 } });
    expect(timeline.records[2].audit).toMatchObject({ actor: { name: 'floor manager' }, reason: 'customer kept it' });
  });
});
