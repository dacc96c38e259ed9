import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHealthRoute } from '../../../hub/api/health.js';
import { registerMetricsRoute } from '../../../hub/api/metrics.js';
import { OPENAPI_PATH, registerOpenApi } from '../../../hub/api/openapi.js';
import { buildApiTestApp, type ApiTestApp } from '../../helpers/api-app.js';

interface Operation {
  tags?: string[];
  description?: string;
  security?: unknown[];
  requestBody?: { required: boolean; content: Record<string, { schema: unknown }> };
  parameters?: Array<{ in: string; name: string }>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

describe('OpenAPI document', () => {
  let api: ApiTestApp;
  let doc: Doc;
  beforeAll(async () => {
    api = await buildApiTestApp(async (app, tokens) => {
      await registerOpenApi(app);
      const zero = () => 0;
      const ingest = () => ({ accepted: 0, duplicates: 0, rejected: {} });
      registerHealthRoute(app, { brokerConnected: () => true, ingest, lastSeq: zero, tablets: zero });
      const source = { ingest, alertsOpen: zero, stationsOnline: zero, tablets: zero, brokerRefusals: () => undefined };
      registerMetricsRoute(app, source, tokens);
      app.get('/tablet.js', async () => 'not an API route');
    });
    const res = await api.app.inject({ method: 'GET', url: OPENAPI_PATH });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => api.close());

  it('is served without a token as OpenAPI 3.1 with a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('packgate hub API');
    expect(doc.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
  });

  it('lists the API, health and metrics, and nothing else', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      [
        'GET /api/v1/health',
        'GET /metrics',
        'POST /api/v1/orders',
        'GET /api/v1/orders',
        'GET /api/v1/orders/held',
        'GET /api/v1/orders/{orderId}',
        'GET /api/v1/orders/{orderId}/timeline',
        'POST /api/v1/orders/{orderId}/events',
        'POST /api/v1/carrier-events',
        'GET /api/v1/handovers',
        'POST /api/v1/handovers',
        'GET /api/v1/handovers/{batchId}',
        'GET /api/v1/handovers/{batchId}/sheet',
        'GET /api/v1/intercepts',
        'POST /api/v1/handovers/{batchId}/scans',
        'POST /api/v1/handovers/{batchId}/close',
        'POST /api/v1/withdrawals',
        'GET /api/v1/evidence',
        'GET /api/v1/evidence/{waybill}/clip',
        'GET /api/v1/evidence/{waybill}/photo',
        'GET /api/v1/evidence/{waybill}/export',
        'POST /api/v1/evidence/{waybill}/dispute',
        'POST /api/v1/evidence/{waybill}/dispute/close',
        'GET /api/v1/funnel',
        'GET /api/v1/funnel/stuck',
        'PUT /api/v1/mappings',
        'GET /api/v1/mappings',
        'DELETE /api/v1/mappings',
        'GET /api/v1/mappings/pending',
        'POST /api/v1/mappings/confirm',
        'POST /api/v1/mappings/rollback',
        'GET /api/v1/mappings/unresolved',
        'GET /api/v1/mappings/suggestions',
        'GET /api/v1/mappings/health',
        'GET /api/v1/mappings/log',
        'GET /api/v1/mappings/diff',
        'GET /api/v1/mappings/export',
        'POST /api/v1/mappings/import',
        'GET /api/v1/mappings/stations',
        'GET /api/v1/catalog',
        'PUT /api/v1/catalog/{masterSku}',
        'POST /api/v1/catalog',
        'GET /api/v1/catalog/boxes',
        'PUT /api/v1/catalog/boxes/{code}',
        'DELETE /api/v1/catalog/boxes/{code}',
        'GET /api/v1/catalog/weights',
        'POST /api/v1/catalog/weights/{masterSku}/confirm',
        'GET /api/v1/templates',
        'POST /api/v1/templates/preview',
        'PUT /api/v1/templates/{channel}',
        'DELETE /api/v1/templates/{channel}',
        'POST /api/v1/templates/{channel}/confirm',
        'POST /api/v1/templates/{channel}/rollback',
        'GET /api/v1/stops',
        'POST /api/v1/stops',
        'DELETE /api/v1/stops/{stopId}',
        'GET /api/v1/freezes',
        'POST /api/v1/freezes',
        'POST /api/v1/freezes/{freezeId}/approve',
        'POST /api/v1/freezes/{freezeId}/reject',
        'GET /api/v1/stock',
        'PUT /api/v1/stock/{sku}',
        'POST /api/v1/stock/{sku}/adjustments',
        'GET /api/v1/stations',
        'GET /api/v1/alerts',
        'GET /api/v1/tablet/state',
        'POST /api/v1/alerts/{seq}/ack',
      ].sort(),
    );
  });

  it('gives every guarded operation a tag, the bearer scheme, a success schema and the 400/401/403 errors', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (path === '/api/v1/health') continue;
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method} ${path}`;
        expect(operation.tags, where).toHaveLength(1);
        expect(operation.security, where).toEqual([{ bearer: [] }]);
        const success = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
        // One success, or two where a repeat is told apart (a carrier event sent before: 200, else 201).
        expect(success.length, where).toBeGreaterThanOrEqual(1);
        // Two where a repeat is told apart (a carrier event sent before: 200, else 201), or a range is (206).
        const two = ['post /api/v1/orders/{orderId}/events', 'get /api/v1/evidence/{waybill}/clip', 'get /api/v1/evidence/{waybill}/photo'];
        expect(success.length, where).toBeLessThanOrEqual(two.includes(where) ? 2 : 1);
        for (const status of success) expect(Object.values(operation.responses[status]!.content ?? {})[0]?.schema, `${where} ${status}`).toBeDefined();
        for (const status of path === '/metrics' ? ['401', '403'] : ['400', '401', '403']) {
          expect(operation.responses[status]?.content?.['application/json']?.schema, `${where} ${status}`).toMatchObject({
            properties: { error: expect.anything() },
          });
        }
      }
    }
  });

  it('names the roles of /metrics from the same source as every guarded route: as another viewer route does', () => {
    const viewer = doc.paths['/api/v1/alerts']!.get!.description;
    expect(viewer).toMatch(/^Bearer token of role viewer /);
    expect(doc.paths['/metrics']!.get!.description).toBe(viewer);
  });

  it('says which roles an evidence file admits: those that see customers whole', () => {
    for (const path of ['/api/v1/evidence/{waybill}/clip', '/api/v1/evidence/{waybill}/photo', '/api/v1/evidence/{waybill}/export']) {
      expect(doc.paths[path]!.get!.description, path).toMatch(/only roles that see them: admin, manager\.$/);
    }
    expect(doc.paths['/api/v1/evidence']!.get!.description).not.toContain('only roles that see them');
  });

  it('carries the request schemas: bodies, path and query parameters', () => {
    const create = doc.paths['/api/v1/orders']!.post!;
    expect(create.requestBody!.content['application/json']!.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['channel', 'orderNo', 'waybill', 'label', 'lines']),
      additionalProperties: false,
    });
    expect(create.requestBody!.required).toBe(true);
    // A body of optional fields (a note) may be left out.
    expect(doc.paths['/api/v1/stops/{stopId}']!.delete!.requestBody!.required).toBe(false);
    expect(doc.paths['/api/v1/freezes/{freezeId}/approve']!.post!.requestBody!.required).toBe(false);
    const timeline = doc.paths['/api/v1/orders/{orderId}/timeline']!.get!;
    expect(timeline.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:orderId', 'query:before', 'query:limit']);
    expect(doc.paths['/api/v1/alerts/{seq}/ack']!.post!.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'seq' })]);
    // A mapping sheet travels raw, as CSV or .xlsx, both ways.
    const sheetTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];
    expect(Object.keys(doc.paths['/api/v1/mappings/import']!.post!.requestBody!.content).sort()).toEqual(sheetTypes);
    expect(Object.keys(doc.paths['/api/v1/mappings/export']!.get!.responses['200']!.content!).sort()).toEqual(sheetTypes);
  });
});
