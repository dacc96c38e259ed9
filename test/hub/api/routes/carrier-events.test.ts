import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CARRIER_PUSH_EVENTS } from '../../../../protocol/carrier-events.js';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('carrier events API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 10);
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001') });
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1002') });
  });
  afterEach(() => api.close());

  const post = (payload: object, orderId = 'taobao%3ATB1001') =>
    api.request('integration', { method: 'POST', url: `/api/v1/orders/${orderId}/events`, payload });
  const push = (payload: object) => api.request('integration', { method: 'POST', url: '/api/v1/carrier-events', payload });
  const view = async (orderId = 'taobao%3ATB1001') => (await api.request('viewer', { method: 'GET', url: `/api/v1/orders/${orderId}` })).json();
  const pickedUp = { type: 'carrier.picked_up', source: 'sf-express', eventId: 'SF-EV-1', occurredAt: '2026-11-22T09:30:00+08:00' };

  describe('POST /api/v1/orders/:orderId/events', () => {
    it('moves the order to picked-up: 201 with the domain record, shown in the order and its timeline', async () => {
      const res = await post(pickedUp);
      expect(res.statusCode).toBe(201);
      expect(res.json().record).toMatchObject({
        kind: 'domain',
        command: { type: 'carrierEvent', orderId: 'taobao:TB1001', carrier: 'sf-express', event: 'carrier.picked_up' },
        events: [expect.objectContaining({ type: 'order.carrier-event', node: 'picked-up', occurredAt: '2026-11-22T01:30:00.000Z' })],
      });
      expect((await view()).fulfilment).toMatchObject({ node: 'picked-up', at: { 'picked-up': '2026-11-22T01:30:00.000Z' } });
      const timeline = (await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1001/timeline' })).json();
      expect(timeline.fulfilment.node).toBe('picked-up');
      expect(timeline.records.at(-1).command.type).toBe('carrierEvent');
    });

    it('stores a duplicate once: 200 {record: null, duplicate: true}', async () => {
      await post(pickedUp);
      const seq = api.history.lastSeq;
      const res = await post(pickedUp);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ record: null, duplicate: true });
      expect(api.history.lastSeq).toBe(seq);
    });

    it('is 404 ORDER_NOT_FOUND for an unknown order, and stores nothing', async () => {
      const seq = api.history.lastSeq;
      const res = await post(pickedUp, 'taobao%3ANOPE');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORDER_NOT_FOUND');
      expect(api.history.lastSeq).toBe(seq);
    });

    it.each([
      ['no eventId', { type: 'carrier.delivered', source: 'sf-express' }, 'BAD_COMMAND'],
      ['a carrier id that is not one', { ...pickedUp, source: 'SF Express' }, 'BAD_COMMAND'],
      ['an occurredAt that is no time', { ...pickedUp, occurredAt: 'yesterday' }, 'BAD_REQUEST'],
    ])('is 400 for %s', async (_name, payload, code) => {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    });

    it('is for integration tokens only', async () => {
      const res = await api.request('manager', { method: 'POST', url: '/api/v1/orders/taobao%3ATB1001/events', payload: pickedUp });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('POST /api/v1/carrier-events', () => {
    it('applies each event of a push by order id or waybill, and says what became of each', async () => {
      const res = await push({
        carrier: 'sf-express',
        events: [
          { type: 'carrier.picked_up', eventId: 'A1', waybill: 'sftb1001' },
          { type: 'carrier.picked_up', eventId: 'A1', waybill: 'SFTB1001' },
          { type: 'carrier.delivered', eventId: 'A2', orderId: 'taobao:TB1002' },
          { type: 'carrier.in_transit', eventId: 'A3', waybill: 'NOBODY' },
          { type: 'carrier.in_transit', eventId: 'A4', orderId: 'taobao:NOPE' },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        stored: 2,
        duplicates: 1,
        refused: 2,
        results: [
          { eventId: 'A1', status: 'stored', orderId: 'taobao:TB1001' },
          { eventId: 'A1', status: 'duplicate', orderId: 'taobao:TB1001' },
          { eventId: 'A2', status: 'stored', orderId: 'taobao:TB1002' },
          { eventId: 'A3', status: 'refused', code: 'ORDER_NOT_FOUND', message: expect.any(String) },
          { eventId: 'A4', status: 'refused', orderId: 'taobao:NOPE', code: 'ORDER_NOT_FOUND', message: expect.any(String) },
        ],
      });
      expect((await view()).fulfilment.node).toBe('picked-up');
      expect((await view('taobao%3ATB1002')).fulfilment.node).toBe('delivered');
    });

    it(`refuses more than ${MAX_CARRIER_PUSH_EVENTS} events (400) and a body over its size bound (413)`, async () => {
      const event = (i: number) => ({ type: 'carrier.in_transit', eventId: `E${i}`, orderId: 'taobao:TB1001' });
      const many = await push({ carrier: 'zto', events: Array.from({ length: MAX_CARRIER_PUSH_EVENTS + 1 }, (_, i) => event(i)) });
      expect(many.statusCode).toBe(400);
      const huge = await push({ carrier: 'zto', events: [{ ...event(1), detail: 'x'.repeat(600 * 1024) }] });
      expect(huge.statusCode).toBe(413);
    });
  });
});
