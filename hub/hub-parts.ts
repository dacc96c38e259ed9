import type { FastifyInstance } from 'fastify';
import type { DataLock } from '../common/data-lock.js';
import { createLogger } from '../common/log.js';
import type { EmbeddedBroker } from './broker/embedded.js';
import type { HubClient } from './broker/hub-client.js';
import type { StationRegistry } from './broker/station-registry.js';
import type { DomainStore } from './control/domain-store.js';
import type { DomainEffects } from './control/effects.js';
import type { EvidenceService } from './evidence/service.js';
import type { Ingest } from './ingest/ingest.js';
import type { HistoryRecovery } from './ingest/recovery.js';
import type { RateGate } from './ingest/rate-limit.js';
import type { Feed } from './push/feed.js';
import type { AckLedger } from './store/ack-ledger.js';
import type { History } from './store/history.js';
import type { HubStateFile } from './store/state-file.js';
import type { TokenBook } from './store/token-book.js';

/* A hub's parts, and how they close: in one order, on every path, each named while it closes. */

const log = createLogger('hub');

/** Everything a running hub holds that must be closed. */
export interface HubParts {
  readonly broker: EmbeddedBroker | undefined;
  readonly client: HubClient;
  readonly ingest: Ingest;
  readonly rateGate: RateGate;
  readonly history: History;
  readonly ledger: AckLedger;
  readonly recovery: HistoryRecovery;
  readonly state: HubStateFile;
  readonly stations: StationRegistry;
  readonly tokens: TokenBook;
  readonly feed: Feed;
  readonly domain: DomainStore;
  readonly effects: DomainEffects;
  readonly app: FastifyInstance;
  readonly ticker: NodeJS.Timeout;
  readonly patroller: NodeJS.Timeout;
  /** The data folder's lock (none in memory). */
  readonly lock: DataLock | undefined;
  readonly evidence: EvidenceService;
}

type Closer<T> = (part: T) => unknown;
const nothingToClose = () => undefined;

/**
 * How the hub closes each of its parts, in this order: the clocks and the HTTP API first, then
 * what feeds ingest, ingest (its acks flushed, its checkpoint saved) while the MQTT client can
 * still send them, the client and the broker, the stores, the data folder's lock last. One list
 * for `close()` and for a start that failed halfway; a part added to `HubParts` does not compile
 * until it has its line here.
 */
const TEARDOWN: { readonly [K in keyof HubParts]-?: Closer<NonNullable<HubParts[K]>> } = {
  ticker: (ticker) => clearInterval(ticker),
  patroller: (patroller) => clearInterval(patroller),
  effects: (effects) => effects.close(),
  tokens: (tokens) => tokens.close(),
  // Before the HTTP server: a request waiting on a station's file would hold its close until the fetch's silence limit.
  evidence: (evidence) => evidence.fetcher.close(),
  app: (app) => closeHttp(app),
  rateGate: (rateGate) => rateGate.close(),
  recovery: (recovery) => recovery.close(),
  ingest: async (ingest) => {
    ingest.close();
    await ingest.checkpoint();
  },
  client: (client) => client.close(),
  broker: (broker) => broker.close(),
  domain: (domain) => domain.close(),
  ledger: (ledger) => ledger.close(),
  history: (history) => history.close(),
  feed: nothingToClose,
  stations: nothingToClose,
  state: nothingToClose,
  lock: (lock) => lock.release(),
};

/** A part that takes longer to close is named in the log, so a stop that hangs says where. */
const SLOW_CLOSE_MS = 5000;
/** Requests and feeds still open this long after the HTTP server began to close are cut. */
const HTTP_CLOSE_GRACE_MS = 2000;

/**
 * Closes the HTTP API: new requests are refused at once; requests under way and tablet feeds get
 * `HTTP_CLOSE_GRACE_MS` to end, then their connections are cut, so a client that never reads its
 * response (or never answers a WebSocket close) cannot hold the hub's stop.
 */
async function closeHttp(app: FastifyInstance): Promise<void> {
  const closed = app.close();
  const cut = setTimeout(() => {
    log.warn({ waitedMs: HTTP_CLOSE_GRACE_MS }, 'hub stopping: cutting the HTTP connections still open');
    for (const socket of app.websocketServer.clients) socket.terminate();
    app.server.closeAllConnections();
  }, HTTP_CLOSE_GRACE_MS);
  try {
    await closed;
  } finally {
    clearTimeout(cut);
  }
}

export type PartsSoFar = { -readonly [K in keyof HubParts]?: HubParts[K] };

/** Closes the parts there are, in {@link TEARDOWN}'s order; a part that fails to close is logged and the rest still closed, then the first failure thrown. */
export async function closeParts(parts: PartsSoFar, closing: (part: keyof HubParts | undefined) => void = () => undefined): Promise<void> {
  let failure: unknown;
  for (const key of Object.keys(TEARDOWN) as Array<keyof HubParts>) {
    const part = parts[key];
    if (part === undefined) continue;
    closing(key);
    const slow = setTimeout(() => log.warn({ part: key, waitedMs: SLOW_CLOSE_MS }, 'hub stopping: still closing this part'), SLOW_CLOSE_MS);
    try {
      await (TEARDOWN[key] as Closer<typeof part>)(part);
    } catch (err) {
      log.error({ part: key, err: (err as Error).message }, 'hub part not closed');
      failure ??= err;
    } finally {
      clearTimeout(slow);
    }
  }
  closing(undefined);
  if (failure !== undefined) throw failure;
}

/** The parts of a hub that started, every one of them kept. */
export function allParts(parts: PartsSoFar): HubParts {
  const missing = (Object.keys(TEARDOWN) as Array<keyof HubParts>).filter((key) => !(key in parts));
  if (missing.length > 0) throw new Error(`hub parts never kept: ${missing.join(', ')}`);
  return parts as HubParts;
}
