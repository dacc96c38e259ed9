import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, seedDressStock, type ApiTestApp } from '../../../../helpers/api-app.js';
import { dressOrder } from '../../../../helpers/domain.js';

describe('mapping circuit breaker API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const post = (action: string, payload: object, as: 'manager' | 'viewer' = 'manager') =>
    api.request(as, { method: 'POST', url: `/api/v1/mappings/${action}`, payload });
  const order = (orderNo: string) => api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder(orderNo) });
  const pending = () => api.request('viewer', { method: 'GET', url: '/api/v1/mappings/pending' });

  /** The dress is mapped and a released order of it exists; then its row points at the L size. */
  async function changeDress() {
    await seedDressStock(api, 10);
    await order('TB1001');
    const moved = await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: { ...DRESS, masterSku: 'DRESS-RED-L' } });
    expect(moved.statusCode).toBe(200);
    await order('TB1002');
  }

  it('lists a changed row with the old and new master SKU, and no templates', async () => {
    expect((await pending()).json()).toEqual({ rows: [], templates: [] });
    await changeDress();
    const res = await pending();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      rows: [
        {
          channel: 'taobao',
          channelSku: DRESS.channelSku,
          previous: DRESS.masterSku,
          masterSku: 'DRESS-RED-L',
          skus: [DRESS.masterSku, 'DRESS-RED-L'],
          since: expect.any(String),
          heldOrders: ['taobao:TB1001', 'taobao:TB1002'],
        },
      ],
      templates: [],
    });
  });

  it('confirm keeps the new row, releases the held order and unblocks the task', async () => {
    await changeDress();
    const held = await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1002' });
    expect(held.json().order.status).toBe('held');
    const res = await post('confirm', { channel: 'taobao', channelSku: DRESS.channelSku, note: 'new season sizes' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      mapping: { channel: 'taobao', channelSku: DRESS.channelSku, masterSku: 'DRESS-RED-L' },
      previous: DRESS.masterSku,
      released: ['taobao:TB1002'],
    });
    expect(api.calls.at(-1)?.command).toEqual({ type: 'confirmMapping', channel: 'taobao', channelSku: DRESS.channelSku, note: 'new season sizes' });
    expect((await pending()).json().rows).toEqual([]);
    const first = await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1001' });
    expect(first.json().task.status).toBe('released');
    const second = await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1002' });
    expect(second.json().order.lines[0].masterSku).toBe('DRESS-RED-L');
  });

  it('rollback restores the confirmed row and says what it replaced', async () => {
    await changeDress();
    const res = await post('rollback', { channel: 'taobao', channelSku: DRESS.channelSku });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      mapping: { channel: 'taobao', channelSku: DRESS.channelSku, masterSku: DRESS.masterSku },
      previous: 'DRESS-RED-L',
      released: ['taobao:TB1002'],
    });
    const rows = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings?channel=taobao' });
    expect(rows.json().mappings).toEqual([DRESS]);
  });

  it.each(['confirm', 'rollback'])('%s is 409 MAPPING_NOT_PENDING when nothing waits', async (action) => {
    await seedDressStock(api, 1);
    const res = await post(action, { channel: 'taobao', channelSku: DRESS.channelSku });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('MAPPING_NOT_PENDING');
  });

  it('needs a manager to decide, and a valid body', async () => {
    await changeDress();
    const viewer = await post('confirm', { channel: 'taobao', channelSku: DRESS.channelSku }, 'viewer');
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.code).toBe('FORBIDDEN');
    const bad = await post('confirm', { channel: 'taobao', channelSku: DRESS.channelSku, masterSku: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
    expect((await pending()).json().rows).toHaveLength(1);
  });
});
