import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireRole } from '../../../hub/api/auth.js';
import { newToken } from '../../../hub/store/tokens.js';

describe('requireRole', () => {
  const admin = newToken('admin', 'admin');
  const manager = newToken('manager', 'manager');
  const viewer = newToken('viewer', 'viewer');
  const dock = newToken('dock', 'dock');
  const integration = newToken('erp', 'integration');
  const tokens = [admin, manager, viewer, dock, integration].map((t) => t.record);
  let app: FastifyInstance;

  beforeEach(async () => {
    app = Fastify();
    app.get('/managers', { preHandler: requireRole(() => tokens, 'manager') }, async (request) => ({
      who: request.principal?.name,
    }));
    app.get('/viewers', { preHandler: requireRole(() => tokens, 'viewer') }, async () => ({ ok: true }));
    app.get('/orders', { preHandler: requireRole(() => tokens, ['integration', 'manager']) }, async () => ({ ok: true }));
    app.get('/labels', { preHandler: requireRole(() => tokens, 'viewer', { customers: true }) }, async () => ({ ok: true }));
    await app.ready();
  });
  afterEach(() => app.close());

  const call = (url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses a request without a token with 401 UNAUTHORIZED', async () => {
    const res = await call('/managers');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHORIZED');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses an unknown token with 401', async () => {
    const res = await call('/managers', 'pg_not-a-real-token');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHORIZED');
  });

  const byRole = { admin, manager, viewer, dock, integration };
  it.each([
    ['/managers', 'viewer', 403],
    ['/managers', 'integration', 403],
    ['/viewers', 'integration', 403],
    ['/managers', 'manager', 200],
    ['/managers', 'admin', 200],
    ['/viewers', 'viewer', 200],
    ['/viewers', 'manager', 200],
    ['/orders', 'integration', 200],
    ['/orders', 'manager', 200],
    ['/orders', 'admin', 200],
    ['/orders', 'viewer', 403],
    ['/labels', 'viewer', 403],
    ['/labels', 'dock', 403],
    ['/labels', 'integration', 403],
    ['/labels', 'manager', 200],
    ['/labels', 'admin', 200],
  ] as const)('%s with a %s token answers %i', async (url, role, status) => {
    const res = await call(url, byRole[role].token);
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('tells the handler who is asking', async () => {
    expect((await call('/managers', manager.token)).json()).toEqual({ who: 'manager' });
  });
});
