import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import type { Logger } from '../../common/log.js';
import { buildHubApp } from '../../hub/api/app.js';
import { registerErrorHandlers } from '../../hub/api/errors.js';
import type { Role } from '../../hub/access/roles.js';
import { registerApiRoutes } from '../../hub/api/routes/index.js';
import type { HubServices } from '../../hub/api/routes/services.js';
import { DomainStore } from '../../hub/control/domain-store.js';
import type { CommandContext } from '../../hub/domain/audit.js';
import type { DomainCommand } from '../../hub/domain/schemas.js';
import { History } from '../../hub/store/history.js';
import { newToken, type TokenRecord } from '../../hub/store/tokens.js';
import { Feed } from '../../hub/push/feed.js';
import { TabletTally } from '../../hub/push/tablet-tally.js';

/** One API call a route made through `services.execute`, and whether the domain applied it. */
export interface ExecuteCall {
  readonly command: DomainCommand;
  readonly context: CommandContext;
  readonly ok: boolean;
}

export interface ApiTestApp {
  readonly app: FastifyInstance;
  readonly services: HubServices;
  readonly history: History;
  readonly domain: DomainStore;
  /** Every command routes executed, in order. */
  readonly calls: ExecuteCall[];
  /** A bearer token per role, named `{role} token` (the manager's is named `floor manager`). */
  readonly tokens: Readonly<Record<Role, string>>;
  /** `app.inject` with the role's token (or none for `'anonymous'`). */
  request(as: Role | 'anonymous', options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const TOKEN_NAMES: Readonly<Record<Role, string>> = {
  admin: 'site admin',
  manager: 'floor manager',
  dock: 'dock desk',
  integration: 'erp',
  viewer: 'wall screen',
};

/**
 * A fastify app with the error handlers and the `/api/v1` routes over an in-memory history
 * and domain store, with a token of each role. `extra` may add routes (metrics, OpenAPI)
 * before the API routes.
 */
export async function buildApiTestApp(
  extra?: (app: FastifyInstance, tokens: () => readonly TokenRecord[]) => Promise<void> | void,
): Promise<ApiTestApp> {
  const history = History.open();
  const domain = await DomainStore.open(history, undefined);
  const records: TokenRecord[] = [];
  const tokens = {} as Record<Role, string>;
  for (const role of Object.keys(TOKEN_NAMES) as Role[]) {
    const issued = newToken(TOKEN_NAMES[role], role);
    records.push(issued.record);
    tokens[role] = issued.token;
  }
  const calls: ExecuteCall[] = [];
  const services: HubServices = {
    domain,
    history,
    tally: new TabletTally(history),
    tokens: () => records,
    execute: (command, context) => {
      const result = domain.execute(command, context);
      calls.push({ command, context, ok: result.ok });
      return result;
    },
    append: (entry, now) => history.append(entry, now),
  };
  const app = Fastify({ logger: false });
  registerErrorHandlers(app);
  await extra?.(app, () => records);
  registerApiRoutes(app, services);
  await app.ready();
  return {
    app,
    services,
    history,
    domain,
    calls,
    tokens,
    request: (as, options) =>
      app.inject({
        ...options,
        headers: { ...(options.headers ?? {}), ...(as === 'anonymous' ? {} : { authorization: `Bearer ${tokens[as]}` }) },
      }),
    close: async () => {
      await app.close();
      await domain.close();
      history.close();
    },
  };
}

/** The dress of `dressOrder()` (test/helpers/domain.ts): its channel SKU on Taobao and its master SKU. */
export const DRESS = { channel: 'taobao', channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' } as const;

/** Maps the dress and counts `onHand` of it (as a manager), so dress orders release and are tracked. */
export async function seedDressStock(api: ApiTestApp, onHand: number): Promise<void> {
  const mapped = await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: DRESS });
  const counted = await api.request('manager', {
    method: 'PUT',
    url: `/api/v1/stock/${DRESS.masterSku}`,
    payload: { batch: 'B1', quantity: onHand },
  });
  if (mapped.statusCode !== 200 || counted.statusCode !== 200) throw new Error(`seeding failed: ${mapped.body} ${counted.body}`);
}

/** The whole hub HTTP app (`buildHubApp`: health, feed, API, metrics) over an in-memory history, as the hub wires it. */
export interface HubTestApp {
  readonly app: FastifyInstance;
  readonly history: History;
  readonly feed: Feed;
}

/** Builds and readies the hub's own app with `tokens`, logging to `logger` when given; the caller closes `app`. */
export async function buildHubTestApp(tokens: readonly TokenRecord[], logger?: Logger): Promise<HubTestApp> {
  const history = History.open();
  const feed = new Feed(history);
  const domain = await DomainStore.open(history, undefined);
  const ingest = () => ({ accepted: 0, duplicates: 0, rejected: {} });
  const app = await buildHubApp({
    health: { brokerConnected: () => true, ingest, lastSeq: () => history.lastSeq, tablets: () => feed.subscribers },
    feed: { feed, tokens: () => tokens },
    services: {
      domain,
      history,
      tally: new TabletTally(history),
      tokens: () => tokens,
      execute: (command, context) => domain.execute(command, context),
      append: (entry) => history.append(entry),
    },
    metrics: { ingest, alertsOpen: () => 0, stationsOnline: () => 0, tablets: () => 0, brokerRefusals: () => undefined },
    ...(logger ? { logger } : {}),
  });
  await app.ready();
  return { app, history, feed };
}
