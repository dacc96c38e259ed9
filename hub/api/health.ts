import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { PACKGATE_VERSION } from '../../common/version.js';
import type { IngestStats } from '../ingest/ingest.js';

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
  history: Type.Object({ lastSeq: Type.Integer() }),
  tablets: Type.Integer(),
});

export interface HealthSource {
  readonly brokerConnected: () => boolean;
  readonly ingest: () => IngestStats;
  readonly lastSeq: () => number;
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
      history: { lastSeq: source.lastSeq() },
      tablets: source.tablets(),
    };
  });
}
