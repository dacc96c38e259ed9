import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('order timeline API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 10);
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001') });
  });
  afterEach(() => api.close());

  const timeline = (query = '') => api.request('viewer', { method: 'GET', url: `/api/v1/orders/taobao%3ATB1001/timeline${query}` });
  const postEvent = (payload: object, orderId = 'taobao%3ATB1001') =>
    api.request('integration', { method: 'POST', url: `/api/v1/orders/${orderId}/events`, payload });
  const pickup = { type: 'carrier.pickup', source: 'sf-express', data: { courier: 'Li Lei', scannedAt: '2026-11-22T09:30:00+08:00' } };

  describe('GET /api/v1/orders/:orderId/timeline', () => {
    it("lists the order's records oldest first: release, stop, freeze, lift, with audit blocks", async () => {
      const payload = { orderId: 'taobao:TB1001', reason: 'manual', note: 'check address' };
      await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload });
      await api.request('manager', { method: 'DELETE', url: '/api/v1/stops/S1' });
      const res = await timeline();
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.orderId).toBe('taobao:TB1001');
      expect(body.before).toBeNull();
      expect(body.records.map((r: { kind: string; command: { type: string } }) => r.command.type)).toEqual([
        'createOrder',
        'stopTask',
        'liftStop',
      ]);
      expect(body.records[1]).toMatchObject({
        kind: 'domain',
        seq: expect.any(Number),
        at: expect.any(String),
        audit: { actor: { kind: 'token', name: 'floor manager' }, origin: '127.0.0.1', reason: 'check address', command: 'stopTask' },
        events: expect.arrayContaining([expect.objectContaining({ type: 'task.stopped', stopId: 'S1', orderId: 'taobao:TB1001' })]),
      });
    });

    it('pages backwards with limit and before', async () => {
      for (const reason of ['manual', 'fraud', 'cancel']) {
        await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload: { orderId: 'taobao:TB1001', reason } });
      }
      const all = (await timeline()).json().records.map((r: { seq: number }) => r.seq);
      expect(all).toHaveLength(4);
      const newest = (await timeline('?limit=3')).json();
      expect(newest.records.map((r: { seq: number }) => r.seq)).toEqual(all.slice(1));
      expect(newest.before).toBe(all[1]);
      const older = (await timeline(`?limit=3&before=${newest.before}`)).json();
      expect(older.records.map((r: { seq: number }) => r.seq)).toEqual(all.slice(0, 1));
      expect(older.before).toBeNull();
    });

    it('is 404 ORDER_NOT_FOUND for an order the hub never knew', async () => {
      const res = await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ANOPE/timeline' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'ORDER_NOT_FOUND', message: expect.any(String) } });
    });

    it.each(['?limit=0', '?limit=1001', '?limit=1.5', '?before=abc', '?page=2'])('is 400 BAD_REQUEST for %s', async (query) => {
      const res = await timeline(query);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    });
  });

  describe('POST /api/v1/orders/:orderId/events', () => {
    it('stores an outside fact under the order with an audit block and answers 201 with the record', async () => {
      const commands = api.calls.length;
      const res = await postEvent(pickup);
      expect(res.statusCode).toBe(201);
      const { record } = res.json();
      expect(record).toEqual({
        seq: api.history.lastSeq,
        at: expect.any(String),
        kind: 'external',
        orderId: 'taobao:TB1001',
        type: 'carrier.pickup',
        source: 'sf-express',
        data: pickup.data,
        audit: { at: record.at, actor: { kind: 'token', id: expect.any(String), name: 'erp' }, origin: '127.0.0.1', raw: pickup },
        keys: ['order:taobao:TB1001', 'task:T1'],
      });
      const records = (await timeline()).json().records;
      expect(records.at(-1)).toEqual(record);
      expect(api.calls).toHaveLength(commands); // a fact, not a domain command
    });

    it('stores an event without data as an empty object', async () => {
      const res = await postEvent({ type: 'customer.called', source: 'service-desk' });
      expect(res.statusCode).toBe(201);
      expect(res.json().record.data).toEqual({});
    });

    it('is 404 ORDER_NOT_FOUND for an unknown order, and stores nothing', async () => {
      const before = api.history.lastSeq;
      const res = await postEvent(pickup, 'taobao%3ANOPE');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORDER_NOT_FOUND');
      expect(api.history.lastSeq).toBe(before);
    });

    it.each([
      ['a type that is not a dotted name', { ...pickup, type: 'Pickup!' }],
      ['no source', { type: 'carrier.pickup' }],
      ['data that is not an object', { ...pickup, data: 'picked up' }],
      ['an unknown field', { ...pickup, when: 'now' }],
    ])('is 400 BAD_REQUEST for %s', async (_name, payload) => {
      const before = api.history.lastSeq;
      const res = await postEvent(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      expect(api.history.lastSeq).toBe(before);
    });
  });
});
