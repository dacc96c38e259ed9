import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { PACKGATE_VERSION } from '../../common/version.js';
import type { IngestStats } from '../ingest/ingest.js';
import type { RecoveryView } from '../ingest/recovery.js';

const SeqRange = Type.Object({ from: Type.Integer(), to: Type.Integer() });

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
  history: Type.Object({ lastSeq: Type.Integer(), epoch: Type.Optional(Type.String({ description: "the hub's identity, kept with its ack ledger" })) }),
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
});

export interface HealthSource {
  readonly brokerConnected: () => boolean;
  readonly ingest: () => IngestStats;
  readonly lastSeq: () => number;
  readonly epoch?: () => string;
  readonly recovery?: () => RecoveryView;
  readonly tablets: () => number;
}

/** `GET /api/v1/health`: open without a token, for load balancers and monitors. */
export function registerHealthRoute(app: FastifyInstance, source: HealthSource): void {
  const startedAt = Date.now();
  app.get('/api/v1/health', { schema: { response: { 200: HealthResponse } } }, async () => {
    const connected = source.brokerConnected();
    return {
      status: connected ? 'ok' : 'degraded',
      version: PACKGATE_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      broker: { connected },
      ingest: source.ingest(),
      history: { lastSeq: source.lastSeq(), ...(source.epoch ? { epoch: source.epoch() } : {}) },
      recovery: source.recovery?.() ?? { recovering: false, holes: [], lostEvents: 0 },
      tablets: source.tablets(),
    };
  });
}
