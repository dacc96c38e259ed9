import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';
import { hubFetch } from '../../../helpers/hub-http.js';

const HOUR = 3600_000;

interface FunnelBody {
  days: number;
  from: string;
  to: string;
  nodes: Array<{ node: string; reached: number; conversion: number | null; stuck: number; limitMs: number | null }>;
}
interface StuckBody {
  total: number;
  orders: Array<{ orderId: string; node: string; since: string }>;
}

describe('fulfilment funnel API (over real HTTP)', () => {
  let api: ApiTestApp;
  let url: string;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    await seedDressStock(api, 10);
    for (const orderNo of ['TB1', 'TB2', 'TB3']) {
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder(orderNo) });
    }
  });
  afterEach(() => api.close());

  const get = (path: string) => hubFetch(url, api.tokens.viewer, 'GET', path);
  const funnelOf = async (query = '') => (await (await get(`/funnel${query}`)).json()) as FunnelBody;
  const stuckOf = async (query = '') => (await (await get(`/funnel/stuck${query}`)).json()) as StuckBody;

  it('GET /api/v1/funnel counts the orders per node in the last day, with conversions', async () => {
    const res = await get('/funnel?days=1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as FunnelBody;
    expect(body.days).toBe(1);
    expect(new Date(body.to).getTime() - new Date(body.from).getTime()).toBe(24 * HOUR);
    expect(body.nodes).toEqual([
      { node: 'released', reached: 3, conversion: null, stuck: 0, limitMs: 4 * HOUR },
      { node: 'verified', reached: 0, conversion: 0, stuck: 0, limitMs: null },
      { node: 'labelled', reached: 0, conversion: null, stuck: 0, limitMs: 2 * HOUR },
      { node: 'handed-over', reached: 0, conversion: null, stuck: 0, limitMs: 4 * HOUR },
      { node: 'picked-up', reached: 0, conversion: null, stuck: 0, limitMs: null },
      { node: 'delivered', reached: 0, conversion: null, stuck: 0, limitMs: null },
    ]);
    expect((await funnelOf('?days=7')).days).toBe(7);
    expect((await funnelOf()).days).toBe(1);
  });

  it('GET /api/v1/funnel?since= counts from the asker\'s time (today by the tablet\'s clock) and refuses one too old, in the future, or with days', async () => {
    const since = new Date(Date.now() - 3 * HOUR).toISOString();
    const res = await get(`/funnel?since=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FunnelBody & { days: number | null };
    expect({ days: body.days, from: body.from, released: body.nodes[0]?.reached }).toEqual({ days: null, from: since, released: 3 });
    // Orders made before the window are not counted.
    const later = new Date(Date.now() + 1000).toISOString();
    expect((await funnelOf(`?since=${encodeURIComponent(new Date(Date.now() - 1).toISOString())}`)).nodes[0]?.reached).toBe(0);
    for (const query of [`since=${encodeURIComponent(later)}`, `since=${encodeURIComponent(new Date(Date.now() - 32 * 24 * HOUR).toISOString())}`, `since=${encodeURIComponent(since)}&days=7`, 'since=yesterday']) {
      const refused = await get(`/funnel?${query}`);
      expect(refused.status, query).toBe(400);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
  });

  it('GET /api/v1/funnel/stuck lists the orders the patrol found stuck, one node or all, oldest first', async () => {
    const later = new Date(Date.now() + 5 * HOUR);
    const patrolled = api.domain.execute({ type: 'patrol' }, { now: later, actor: { kind: 'system', id: 'patrol' } });
    expect(patrolled.ok).toBe(true);
    const funnel = await funnelOf();
    expect(funnel.nodes[0]).toMatchObject({ node: 'released', stuck: 3 });
    const stuck = await stuckOf('?node=released&limit=2');
    expect(stuck.total).toBe(3);
    expect(stuck.orders).toEqual([
      { orderId: 'taobao:TB1', node: 'released', since: expect.any(String) },
      { orderId: 'taobao:TB2', node: 'released', since: expect.any(String) },
    ]);
    expect(await stuckOf('?node=labelled')).toEqual({ total: 0, orders: [] });
    expect((await stuckOf()).total).toBe(3);
  });

  it('refuses a window other than 1 or 7 days, an unknown node and an oversized limit (BAD_REQUEST), and an anonymous caller', async () => {
    for (const path of ['/funnel?days=3', '/funnel?days=x', '/funnel?from=0', '/funnel/stuck?node=delivered', '/funnel/stuck?limit=1001']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('BAD_REQUEST');
    }
    expect((await fetch(`${url}/api/v1/funnel`)).status).toBe(401);
  });
});
