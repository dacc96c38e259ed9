import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Feed } from '../../../hub/push/feed.js';
import { FeedClose } from '../../../hub/push/ws-route.js';
import { History } from '../../../hub/store/history.js';
import { newToken, type TokenRecord } from '../../../hub/store/tokens.js';
import { buildHubTestApp } from '../../helpers/api-app.js';
import { scanEvent } from '../../helpers/events.js';

describe('hub HTTP app', () => {
  let app: FastifyInstance;
  let history: History;
  let feed: Feed;
  const tokens: TokenRecord[] = [];
  const manager = newToken('floor manager', 'manager');
  const integration = newToken('erp', 'integration');
  tokens.push(manager.record, integration.record);

  beforeEach(async () => {
    ({ app, history, feed } = await buildHubTestApp(tokens));
  });
  afterEach(() => app.close());

  it('answers health without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', broker: { connected: true }, history: { lastSeq: 0 } });
  });

  it('answers an unknown route with a coded error', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('serves the OpenAPI document of the routes, and /metrics only with a token', async () => {
    const openapi = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/freezes']));
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${manager.token}` } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('packgate_');
  });

  it('answers malformed JSON with a stable BAD_REQUEST code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/stops',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      payload: '{"orderId": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('serves the tablet page', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('app.js');
  });

  async function hello(message: unknown): Promise<{ messages: unknown[]; closeCode: number }> {
    const ws = await app.injectWS('/ws');
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    return { messages, closeCode: await closed };
  }

  it.each([
    ['an unknown token', { type: 'hello', token: 'pg_nope', since: 0 }, FeedClose.Unauthorized, 'UNAUTHORIZED'],
    ['a role without feed access', { type: 'hello', token: integration.token, since: 0 }, FeedClose.Forbidden, 'FORBIDDEN'],
    ['a malformed hello', 'hello?', FeedClose.BadHello, 'BAD_HELLO'],
    ['a negative since', { type: 'hello', token: manager.token, since: -1 }, FeedClose.BadHello, 'BAD_HELLO'],
  ])('refuses a tablet with %s', async (_name, message, closeCode, code) => {
    const result = await hello(message);
    expect(result.closeCode).toBe(closeCode);
    expect(result.messages).toEqual([{ type: 'error', error: { code, message: expect.any(String) } }]);
  });

  it('replays records after `since`, then sends live ones, in order', async () => {
    for (const seq of [1, 2, 3]) history.append({ kind: 'event', station: 'S1', event: scanEvent('S1', seq) });
    const ws = await app.injectWS('/ws');
    const received: Array<{ type: string; record?: { seq: number } }> = [];
    const got = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => received.length >= count && resolve();
        ws.on('message', (data) => {
          received.push(JSON.parse(data.toString()));
          check();
        });
      });
    const firstThree = got(3);
    ws.send(JSON.stringify({ type: 'hello', token: manager.token, since: 1 }));
    await firstThree;
    feed.publish(history.append({ kind: 'event', station: 'S1', event: scanEvent('S1', 4) }));
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    expect(received.map((m) => m.type)).toEqual(['welcome', 'record', 'record', 'record']);
    expect(received.slice(1).map((m) => m.record!.seq)).toEqual([2, 3, 4]);
    const closed = new Promise((resolve) => ws.on('close', resolve));
    ws.close();
    await closed;
  });
});
