import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('orders API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const post = (payload: unknown, as: 'integration' | 'manager' = 'integration') =>
    api.request(as, { method: 'POST', url: '/api/v1/orders', payload: payload as object });
  const get = (url: string) => api.request('viewer', { method: 'GET', url });

  describe('POST /api/v1/orders', () => {
    it('releases a mapped order as a pack task: 201 with the order and its task', async () => {
      await seedDressStock(api, 10);
      const res = await post(dressOrder('TB1001', 2));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        order: {
          id: 'taobao:TB1001',
          channel: 'taobao',
          orderNo: 'TB1001',
          waybill: 'SFTB1001',
          label: dressOrder().label,
          lines: [{ channelSku: DRESS.channelSku, quantity: 2, masterSku: DRESS.masterSku }],
          parcels: [{ waybill: 'SFTB1001' }],
          status: 'released',
          createdAt: expect.any(String),
          taskId: 'T1',
          releasedAt: expect.any(String),
        },
        fulfilment: { node: 'released', at: { released: body.order.releasedAt } },
        task: {
          id: 'T1',
          no: 1,
          orderId: 'taobao:TB1001',
          status: 'released',
          progress: 'released',
          lines: [{ sku: DRESS.masterSku, quantity: 2 }],
          releasedAt: expect.any(String),
        },
        stops: [],
        freezes: [],
      });
    });

    it('holds an order whose channel SKU has no mapping: 201 with the hold reasons and no task', async () => {
      const res = await post(dressOrder('TB1001'), 'manager');
      expect(res.statusCode).toBe(201);
      expect(res.json().order).toMatchObject({
        status: 'held',
        hold: { since: expect.any(String), unresolved: [{ line: 0, channelSku: DRESS.channelSku }] },
      });
      expect(res.json().task).toBeNull();
    });

    it('records who posted it, from where, with the raw body', async () => {
      await post(dressOrder('TB1001'));
      expect(api.calls).toHaveLength(1);
      expect(api.calls[0]!.command).toEqual({ type: 'createOrder', ...dressOrder('TB1001') });
      expect(api.calls[0]!.context).toMatchObject({
        actor: { kind: 'token', name: 'erp' },
        origin: '127.0.0.1',
        raw: dressOrder('TB1001'),
      });
    });

    it.each([
      ['ORDER_EXISTS', dressOrder('TB1001')],
      ['WAYBILL_EXISTS', { ...dressOrder('TB2002'), waybill: 'SFTB1001' }],
    ])('refuses a clash with 409 %s', async (code, second) => {
      expect((await post(dressOrder('TB1001'))).statusCode).toBe(201);
      const res = await post(second);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
    });

    it.each([
      ['no lines', { ...dressOrder(), lines: [] }],
      ['an unknown channel', { ...dressOrder(), channel: 'ebay' }],
      ['a quantity as text', { ...dressOrder(), lines: [{ channelSku: DRESS.channelSku, quantity: '2' }] }],
      ['a zero quantity', { ...dressOrder(), lines: [{ channelSku: DRESS.channelSku, quantity: 0 }] }],
      ['an unknown field', { ...dressOrder(), priority: 'high' }],
      ['a missing label', { ...dressOrder(), label: undefined }],
      ['no body at all', undefined],
    ])('refuses a body with %s: 400 BAD_REQUEST, nothing executed', async (_name, payload) => {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
      expect(api.calls).toEqual([]);
    });

    it('names the field it refuses', async () => {
      const res = await post({ ...dressOrder(), priority: 'high' });
      expect(res.json().error.message).toBe('body/priority is not allowed');
    });
  });

  describe('GET /api/v1/orders/:orderId', () => {
    it('answers an order by its URL-encoded id, with task status, stops and freezes', async () => {
      await seedDressStock(api, 10);
      await post(dressOrder('TB1001'));
      const stop = { orderId: 'taobao:TB1001', reason: 'address-change' };
      await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload: stop });
      await api.request('manager', { method: 'POST', url: '/api/v1/freezes', payload: { orderId: 'taobao:TB1001' } });
      for (const url of ['/api/v1/orders/taobao%3ATB1001', '/api/v1/orders/taobao:TB1001']) {
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.order.id).toBe('taobao:TB1001');
        expect(body.task).toMatchObject({ id: 'T1', status: 'stopped', progress: 'released' });
        expect(body.stops.map((stop: { id: string; reason: string }) => [stop.id, stop.reason])).toEqual([
          ['S1', 'address-change'],
          ['S2', 'refund'],
        ]);
        expect(body.freezes).toEqual([
          expect.objectContaining({ id: 'F1', status: 'pending', stopId: 'S2', lines: [{ sku: DRESS.masterSku, quantity: 1 }] }),
        ]);
      }
    });

    it('answers an order number holding a slash when it is sent as %2F', async () => {
      await post({ ...dressOrder(), orderNo: 'TB/77', waybill: 'SF77' });
      const res = await get('/api/v1/orders/taobao%3ATB%2F77');
      expect(res.statusCode).toBe(200);
      expect(res.json().order.id).toBe('taobao:TB/77');
    });

    it('is 404 ORDER_NOT_FOUND for an unknown order, and for a name of the object prototype', async () => {
      for (const id of ['taobao%3ANOPE', 'constructor', '__proto__']) {
        const res = await get(`/api/v1/orders/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'ORDER_NOT_FOUND', message: expect.any(String) } });
      }
    });

    it('is 400 BAD_REQUEST for an id too short to be one, or a query it does not read', async () => {
      for (const url of ['/api/v1/orders/ab', '/api/v1/orders/taobao%3ATB1001?full=1', '/api/v1/orders/held?channel=taobao']) {
        const res = await get(url);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('BAD_REQUEST');
      }
    });
  });

  describe('GET /api/v1/orders?waybill=', () => {
    it('finds the order of a waybill, held or released', async () => {
      await post(dressOrder('TB1001'));
      const res = await get('/api/v1/orders?waybill=SFTB1001');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ order: { id: 'taobao:TB1001', status: 'held' }, task: null });
    });

    it('prefers the live order over a cancelled one with the same waybill', async () => {
      await seedDressStock(api, 10);
      await post(dressOrder('TB1001'));
      await api.request('manager', { method: 'POST', url: '/api/v1/freezes', payload: { orderId: 'taobao:TB1001' } });
      await api.request('manager', { method: 'POST', url: '/api/v1/freezes/F1/approve' });
      expect((await get('/api/v1/orders?waybill=SFTB1001')).json().order).toMatchObject({ id: 'taobao:TB1001', status: 'cancelled' });
      await post({ ...dressOrder('TB1002'), waybill: 'SFTB1001' });
      expect((await get('/api/v1/orders?waybill=SFTB1001')).json().order).toMatchObject({ id: 'taobao:TB1002', status: 'released' });
    });

    it('is 404 ORDER_NOT_FOUND for an unknown waybill and 400 BAD_REQUEST without one', async () => {
      const unknown = await get('/api/v1/orders?waybill=SF000');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('ORDER_NOT_FOUND');
      for (const url of ['/api/v1/orders', '/api/v1/orders?waybill=', '/api/v1/orders?waybill=SF1&status=held']) {
        const res = await get(url);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('BAD_REQUEST');
      }
    });
  });

  describe('GET /api/v1/orders/held', () => {
    it('lists the held orders oldest first with the lines that do not resolve, and drops them once released', async () => {
      await post(dressOrder('TB1001'));
      const lines = [
        { channelSku: 'DY-BT-002', quantity: 1 },
        { channelSku: DRESS.channelSku, quantity: 1 },
      ];
      await post({ ...dressOrder('TB1002'), lines });
      let res = await get('/api/v1/orders/held');
      expect(res.statusCode).toBe(200);
      expect(res.json().orders.map((o: { id: string; hold: unknown }) => [o.id, o.hold])).toEqual([
        ['taobao:TB1001', { since: expect.any(String), unresolved: [{ line: 0, channelSku: DRESS.channelSku }] }],
        [
          'taobao:TB1002',
          {
            since: expect.any(String),
            unresolved: [
              { line: 0, channelSku: 'DY-BT-002' },
              { line: 1, channelSku: DRESS.channelSku },
            ],
          },
        ],
      ]);
      await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: DRESS });
      res = await get('/api/v1/orders/held');
      expect(res.json().orders).toEqual([
        expect.objectContaining({
          id: 'taobao:TB1002',
          hold: { since: expect.any(String), unresolved: [{ line: 0, channelSku: 'DY-BT-002' }] },
        }),
      ]);
    });
  });
  describe('an order held back by a mapping change awaiting confirmation', () => {
    it('reads through GET /api/v1/orders/:id and /api/v1/stops with the mapping-pending reasons', async () => {
      await seedDressStock(api, 10);
      expect((await post(dressOrder('TB2001'))).statusCode).toBe(201);
      const remap = { ...DRESS, masterSku: 'DRESS-RED-L' };
      expect((await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: remap })).statusCode).toBe(200);
      expect((await post(dressOrder('TB2002'))).statusCode).toBe(201);

      const released = await get('/api/v1/orders/taobao:TB2001');
      expect(released.statusCode).toBe(200);
      expect(released.json().task).toMatchObject({ status: 'blocked', block: { reason: 'mapping-pending' } });
      const held = await get('/api/v1/orders/taobao:TB2002');
      expect(held.statusCode).toBe(200);
      expect(held.json().order.hold.unresolved).toEqual([
        { line: 0, channelSku: DRESS.channelSku, pending: expect.any(String) },
      ]);
      const stops = await get('/api/v1/stops');
      expect(stops.statusCode).toBe(200);
      expect(stops.json().list.entries).toEqual([expect.objectContaining({ orderId: 'taobao:TB2001', reason: 'mapping-pending' })]);
    });
  });
});
