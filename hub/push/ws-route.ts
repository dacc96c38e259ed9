import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { createLogger } from '../../common/log.js';
import { maskCustomers, seesCustomers } from '../access/customer-mask.js';
import { roleAllows } from '../access/roles.js';
import { verifyToken, type TokenRecord } from '../store/tokens.js';
import type { RecoveryView } from '../ingest/recovery.js';
import type { Feed } from './feed.js';

const log = createLogger('hub.push');

/** Close codes of the tablet feed (4000-4999 is the application range). */
export const FeedClose = {
  BadHello: 4400,
  /** Unknown or expired token at hello; or the token was revoked or expired while the feed was open. */
  Unauthorized: 4401,
  Forbidden: 4403,
  HelloTimeout: 4408,
  /** The tablet reads too slowly; it reconnects with `since` and misses nothing. */
  SlowConsumer: 4429,
} as const;

const HELLO_TIMEOUT_MS = 5000;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How often open feeds' tokens are checked again: with the token file's poll, a revoked token's feeds close within a second. */
const RECHECK_MS = 250;

export interface FeedRouteOptions {
  readonly feed: Feed;
  readonly tokens: () => readonly TokenRecord[];
  /** The history's recovery: in the welcome, then `{type:"recovery", recovery}` at each change. */
  readonly recovery?: { view(): RecoveryView; onChange(listener: (view: RecoveryView) => void): () => void };
}

/**
 * `GET /ws`: the tablet's first message is `{type:"hello", token, since}`; the token stays
 * out of URLs and logs. The hub answers `{type:"welcome", role, name, seesCustomers, actsAsManager, history: {id, lastSeq}, recovery}`
 * (a tablet holding a sequence of another history, or above lastSeq, starts over) and then sends
 * `{type:"record", record}` for every record after `since`, then live ones, and
 * `{type:"recovery", recovery}` whenever the history's recovery changes (`GET /api/v1/health`). A feed whose token
 * is revoked or expires is closed (4401, `UNAUTHORIZED`) within a second. A viewer's or a dock's feed
 * has customers' names, phones and addresses masked (`seesCustomers`, `maskCustomers`), as the API does for it;
 * the welcome's `seesCustomers` tells the page so, which offers evidence media only where it is true.
 * Its `actsAsManager` (`roleAllows(role, 'manager')`) tells the page whether to offer the manager's actions.
 */
export function registerFeedRoute(app: FastifyInstance, options: FeedRouteOptions): void {
  /** Open feeds: the token each was opened with, and how to stop its records. */
  const open = new Map<WebSocket, { token: string; stop: () => void }>();
  const recheck = setInterval(() => {
    if (open.size === 0) return;
    const tokens = options.tokens();
    for (const [socket, feed] of open) {
      if (verifyToken(tokens, feed.token)) continue;
      open.delete(socket);
      feed.stop();
      refuse(socket, FeedClose.Unauthorized, 'UNAUTHORIZED', 'the token was revoked or has expired');
    }
  }, RECHECK_MS);
  recheck.unref();
  app.addHook('onClose', async () => clearInterval(recheck));

  // A plain HTTP request (no upgrade) gets an answer in the error envelope, not an empty 404.
  const notUpgraded = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.status(426).header('upgrade', 'websocket').send({ error: { code: 'UPGRADE_REQUIRED', message: '/ws is a WebSocket: send an upgrade request' } });

  const onSocket = (socket: WebSocket) => {
    const helloTimer = setTimeout(() => refuse(socket, FeedClose.HelloTimeout, 'HELLO_TIMEOUT', 'no hello'), HELLO_TIMEOUT_MS);
    let unsubscribe: (() => void) | undefined;
    socket.once('message', (data) => {
      clearTimeout(helloTimer);
      const hello = parseHello(data.toString());
      if (!hello) return refuse(socket, FeedClose.BadHello, 'BAD_HELLO', 'expected {type:"hello", token, since}');
      const principal = verifyToken(options.tokens(), hello.token);
      if (!principal) return refuse(socket, FeedClose.Unauthorized, 'UNAUTHORIZED', 'unknown token');
      if (!roleAllows(principal.role, 'viewer')) {
        return refuse(socket, FeedClose.Forbidden, 'FORBIDDEN', `role ${principal.role} cannot read the feed`);
      }
      const history = options.feed.identity();
      const mask = !seesCustomers(principal.role);
      const stopRecovery = options.recovery?.onChange((recovery) => socket.send(JSON.stringify({ type: 'recovery', recovery })));
      open.set(socket, { token: hello.token, stop: () => (unsubscribe?.(), stopRecovery?.()) });
      const recovery = options.recovery?.view();
      const actsAsManager = roleAllows(principal.role, 'manager');
      socket.send(JSON.stringify({ type: 'welcome', role: principal.role, name: principal.name, seesCustomers: !mask, actsAsManager, history, ...(recovery ? { recovery } : {}) }));
      unsubscribe = options.feed.subscribe(hello.since, (record) => {
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          unsubscribe?.();
          return refuse(socket, FeedClose.SlowConsumer, 'SLOW_CONSUMER', 'reconnect with since');
        }
        socket.send(JSON.stringify({ type: 'record', record: mask ? maskCustomers(record) : record }));
      });
      log.debug({ name: principal.name, since: hello.since }, 'tablet subscribed');
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      open.get(socket)?.stop();
      open.delete(socket);
      unsubscribe?.();
    });
  };
  app.route({ method: 'GET', url: '/ws', schema: { hide: true }, handler: notUpgraded, wsHandler: onSocket });
}

function parseHello(text: string): { token: string; since: number } | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown; token?: unknown; since?: unknown };
    if (value.type !== 'hello' || typeof value.token !== 'string') return undefined;
    const since = value.since ?? 0;
    if (typeof since !== 'number' || !Number.isSafeInteger(since) || since < 0) return undefined;
    return { token: value.token, since };
  } catch {
    return undefined;
  }
}

function refuse(socket: WebSocket, closeCode: number, code: string, message: string): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'error', error: { code, message } }));
  socket.close(closeCode, code);
}
