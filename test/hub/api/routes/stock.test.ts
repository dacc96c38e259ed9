import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('stock API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const count = (sku: string, payload: object) => api.request('manager', { method: 'PUT', url: `/api/v1/stock/${sku}`, payload });
  const adjust = (sku: string, payload: object) =>
    api.request('manager', { method: 'POST', url: `/api/v1/stock/${sku}/adjustments`, payload });
  const view = (query = '') => api.request('viewer', { method: 'GET', url: `/api/v1/stock${query}` });

  it('shows on hand, reserved, frozen and available per SKU and lot', async () => {
    await seedDressStock(api, 10);
    await count(DRESS.masterSku, { batch: 'B2', warehouse: 'WH-HZ', quantity: 5 });
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001', 3) });
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1002', 1) });
    await api.request('integration', { method: 'POST', url: '/api/v1/freezes', payload: { orderId: 'taobao:TB1002' } });
    const res = await view();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      stock: [
        {
          sku: DRESS.masterSku,
          tracked: true,
          onHand: 15,
          reserved: 3,
          frozen: 1,
          available: 11,
          blocked: 0,
          lots: [
            { batch: 'B1', onHand: 10 },
            { batch: 'B2', warehouse: 'WH-HZ', onHand: 5 },
          ],
        },
      ],
    });
  });

  it('shows a SKU in demand that was never counted as untracked, with null on hand', async () => {
    await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: DRESS });
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001', 2) });
    expect((await view()).json().stock).toEqual([
      { sku: DRESS.masterSku, tracked: false, onHand: null, reserved: 2, frozen: 0, available: null, blocked: 0, lots: [] },
    ]);
  });

  it('records a count (200) and an adjustment (201), answering the SKU row', async () => {
    const counted = await count('BT-001', { quantity: 4, note: 'cycle count' });
    expect(counted.statusCode).toBe(200);
    expect(counted.json().stock).toMatchObject({ sku: 'BT-001', onHand: 4, available: 4, lots: [{ onHand: 4 }] });
    const received = await adjust('BT-001', { delta: 6 });
    expect(received.statusCode).toBe(201);
    expect(received.json().stock).toMatchObject({ sku: 'BT-001', onHand: 10 });
    const written = await adjust('BT-001', { delta: -3, note: 'damaged' });
    expect(written.json().stock).toMatchObject({ onHand: 7 });
    expect(api.calls.map((call) => call.command)).toEqual([
      { type: 'setOnHand', sku: 'BT-001', quantity: 4, note: 'cycle count' },
      { type: 'adjustOnHand', sku: 'BT-001', delta: 6 },
      { type: 'adjustOnHand', sku: 'BT-001', delta: -3, note: 'damaged' },
    ]);
  });

  it('filters by SKU', async () => {
    await count('BT-001', { quantity: 4 });
    await count('BT-002', { quantity: 1 });
    expect((await view('?sku=BT-002')).json().stock.map((row: { sku: string }) => row.sku)).toEqual(['BT-002']);
    expect((await view('?sku=NOPE')).json().stock).toEqual([]);
  });

  it('refuses a write-off below zero or a zero delta: 400 BAD_QUANTITY', async () => {
    await count('BT-001', { quantity: 2 });
    for (const delta of [-3, 0]) {
      const res = await adjust('BT-001', { delta });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'BAD_QUANTITY', message: expect.any(String) } });
    }
  });

  it.each([
    ['a negative count', 'BT-001', { quantity: -1 }],
    ['a SKU in the body (the path names it)', 'BT-001', { sku: 'BT-002', quantity: 1 }],
    ['a SKU that is not a code', 'BT%20001', { quantity: 1 }],
    ['no quantity', 'BT-001', { batch: 'B1' }],
  ])('is 400 BAD_REQUEST for a count with %s', async (_name, sku, payload) => {
    const res = await count(sku, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(api.calls).toEqual([]);
  });

  it('is 400 BAD_REQUEST for an adjustment without a whole-number delta', async () => {
    for (const payload of [{}, { delta: 1.5 }, { delta: '2' }]) {
      const res = await adjust('BT-001', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
  });
});
