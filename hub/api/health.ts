import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { PACKGATE_VERSION } from '../../common/version.js';
import { errorMessage } from '../../common/errors.js';
import type { Ingest, IngestStats } from '../ingest/ingest.js';
import type { RecoveryView } from '../ingest/recovery.js';
import type { History } from '../store/history.js';

const SeqRange = Type.Object({ from: Type.Integer(), to: Type.Integer() });

/**
 * Whether the history takes writes and syncs: `problem` while it does not, and the hub stores
 * and acks nothing (HISTORY_WRITE_FAILED) or acks nothing (HISTORY_SYNC_FAILED). Stations keep
 * their outboxes; it retries by itself.
 */
export const StorageHealth = Type.Object({
  writable: Type.Boolean(),
  problem: Type.Optional(
    Type.Object({
      code: Type.Union([Type.Literal('HISTORY_WRITE_FAILED'), Type.Literal('HISTORY_SYNC_FAILED')]),
      /** The errno: ENOSPC (disk full), EDQUOT, EIO … */
      errno: Type.String(),
      message: Type.String(),
      since: Type.String(),
      /** When the next write is tried (HISTORY_WRITE_FAILED). */
      retryAt: Type.Optional(Type.String()),
    }),
  ),
  /** Station payloads not stored while the disk refused writes, sent again by their stations (cumulative). */
  deferred: Type.Integer(),
});
export type StorageHealth = Static<typeof StorageHealth>;

/** The storage part of health, from ingest's stall and the history's sync. */
export function storageHealth(ingest: Pick<Ingest, 'storage'>, history: Pick<History, 'syncFailure'>): StorageHealth {
  const stall = ingest.storage();
  if (stall.state === 'stalled') {
    const { code: errno, message, since, retryAt } = stall;
    return { writable: false, problem: { code: 'HISTORY_WRITE_FAILED', errno, message, since, retryAt }, deferred: stall.deferred };
  }
  const failure = history.syncFailure;
  if (failure) {
    const errno = (failure.error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    return { writable: false, problem: { code: 'HISTORY_SYNC_FAILED', errno, message: errorMessage(failure.error), since: failure.since.toISOString() }, deferred: stall.deferred };
  }
  return { writable: true, deferred: stall.deferred };
}

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  broker: Type.Object({ connected: Type.Boolean() }),
  ingest: Type.Object({
    accepted: Type.Integer(),
    duplicates: Type.Integer(),
    rejected: Type.Record(Type.String(), Type.Integer()),
  }),
  history: Type.Object({
    lastSeq: Type.Integer(),
    epoch: Type.Optional(Type.String({ description: "the hub's identity, kept with its ack ledger" })),
    storage: StorageHealth,
  }),
  /** The hub's history holds less than it acked: the stations and ranges still missing (docs/history-store.md, "Recovery"). */
  recovery: Type.Object({
    recovering: Type.Boolean(),
    holes: Type.Array(
      Type.Object({
        station: Type.String(),
        incarnation: Type.Optional(Type.String()),
        from: Type.Integer(),
        to: Type.Integer(),
        missing: Type.Array(SeqRange, { description: 'the first 100 ranges still missing' }),
        missingEvents: Type.Integer(),
      }),
    ),
    lostEvents: Type.Integer({ description: 'events found lost for good since the hub started (each a history-lost alert)' }),
  }),
  tablets: Type.Integer(),
  /** Why the status is `degraded`: BROKER_DISCONNECTED, HISTORY_WRITE_FAILED, HISTORY_SYNC_FAILED (empty when ok). */
  reasons: Type.Array(Type.String()),
});

export interface HealthSource {
  readonly brokerConnected: () => boolean;
  readonly ingest: () => IngestStats;
  readonly lastSeq: () => number;
  readonly epoch?: () => string;
  readonly recovery?: () => RecoveryView;
  readonly tablets: () => number;
  readonly storage?: () => StorageHealth;
}

/** `GET /api/v1/health`: open without a token, for load balancers and monitors. */
export function registerHealthRoute(app: FastifyInstance, source: HealthSource): void {
  const startedAt = Date.now();
  app.get('/api/v1/health', { schema: { response: { 200: HealthResponse } } }, async () => {
    const connected = source.brokerConnected();
    const storage = source.storage?.() ?? { writable: true, deferred: 0 };
    const reasons = [...(connected ? [] : ['BROKER_DISCONNECTED']), ...(storage.problem ? [storage.problem.code] : [])];
    return {
      status: reasons.length === 0 ? 'ok' : 'degraded',
      version: PACKGATE_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      broker: { connected },
      ingest: source.ingest(),
      history: { lastSeq: source.lastSeq(), ...(source.epoch ? { epoch: source.epoch() } : {}), storage },
      recovery: source.recovery?.() ?? { recovering: false, holes: [], lostEvents: 0 },
      tablets: source.tablets(),
      reasons,
    };
  });
}
