import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import Type from 'typebox';
import type { BrokerRefusals } from '../broker/guard.js';
import type { WeighingTally } from '../control/weighing-tally.js';
import type { IngestStats } from '../ingest/ingest.js';
import type { RecoveryView } from '../ingest/recovery.js';
import type { StorageHealth } from './health.js';
import type { TokenRecord } from '../store/tokens.js';
import { ErrorResponse } from './errors.js';
import { guarded } from './routes/common.js';

/** Where the figures come from; each is read when Prometheus scrapes, never cached. */
export interface MetricsSource {
  /** Station events stored, duplicates dropped, and payloads refused by reason code (cumulative). */
  ingest(): IngestStats;
  /** Open alerts: nobody acknowledged them and what they are about has not ended. */
  alertsOpen(): number;
  /** Open alerts and alerts raised since the history began, each by kind. */
  alertsByKind?(): { readonly open: Readonly<Record<string, number>>; readonly raised: Readonly<Record<string, number>> };
  stationsOnline(): number;
  /** Tablets subscribed to the feed now. */
  tablets(): number;
  /**
   * Connections, publishes and subscriptions the embedded broker refused, by reason (cumulative;
   * `hub.brokerStats()?.refused`); undefined with an external broker, which counts its own.
   */
  brokerRefusals(): BrokerRefusals | undefined;
  /** Domain commands refused, by command type and code (cumulative): bad API bodies and station facts out of order. */
  commandsRefused?(): Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Holes in the history still being filled from the stations' journals (hub/ingest/recovery.ts). */
  recovery?(): RecoveryView;
  /** HTTP answers of 400 or more, by error code (cumulative; hub/api/refusals.ts). */
  httpRefusals?(): Record<string, number>;
  /** Station messages ingest held back over a station's rate, by reason (cumulative). */
  ingestLimited?(): Record<string, number>;
  /** Whether the history takes writes and syncs (a full disk: not), and payloads deferred meanwhile. */
  storage?(): StorageHealth;
  /** Weighings and weight blocks in the stored station events, and the deviation histogram (hub/control/weighing-tally.ts). */
  weighings?: WeighingTally;
}

export const METRICS_PATH = '/metrics';

/**
 * Builds a registry of its own (never prom-client's global one, so several apps in one process
 * do not clash) whose metrics read `source` at scrape time.
 */
