import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createLogger, type Logger } from '../../common/log.js';
import { packageRoot } from '../../common/paths.js';
import { registerFeedRoute, type FeedRouteOptions } from '../push/ws-route.js';
import { maskCustomers, seesCustomers } from '../access/customer-mask.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandlers } from './errors.js';
import { registerHealthRoute, type HealthSource } from './health.js';
import { registerJsonBodyParser } from './json-body.js';
import { registerMetricsRoute, type MetricsSource } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { registerRequestLog } from './request-log.js';
import { HttpRefusals } from './refusals.js';
import { registerApiRoutes } from './routes/index.js';
import { isSourceMapPath, registerSourceMapRoutes } from './source-maps.js';
import type { HubServices } from './routes/services.js';

export interface HubAppOptions {
  readonly health: HealthSource;
  readonly feed: FeedRouteOptions;
  readonly services: HubServices;
  readonly metrics: MetricsSource;
  /** Where the app logs (default the project's `hub.api` logger); each request's lines carry its id. */
  readonly logger?: Logger;
}

/** Builds the hub's HTTP app without listening, so tests can use `app.inject()`. */
export async function buildHubApp(options: HubAppOptions): Promise<FastifyInstance> {
  // Every answer fastify or Node's parser makes by itself uses the error envelope too. The
  // project's pino logger is fastify's, so each request's lines carry its id.
  const app = Fastify({ loggerInstance: (options.logger ?? createLogger('hub.api')) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), clientErrorHandler, frameworkErrors });
  registerRequestLog(app);
  registerErrorHandlers(app);
  registerJsonBodyParser(app);
  const refusals = new HttpRefusals();
  refusals.register(app);
  // One place for every route: what a token that may not see customers reads (viewer, dock) has their contacts masked.
  app.addHook('preSerialization', async (request, _reply, payload) =>
    request.principal && !seesCustomers(request.principal.role) ? maskCustomers(payload) : payload,
  );
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  // The OpenAPI document collects the routes registered after it.
  await registerOpenApi(app);
  registerHealthRoute(app, options.health);
  registerMetricsRoute(app, { ...options.metrics, httpRefusals: () => refusals.counts() }, options.services.tokens);
  registerApiRoutes(app, options.services);
  registerFeedRoute(app, options.feed);
  // The tablet page as `npm run build` makes it (ui/build.mjs); its source maps only with a token.
  const tablet = join(packageRoot(), 'dist', 'ui', 'tablet');
  await app.register(fastifyStatic, { root: tablet, prefix: '/', allowedPath: (path, _root, request) => request.principal !== undefined || !isSourceMapPath(path) });
  registerSourceMapRoutes(app, tablet, options.services.tokens);
  return app;
}
