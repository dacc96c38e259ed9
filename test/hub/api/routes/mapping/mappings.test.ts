import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, type ApiTestApp } from '../../../../helpers/api-app.js';
import { dressOrder } from '../../../../helpers/domain.js';

describe('mappings API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const put = (payload: object) => api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload });

  describe('PUT /api/v1/mappings', () => {
    it('sets a row and releases the held orders it completes', async () => {
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001') });
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1002') });
      const res = await put({ ...DRESS, note: 'new season' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        mapping: { channel: 'taobao', channelSku: DRESS.channelSku, masterSku: DRESS.masterSku },
        previous: null,
        changed: true,
        released: ['taobao:TB1001', 'taobao:TB1002'],
        held: 0,
      });
      expect(api.calls.slice(-2).map((call) => call.command)).toEqual([
        { type: 'setMapping', ...DRESS, note: 'new season' },
        { type: 'resolveHeldOrders' },
      ]);
      const order = await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1002' });
      expect(order.json().task).toMatchObject({ id: 'T2', status: 'released' });
    });

    it('says what a row mapped to before, and that a repeat changes nothing', async () => {
      await put(DRESS);
      const moved = await put({ ...DRESS, masterSku: 'DRESS-RED-L' });
      expect(moved.json()).toMatchObject({ previous: DRESS.masterSku, changed: true, released: [] });
      const repeat = await put({ ...DRESS, masterSku: 'DRESS-RED-L' });
      expect(repeat.json()).toMatchObject({ previous: 'DRESS-RED-L', changed: false });
    });

    it('keeps orders held while another of their lines is unmapped', async () => {
      await api.request('integration', {
        method: 'POST',
        url: '/api/v1/orders',
        payload: { ...dressOrder('TB1001'), lines: [{ channelSku: DRESS.channelSku, quantity: 1 }, { channelSku: 'BT-001', quantity: 1 }] },
      });
      expect((await put(DRESS)).json()).toMatchObject({ released: [], held: 1 });
    });

    it.each([
      ['an unknown channel', { ...DRESS, channel: 'amazon' }],
      ['no master SKU', { channel: 'taobao', channelSku: DRESS.channelSku }],
      ['a SKU with a space', { ...DRESS, masterSku: 'DRESS RED' }],
      ['an unknown field', { ...DRESS, confirm: true }],
    ])('is 400 BAD_REQUEST for %s', async (_name, payload) => {
      const res = await put(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      expect(api.calls).toEqual([]);
    });
  });

  describe('GET /api/v1/mappings', () => {
    it('lists the rows by channel and channel SKU, optionally of one channel', async () => {
      await put({ channel: 'taobao', channelSku: 'Z-1', masterSku: 'Z' });
      await put({ channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: DRESS.masterSku });
      await put(DRESS);
      const all = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings' });
      expect(all.statusCode).toBe(200);
      expect(all.json().mappings).toEqual([
        { channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: DRESS.masterSku },
        { channel: 'taobao', channelSku: DRESS.channelSku, masterSku: DRESS.masterSku },
        { channel: 'taobao', channelSku: 'Z-1', masterSku: 'Z' },
      ]);
      const douyin = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings?channel=douyin' });
      expect(douyin.json().mappings).toHaveLength(1);
      const bad = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings?channel=ebay' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('BAD_REQUEST');
    });
  });

  describe('DELETE /api/v1/mappings', () => {
    const remove = (payload: object) => api.request('manager', { method: 'DELETE', url: '/api/v1/mappings', payload });

    it('removes a row; orders with its code are held from then on', async () => {
      await put(DRESS);
      const res = await remove({ channel: DRESS.channel, channelSku: DRESS.channelSku, note: 'discontinued' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ mapping: DRESS });
      expect((await api.request('viewer', { method: 'GET', url: '/api/v1/mappings' })).json().mappings).toEqual([]);
      const order = await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1001') });
      expect(order.json().order.status).toBe('held');
    });

    it('is 404 MAPPING_NOT_FOUND for no such row and 409 MAPPING_PENDING while its change waits', async () => {
      const missing = await remove({ channel: DRESS.channel, channelSku: DRESS.channelSku });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('MAPPING_NOT_FOUND');
      await put(DRESS);
      await put({ ...DRESS, masterSku: 'DRESS-RED-L' });
      const pending = await remove({ channel: DRESS.channel, channelSku: DRESS.channelSku });
      expect(pending.statusCode).toBe(409);
      expect(pending.json().error.code).toBe('MAPPING_PENDING');
    });
  });
});
