import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPMethods } from 'fastify';
import { ROLES, type Role } from '../../../../hub/access/roles.js';
import { buildApiTestApp, type ApiTestApp } from '../../../helpers/api-app.js';

/** Every route with the roles it admits (admin always; dock and manager wherever viewer is, manager wherever dock is). */
const ROUTES: ReadonlyArray<readonly [HTTPMethods, string, readonly Role[]]> = [
  ['POST', '/api/v1/orders', ['integration', 'manager']],
  ['GET', '/api/v1/orders?waybill=SF1', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/orders/held', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/orders/taobao%3ATB1', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/orders/taobao%3ATB1/timeline', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/orders/taobao%3ATB1/events', ['integration']],
  ['POST', '/api/v1/carrier-events', ['integration']],
  ['GET', '/api/v1/evidence?waybill=SF1', ['viewer', 'dock', 'manager']],
  // Evidence media show the shipping label: only the reading roles that see customers whole (seesCustomers).
  ['GET', '/api/v1/evidence/SF1/clip', ['manager']],
  ['GET', '/api/v1/evidence/SF1/photo', ['manager']],
  ['GET', '/api/v1/evidence/SF1/export', ['manager']],
  ['POST', '/api/v1/evidence/SF1/dispute', ['manager']],
  ['POST', '/api/v1/evidence/SF1/dispute/close', ['manager']],
  ['GET', '/api/v1/funnel', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/funnel/stuck', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/handovers', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/handovers/H1', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/handovers/H1/sheet', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/intercepts', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/handovers', ['dock', 'manager']],
  ['POST', '/api/v1/handovers/H1/scans', ['dock', 'manager']],
  ['POST', '/api/v1/handovers/H1/close', ['dock', 'manager']],
  ['POST', '/api/v1/withdrawals', ['dock', 'manager']],
  ['PUT', '/api/v1/mappings', ['manager']],
  ['GET', '/api/v1/mappings', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/stops', ['viewer', 'dock', 'manager']],
  ['DELETE', '/api/v1/mappings', ['manager']],
  ['GET', '/api/v1/mappings/pending', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/mappings/confirm', ['manager']],
  ['POST', '/api/v1/mappings/rollback', ['manager']],
  ['GET', '/api/v1/mappings/unresolved', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/mappings/suggestions?channel=douyin&code=DY-1', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/mappings/health', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/mappings/log', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/mappings/diff?from=0&to=0', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/mappings/export?format=csv', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/mappings/import?format=csv', ['manager']],
  ['GET', '/api/v1/mappings/stations', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/templates', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/templates/preview', ['viewer', 'dock', 'manager']],
  ['PUT', '/api/v1/templates/douyin', ['manager']],
  ['DELETE', '/api/v1/templates/douyin', ['manager']],
  ['POST', '/api/v1/templates/douyin/confirm', ['manager']],
  ['POST', '/api/v1/templates/douyin/rollback', ['manager']],
  ['GET', '/api/v1/catalog', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/catalog', ['manager']],
  ['PUT', '/api/v1/catalog/DRESS-RED-M', ['manager']],
  ['GET', '/api/v1/catalog/boxes', ['viewer', 'dock', 'manager']],
  ['PUT', '/api/v1/catalog/boxes/BOX-S', ['manager']],
  ['DELETE', '/api/v1/catalog/boxes/BOX-S', ['manager']],
  ['GET', '/api/v1/catalog/weights', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/catalog/weights/DRESS-RED-M/confirm', ['manager']],
  ['GET', '/api/v1/tablet/state', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/stops', ['manager']],
  ['DELETE', '/api/v1/stops/S1', ['manager']],
  ['GET', '/api/v1/freezes', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/freezes', ['integration', 'manager']],
  ['POST', '/api/v1/freezes/F1/approve', ['manager']],
  ['POST', '/api/v1/freezes/F1/reject', ['manager']],
  ['GET', '/api/v1/stock', ['viewer', 'dock', 'manager']],
  ['PUT', '/api/v1/stock/DRESS-RED-M', ['manager']],
  ['POST', '/api/v1/stock/DRESS-RED-M/adjustments', ['manager']],
  ['GET', '/api/v1/stations', ['viewer', 'dock', 'manager']],
  ['GET', '/api/v1/alerts', ['viewer', 'dock', 'manager']],
  ['POST', '/api/v1/alerts/1/ack', ['manager']],
];

describe('API access by role', () => {
  let api: ApiTestApp;
  const registered: string[] = [];
  beforeAll(async () => {
    api = await buildApiTestApp((app) => {
      app.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
      });
    });
  });
  afterAll(() => api.close());

  // A body that fails every schema: a refused caller must get 401/403, never 400 (the token is checked first).
  const badBody = { nonsense: true };
  const hasBody = (method: HTTPMethods) => method !== 'GET';

  it('covers every route the API registers', () => {
    const pattern = (url: string) => url.split('?')[0]!.replace(/\/boxes\/BOX-S/, '/boxes/:code').replace(/\/weights\/DRESS-RED-M\//, '/weights/:masterSku/').replace(/taobao%3ATB1/, ':orderId').replace(/\/S1$/, '/:stopId')
      .replace(/\/F1\//, '/:freezeId/').replace(/\/catalog\/DRESS-RED-M/, '/catalog/:masterSku').replace(/\/DRESS-RED-M/, '/:sku')
      .replace(/\/templates\/douyin/, '/templates/:channel').replace(/\/alerts\/1\//, '/alerts/:seq/')
      .replace(/\/handovers\/H1/, '/handovers/:batchId').replace(/\/evidence\/SF1\//, '/evidence/:waybill/');
    const listed = [...new Set(ROUTES.map(([method, url]) => `${method} ${pattern(url)}`))].sort();
    expect(listed).toEqual([...registered].sort());
  });

  it.each(ROUTES)('%s %s without a token is 401 UNAUTHORIZED', async (method, url) => {
    const res = await api.request('anonymous', { method, url, ...(hasBody(method) ? { payload: badBody } : {}) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });

  it.each(ROUTES)('%s %s with an unknown token is 401 UNAUTHORIZED', async (method, url) => {
    const res = await api.app.inject({ method, url, headers: { authorization: 'Bearer pg_forged' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHORIZED');
  });

  const refusals = ROUTES.flatMap(([method, url, allowed]) =>
    ROLES.filter((role) => role !== 'admin' && !allowed.includes(role)).map((role) => [method, url, role] as const),
  );
  it.each(refusals)('%s %s with a %s token is 403 FORBIDDEN', async (method, url, role) => {
    const res = await api.request(role, { method, url, ...(hasBody(method) ? { payload: badBody } : {}) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  // A video element seeks with Range: a part of the clip is refused as the whole is.
  it.each(['viewer', 'dock'] as const)('GET /api/v1/evidence/SF1/clip with a Range header and a %s token is 403 FORBIDDEN', async (role) => {
    const res = await api.request(role, { method: 'GET', url: '/api/v1/evidence/SF1/clip', headers: { range: 'bytes=0-99' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  const admissions = ROUTES.flatMap(([method, url, allowed]) =>
    (['admin', ...allowed] as const).map((role) => [method, url, role] as const),
  );
  it.each(admissions)('%s %s admits a %s token', async (method, url, role) => {
    const res = await api.request(role, { method, url, ...(hasBody(method) ? { payload: badBody } : {}) });
    expect([401, 403]).not.toContain(res.statusCode);
    expect(res.statusCode).toBeLessThan(500);
  });
});
