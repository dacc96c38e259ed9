import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { packageRoot } from '../../common/paths.js';
import { registerFeedRoute, type FeedRouteOptions } from '../push/ws-route.js';
import { registerErrorHandlers } from './errors.js';
import { registerHealthRoute, type HealthSource } from './health.js';

export interface HubAppOptions {
  readonly health: HealthSource;
  readonly feed: FeedRouteOptions;
}

/** Builds the hub's HTTP app without listening, so tests can use `app.inject()`. */
export async function buildHubApp(options: HubAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerErrorHandlers(app);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  registerHealthRoute(app, options.health);
  registerFeedRoute(app, options.feed);
  await app.register(fastifyStatic, { root: join(packageRoot(), 'ui', 'tablet'), prefix: '/' });
  return app;
}
