import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, type ApiTestApp } from '../../../../helpers/api-app.js';
import { dressOrder, managerContext } from '../../../../helpers/domain.js';

describe('mapping insight API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const put = (payload: object) => api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload });
  const get = (url: string) => api.request('viewer', { method: 'GET', url });
  const orderOf = (orderNo: string, channel: string, channelSku: string) =>
    api.request('integration', {
      method: 'POST',
      url: '/api/v1/orders',
      payload: { ...dressOrder(orderNo), channel, lines: [{ channelSku, quantity: 1 }] },
    });

  async function seedDouyin() {
    await put({ channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' });
    await put({ channel: 'douyin', channelSku: 'DY-BT-001', masterSku: 'BT-001' });
    await put({ channel: 'douyin', channelSku: 'DY-PB-001', masterSku: 'PB-001' });
    await put({ channel: 'taobao', channelSku: 'DY-BABY-SH-01', masterSku: 'OTHER' });
  }

  describe('GET /api/v1/mappings/unresolved', () => {
    it('lists the codes holding orders, with their orders and the top near misses of their channel', async () => {
      await seedDouyin();
      await orderOf('DY1', 'douyin', 'DY-BABY-SH-01');
      await orderOf('DY2', 'douyin', 'DY-BABY-SH-01');
      await orderOf('DY3', 'douyin', 'DY-BT-1');
      const res = await get('/api/v1/mappings/unresolved');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        codes: [
          {
            channel: 'douyin',
            channelSku: 'DY-BABY-SH-01',
            orders: ['douyin:DY1', 'douyin:DY2'],
            firstSeen: expect.any(String),
            suggestions: [{ channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01', distance: 0, kind: 'normalised' }],
          },
          {
            channel: 'douyin',
            channelSku: 'DY-BT-1',
            orders: ['douyin:DY3'],
            firstSeen: expect.any(String),
            suggestions: [{ channelSku: 'DY-BT-001', masterSku: 'BT-001', distance: 0, kind: 'normalised' }],
          },
        ],
      });
      const taobao = await get('/api/v1/mappings/unresolved?channel=taobao');
      expect(taobao.json()).toEqual({ codes: [] });
    });

    it('leaves out lines held only by a pending mapping change', async () => {
      await put(DRESS);
      await put({ ...DRESS, masterSku: 'DRESS-RED-L' });
      const created = await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1') });
      expect(created.json().order.status).toBe('held');
      expect((await get('/api/v1/mappings/unresolved')).json()).toEqual({ codes: [] });
    });

    it('gives suggestions from the table as it is now (the index follows every change)', async () => {
      await orderOf('DY1', 'douyin', 'DY-BABY-SH-01');
      expect((await get('/api/v1/mappings/unresolved')).json().codes[0].suggestions).toEqual([]);
      await put({ channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' });
      // The near-miss row does not resolve the order: it stays held, now with a suggestion.
      expect((await get('/api/v1/mappings/unresolved')).json().codes[0].suggestions).toEqual([
        expect.objectContaining({ channelSku: 'DY-BABY-SH-001' }),
      ]);
    });
  });

  describe('GET /api/v1/mappings/suggestions', () => {
    it('ranks near misses of any code, of one channel or all, up to the limit', async () => {
      await seedDouyin();
      const douyin = await get('/api/v1/mappings/suggestions?channel=douyin&code=dy_baby_sh_1');
      expect(douyin.statusCode).toBe(200);
      expect(douyin.json()).toEqual({
        suggestions: [{ channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01', distance: 0, kind: 'normalised' }],
      });
      const all = await get('/api/v1/mappings/suggestions?code=DY-BABY-SH-01');
      expect(all.json().suggestions.map((s: { channelSku: string }) => s.channelSku)).toEqual(['DY-BABY-SH-01', 'DY-BABY-SH-001']);
      const one = await get('/api/v1/mappings/suggestions?code=DY-BABY-SH-01&limit=1');
      expect(one.json().suggestions).toHaveLength(1);
      // Two edits from a five-character code is too far: the power bank is not offered for the headset.
      const far = await get('/api/v1/mappings/suggestions?channel=douyin&code=DY-BT-1');
      expect(far.json().suggestions.map((s: { masterSku: string }) => s.masterSku)).toEqual(['BT-001']);
    });

    it.each([
      ['no code', '?channel=douyin'],
      ['a limit of 0', '?code=A&limit=0'],
      ['an unknown channel', '?code=A&channel=ebay'],
      ['an unknown parameter', '?code=A&limt=2'],
    ])('is 400 BAD_REQUEST for %s', async (_name, query) => {
      const res = await get(`/api/v1/mappings/suggestions${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    });
  });

  describe('GET /api/v1/mappings/health', () => {
    it('counts matches per row, flags rows that never matched since they were set, and lists the unresolved codes', async () => {
      await put(DRESS);
      // Set two days ago (per the mapping log), never matched since.
      const twoDaysAgo = { ...managerContext(new Date(Date.now() - 48 * 3600 * 1000)) };
      expect(api.services.execute({ type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-9', masterSku: 'SOCK-01' }, twoDaysAgo).ok).toBe(true);
      await put({ channel: 'taobao', channelSku: 'BOOK-1', masterSku: 'BOOK-01' });
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1') });
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB2') });
      await orderOf('TB3', 'taobao', 'NOPE-1');
      const res = await get('/api/v1/mappings/health?staleAfterHours=24');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        rows: [
          { channel: 'taobao', channelSku: 'SOCK-9', masterSku: 'SOCK-01', matches: 0, status: 'unused', flagged: true },
          { channel: 'taobao', channelSku: 'BOOK-1', masterSku: 'BOOK-01', matches: 0, status: 'new', flagged: false },
          { ...DRESS, matches: 2, lastMatchedAt: expect.any(String), status: 'active', flagged: false },
        ],
        unresolved: [{ channel: 'taobao', channelSku: 'NOPE-1', orders: ['taobao:TB3'] }],
      });
    });

    it('is 400 BAD_REQUEST for a threshold that is not a whole number of hours', async () => {
      const res = await get('/api/v1/mappings/health?staleAfterHours=1.5');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    });
  });
});
