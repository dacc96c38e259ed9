import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('stops API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 10);
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001') });
  });
  afterEach(() => api.close());

  const stop = (payload: object) => api.request('manager', { method: 'POST', url: '/api/v1/stops', payload });
  const list = () => api.request('viewer', { method: 'GET', url: '/api/v1/stops' });
  const lift = (stopId: string, options: { payload?: object; query?: string } = {}) =>
    api.request('manager', {
      method: 'DELETE',
      url: `/api/v1/stops/${stopId}${options.query ?? ''}`,
      ...(options.payload ? { payload: options.payload } : {}),
    });

  it('starts with an empty stop list at version 0', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ list: { version: 0, entries: [] }, stops: [] });
  });

  it('is 400 BAD_REQUEST for a query parameter the list does not read', async () => {
    const res = await api.request('viewer', { method: 'GET', url: '/api/v1/stops?version=3' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'querystring/version is not allowed' } });
  });

  it('stops a task: 201 with the stop; the stop list rises a version and lists the task', async () => {
    const res = await stop({ orderId: 'taobao:TB1001', reason: 'fraud', note: 'chargeback ring' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      stop: { id: 'S1', orderId: 'taobao:TB1001', reason: 'fraud', since: expect.any(String), note: 'chargeback ring' },
    });
    expect((await list()).json()).toEqual({
      list: { version: 1, entries: [{ taskId: 'T1', orderId: 'taobao:TB1001', reason: 'fraud', since: expect.any(String) }] },
      stops: [res.json().stop],
    });
  });

  it('lifts a stop: 200 with the stop lifted, the note from the body or the query kept as the reason', async () => {
    await stop({ orderId: 'taobao:TB1001', reason: 'manual' });
    await stop({ orderId: 'taobao:TB1001', reason: 'cancel' });
    const first = await lift('S1', { payload: { note: 'address checked' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ stop: expect.objectContaining({ id: 'S1', reason: 'manual' }) });
    const second = await lift('S2', { query: '?note=customer%20kept%20it' });
    expect(second.statusCode).toBe(200);
    expect(api.calls.slice(-2).map((call) => call.command)).toEqual([
      { type: 'liftStop', stopId: 'S1', note: 'address checked' },
      { type: 'liftStop', stopId: 'S2', note: 'customer kept it' },
    ]);
    expect((await list()).json()).toEqual({ list: { version: 4, entries: [] }, stops: [] });
  });

  it('lifts a stop with no body and no note', async () => {
    await stop({ orderId: 'taobao:TB1001', reason: 'manual' });
    const res = await lift('S1');
    expect(res.statusCode).toBe(200);
    expect(api.calls.at(-1)!.command).toEqual({ type: 'liftStop', stopId: 'S1' });
  });

  it.each([
    ['ORDER_NOT_FOUND', 404, { orderId: 'taobao:NOPE', reason: 'manual' }],
    ['STOP_EXISTS', 409, { orderId: 'taobao:TB1001', reason: 'manual' }],
  ])('refuses a stop with %s', async (code, status, payload) => {
    await stop({ orderId: 'taobao:TB1001', reason: 'manual' });
    const res = await stop(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it.each([
    ['the refund reason (freezes make those)', { orderId: 'taobao:TB1001', reason: 'refund' }],
    ['no reason', { orderId: 'taobao:TB1001' }],
    ['a note over 500 characters', { orderId: 'taobao:TB1001', reason: 'manual', note: 'x'.repeat(501) }],
  ])('is 400 BAD_REQUEST for a stop with %s', async (_name, payload) => {
    const res = await stop(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('is 404 STOP_NOT_FOUND for a stop that never was or was lifted', async () => {
    await stop({ orderId: 'taobao:TB1001', reason: 'manual' });
    await lift('S1');
    for (const id of ['S1', 'S99']) {
      const res = await lift(id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('STOP_NOT_FOUND');
    }
  });

  it('is 409 STOP_HELD_BY_FREEZE for a refund stop, and 409 ORDER_CANCELLED once the freeze released the order', async () => {
    await api.request('manager', { method: 'POST', url: '/api/v1/freezes', payload: { orderId: 'taobao:TB1001' } });
    const held = await lift('S1');
    expect(held.statusCode).toBe(409);
    expect(held.json().error.code).toBe('STOP_HELD_BY_FREEZE');
    await api.request('manager', { method: 'POST', url: '/api/v1/freezes/F1/approve' });
    const cancelled = await stop({ orderId: 'taobao:TB1001', reason: 'manual' });
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().error.code).toBe('ORDER_CANCELLED');
  });

  it('is 400 BAD_REQUEST for an unknown field in the lift body', async () => {
    await stop({ orderId: 'taobao:TB1001', reason: 'manual' });
    const res = await lift('S1', { payload: { reason: 'oops' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});
