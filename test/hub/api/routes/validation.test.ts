import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandlers } from '../../../../hub/api/errors.js';
import { closed } from '../../../../hub/api/routes/common.js';
import { typeboxValidatorCompiler } from '../../../../hub/api/routes/validation.js';

describe('API request validation', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    registerErrorHandlers(app);
    app.setValidatorCompiler(typeboxValidatorCompiler);
    app.post(
      '/things/:n',
      {
        schema: {
          params: Type.Object({ n: Type.Integer() }),
          querystring: closed({ open: Type.Optional(Type.Boolean()), ratio: Type.Optional(Type.Number()) }),
          body: closed({ count: Type.Optional(Type.Integer()), tag: Type.Optional(closed({ name: Type.String() })) }),
        },
      },
      async (request) => ({ params: request.params, query: request.query, body: request.body }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  const call = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as string }) });

  it('converts path and query text that is exactly a number or a boolean', async () => {
    const res = await call('/things/42?open=false&ratio=0.5', { count: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ params: { n: 42 }, query: { open: false, ratio: 0.5 }, body: { count: 3 } });
  });

  it('takes a missing body as {}', async () => {
    expect((await call('/things/1')).json().body).toEqual({});
  });

  it.each([
    ['a fractional integer in the path', '/things/1.5', {}, 'params/n must be integer'],
    ['an empty integer in the path', '/things/%20', {}, 'params/n must be integer'],
    ['a boolean spelt otherwise', '/things/1?open=yes', {}, 'querystring/open must be boolean'],
    ['a repeated query parameter', '/things/1?open=true&open=false', {}, 'querystring/open must be boolean'],
    ['an unknown query parameter', '/things/1?debug=1', {}, 'querystring/debug is not allowed'],
    ['a number as text in the body (never coerced)', '/things/1', { count: '3' }, 'body/count must be integer'],
    ['an unknown field (never dropped)', '/things/1', { count: 3, extra: true }, 'body/extra is not allowed'],
    ['an unknown nested field', '/things/1', { tag: { name: 'a', colour: 'red' } }, 'body/tag/colour is not allowed'],
    ['a body that is not an object', '/things/1', [1, 2], 'body must be object'],
  ])('refuses %s with 400 BAD_REQUEST naming the place', async (_name, url, payload, message) => {
    const res = await call(url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message } });
  });

  it('answers a body that is not JSON with a 400 error, not a 500', async () => {
    const res = await call('/things/1', '{"count": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});
