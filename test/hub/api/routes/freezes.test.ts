import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('freezes API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 10);
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001', 2) });
  });
  afterEach(() => api.close());

  const freeze = (payload: object, as: 'integration' | 'manager' = 'integration') =>
    api.request(as, { method: 'POST', url: '/api/v1/freezes', payload });
  const decide = (freezeId: string, action: 'approve' | 'reject', payload?: object) =>
    api.request('manager', { method: 'POST', url: `/api/v1/freezes/${freezeId}/${action}`, ...(payload ? { payload } : {}) });
  const list = (query = '') => api.request('viewer', { method: 'GET', url: `/api/v1/freezes${query}` });

  it('freezes an order: 201 with the freeze; its refund stop and the freeze list follow', async () => {
    const res = await freeze({ orderId: 'taobao:TB1001', batch: 'B1', ttlSeconds: 3600, note: 'refund-only request' });
    expect(res.statusCode).toBe(201);
    const created = res.json().freeze;
    expect(created).toEqual({
      id: 'F1',
      orderId: 'taobao:TB1001',
      lines: [{ sku: DRESS.masterSku, quantity: 2, batch: 'B1' }],
      status: 'pending',
      createdAt: expect.any(String),
      expiresAt: new Date(Date.parse(created.createdAt) + 3600_000).toISOString(),
      stopId: 'S1',
      note: 'refund-only request',
    });
    expect((await list()).json()).toEqual({
      list: { version: 1, entries: [{ sku: DRESS.masterSku, batch: 'B1', quantity: 2, exhausted: false }] },
      freezes: [created],
    });
    const stops = (await api.request('viewer', { method: 'GET', url: '/api/v1/stops' })).json();
    expect(stops.stops).toEqual([expect.objectContaining({ id: 'S1', reason: 'refund', freezeId: 'F1' })]);
  });

  it('approves: the freeze closes, the order and its task are cancelled', async () => {
    await freeze({ orderId: 'taobao:TB1001' }, 'manager');
    const res = await decide('F1', 'approve', { note: 'refund paid' });
    expect(res.statusCode).toBe(200);
    expect(res.json().freeze).toMatchObject({ id: 'F1', status: 'approved', closedAt: expect.any(String) });
    expect(api.calls.at(-1)!.command).toEqual({ type: 'approveFreeze', freezeId: 'F1', note: 'refund paid' });
    const order = (await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1001' })).json();
    expect(order.order.status).toBe('cancelled');
    expect(order.task).toMatchObject({ status: 'cancelled', cancelled: { at: expect.any(String), freezeId: 'F1' } });
  });

  it('rejects: the freeze closes and its refund stop is lifted', async () => {
    await freeze({ orderId: 'taobao:TB1001' });
    const res = await decide('F1', 'reject');
    expect(res.statusCode).toBe(200);
    expect(res.json().freeze).toMatchObject({ id: 'F1', status: 'rejected' });
    const stops = (await api.request('viewer', { method: 'GET', url: '/api/v1/stops' })).json();
    expect(stops.stops).toEqual([]);
  });

  it('filters by status and order', async () => {
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1002') });
    await freeze({ orderId: 'taobao:TB1001' });
    await freeze({ orderId: 'taobao:TB1002' });
    await decide('F1', 'reject');
    const ids = async (query: string) => (await list(query)).json().freezes.map((f: { id: string }) => f.id);
    expect(await ids('')).toEqual(['F1', 'F2']);
    expect(await ids('?status=pending')).toEqual(['F2']);
    expect(await ids('?status=rejected')).toEqual(['F1']);
    expect(await ids('?status=approved')).toEqual([]);
    expect(await ids('?orderId=taobao:TB1001')).toEqual(['F1']);
    const bad = await list('?status=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['ORDER_NOT_FOUND', 404, { orderId: 'taobao:NOPE' }],
    ['ORDER_ALREADY_FROZEN', 409, { orderId: 'taobao:TB1001' }],
  ])('refuses a freeze with %s', async (code, status, payload) => {
    await freeze({ orderId: 'taobao:TB1001' });
    const res = await freeze(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('refuses a freeze of a SKU the order lacks without a quantity: 400 BAD_QUANTITY', async () => {
    const res = await freeze({ orderId: 'taobao:TB1001', sku: 'SHOE-42' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_QUANTITY');
  });

  it('refuses a quantity without a SKU on an order of several SKUs: 400 FREEZE_SKU_REQUIRED', async () => {
    const boots = { channel: 'taobao', channelSku: 'BT-001', masterSku: 'BT-001' };
    await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: boots });
    await api.request('integration', {
      method: 'POST',
      url: '/api/v1/orders',
      payload: { ...dressOrder('TB1002'), lines: [{ channelSku: DRESS.channelSku, quantity: 1 }, { channelSku: 'BT-001', quantity: 1 }] },
    });
    const res = await freeze({ orderId: 'taobao:TB1002', quantity: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FREEZE_SKU_REQUIRED');
  });

  it.each([
    ['a time to live under a minute', { orderId: 'taobao:TB1001', ttlSeconds: 59 }],
    ['a zero quantity', { orderId: 'taobao:TB1001', sku: DRESS.masterSku, quantity: 0 }],
    ['a misspelt field', { orderId: 'taobao:TB1001', skus: [DRESS.masterSku] }],
    ['no order', {}],
  ])('is 400 BAD_REQUEST for a freeze with %s, and nothing is frozen', async (_name, payload) => {
    const res = await freeze(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect((await list()).json().freezes).toEqual([]);
  });

  it('is 404 FREEZE_NOT_FOUND for an unknown freeze and 409 FREEZE_NOT_PENDING for a decided one', async () => {
    const unknown = await decide('F9', 'approve');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('FREEZE_NOT_FOUND');
    await freeze({ orderId: 'taobao:TB1001' });
    await decide('F1', 'reject');
    for (const action of ['approve', 'reject'] as const) {
      const res = await decide('F1', action);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('FREEZE_NOT_PENDING');
    }
  });

  it('is 400 BAD_REQUEST for an unknown field in a decision', async () => {
    await freeze({ orderId: 'taobao:TB1001' });
    const res = await decide('F1', 'approve', { approved: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});
