import type { FastifyInstance } from 'fastify';

/**
 * One line per answered request, on the hub's own logger (fastify's per-request child, so it
 * carries the request id): refusals (4xx) at info, failures (5xx) at warn, the rest at debug,
 * so tablets' polls and /metrics scrapes do not fill the log at the default level. The route
 * pattern is logged, never the URL: a query string may carry a token. The id goes back to the
 * caller as `request-id`, to quote when asking what happened.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'warn' : status >= 400 ? 'info' : 'debug';
    request.log[level]({ method: request.method, route: request.routeOptions.url ?? null, status, ms: Math.round(reply.elapsedTime) }, 'request answered');
  });
}
