import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newToken } from '../../../hub/store/tokens.js';
import { buildHubTestApp } from '../../helpers/api-app.js';

describe("the hub's request log", () => {
  let app: FastifyInstance;
  let lines: Array<Record<string, unknown>>;
  const manager = newToken('floor manager', 'manager');

  beforeEach(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    ({ app } = await buildHubTestApp([manager.record], pino({ level: 'debug', base: undefined }, sink)));
  });
  afterEach(() => app.close());

  it('gives each request an id, answers with it, and logs it with the route pattern, never the URL', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/orders/TB404?token=secret-in-query', headers: { authorization: `Bearer ${manager.token}` } });
    const second = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(first.statusCode).toBe(400);
    expect(second.statusCode).toBe(200);
    const ids = [first.headers['request-id'], second.headers['request-id']];
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(2);
    const answered = lines.filter((line) => line.msg === 'request answered');
    expect(answered).toEqual([
      expect.objectContaining({ reqId: ids[0], level: 30, method: 'GET', route: '/api/v1/orders/:orderId', status: 400 }),
      expect.objectContaining({ reqId: ids[1], level: 20, method: 'GET', route: '/api/v1/health', status: 200 }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-in-query');
  });
});