export function metricsRegistry(source: MetricsSource): Registry {
  const registry = new Registry();
  const registers = [registry];
  const cumulative = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  const byLabel = (name: string, help: string, label: string, read: () => Record<string, number>) =>
    new Counter({
      name,
      help,
      labelNames: [label],
      registers,
      collect() {
        this.reset();
        for (const [value, count] of Object.entries(read())) this.inc({ [label]: value }, count);
      },
    });
  const level = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });

  cumulative('packgate_ingest_accepted_total', 'Station events stored by the hub.', () => source.ingest().accepted);
  cumulative('packgate_ingest_duplicates_total', 'Station events received again and dropped as duplicates.', () =>
    source.ingest().duplicates,
  );
  byLabel('packgate_ingest_rejected_total', 'Station payloads refused, by reason code.', 'code', () => source.ingest().rejected);
  byLabel('packgate_http_refusals_total', 'HTTP requests answered with an error (400 or more), by error code.', 'code', () =>
    source.httpRefusals?.() ?? {},
  );
  byLabel('packgate_ingest_limited_total', "Station messages dropped unstored over the station's rate limit (resent on the hub's replay request), by reason.", 'reason', () =>
    source.ingestLimited?.() ?? {},
  );
  level('packgate_alerts_open', 'Open alerts: not acknowledged, and what they are about has not ended.', () => source.alertsOpen());
  new Gauge({
    name: 'packgate_alerts_open_by_kind',
    help: 'Open alerts, by kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      for (const [kind, count] of Object.entries(source.alertsByKind?.().open ?? {})) this.set({ kind }, count);
    },
  });
  byLabel('packgate_alerts_raised_total', 'Alerts raised, by kind.', 'kind', () => ({ ...(source.alertsByKind?.().raised ?? {}) }));
  level('packgate_stations_online', 'Stations whose last presence is online.', () => source.stationsOnline());
  level('packgate_tablets_connected', 'Tablets subscribed to the alert feed.', () => source.tablets());
  level('packgate_history_recovering', '1 while the history holds less than the hub acked and stations are resending, else 0.', () =>
    source.recovery?.().recovering ? 1 : 0,
  );
  level('packgate_history_missing_events', 'Acked events the history lost and still waits for from the stations.', () =>
    (source.recovery?.().holes ?? []).reduce((sum, hole) => sum + hole.missingEvents, 0),
  );
  cumulative('packgate_history_lost_events_total', 'Acked events lost for good: the stations could not resend them (history-lost alerts).', () =>
    source.recovery?.().lostEvents ?? 0,
  );
  new Counter({
    name: 'packgate_broker_refusals_total',
    help: 'MQTT connections, publishes and subscriptions the embedded broker refused, by reason.',
    labelNames: ['action', 'reason'],
    registers,
    collect() {
      this.reset();
      const refused = source.brokerRefusals();
      for (const action of ['connect', 'publish', 'subscribe'] as const) {
        for (const [reason, count] of Object.entries(refused?.[action] ?? {})) this.inc({ action, reason }, count);
      }
    },
  });
  new Counter({
    name: 'packgate_commands_refused_total',
    help: 'Domain commands refused (API requests and station facts), by command type and reason code.',
    labelNames: ['command', 'code'],
    registers,
    collect() {
      this.reset();
      for (const [command, codes] of Object.entries(source.commandsRefused?.() ?? {})) {
        for (const [code, count] of Object.entries(codes)) this.inc({ command, code }, count);
      }
    },
  });
  level('packgate_history_writable', 'Whether the history takes writes and syncs (0: the disk refuses them; nothing is acked).', () =>
    source.storage?.().writable === false ? 0 : 1,
  );
  new Gauge({
    name: 'packgate_history_storage_problem',
    help: 'Why the history takes no writes or syncs now (1 for the current problem code and errno; none when writable).',
    labelNames: ['code', 'errno'],
    registers,
    collect() {
      this.reset();
      const problem = source.storage?.().problem;
      if (problem) this.set({ code: problem.code, errno: problem.errno }, 1);
    },
  });
  cumulative('packgate_ingest_deferred_total', 'Station payloads not stored while the disk refused writes; their stations send them again.', () =>
    source.storage?.().deferred ?? 0,
  );
  byLabel('packgate_weighings_total', 'Parcels let go with a stable weight, by how the weight check ended (passed, overridden, unchecked).', 'check', () =>
    source.weighings?.stats().weighed ?? {},
  );
  cumulative('packgate_weight_mismatches_total', 'Parcels blocked at a station for a weight outside tolerance (weight_mismatch).', () =>
    source.weighings?.stats().mismatches ?? 0,
  );
  if (source.weighings) registry.registerMetric(source.weighings.deviation);
  return registry;
}

/**
 * `GET /metrics` in the Prometheus text format, for a viewer token (or higher): Prometheus sends
 * it with `authorization: {type: Bearer, credentials_file: …}` in its scrape config (docs/api.md).
 */
export function registerMetricsRoute(app: FastifyInstance, source: MetricsSource, tokens: () => readonly TokenRecord[]): void {
  const registry = metricsRegistry(source);
  app.get(
    METRICS_PATH,
    guarded(
      { tokens },
      {
        roles: 'viewer',
        tag: 'operations',
        summary: 'Prometheus metrics (text exposition format 0.0.4)',
        response: {
          200: { content: { 'text/plain': { schema: Type.String() } } },
          401: ErrorResponse,
          403: ErrorResponse,
        },
      },
    ),
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
}
