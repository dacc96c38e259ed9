import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerRefusals } from '../../../hub/broker/guard.js';
import type { IngestStats } from '../../../hub/ingest/ingest.js';
import { registerErrorHandlers } from '../../../hub/api/errors.js';
import { registerMetricsRoute, type MetricsSource } from '../../../hub/api/metrics.js';
import { newToken } from '../../../hub/store/tokens.js';

describe('GET /metrics', () => {
  const viewer = newToken('prometheus', 'viewer');
  const manager = newToken('floor manager', 'manager');
  const integration = newToken('erp', 'integration');
  const tokens = () => [viewer.record, manager.record, integration.record];

  let figures: { ingest: IngestStats; alertsOpen: number; stationsOnline: number; tablets: number; refusals: BrokerRefusals | undefined };
  const source: MetricsSource = {
    ingest: () => figures.ingest,
    alertsOpen: () => figures.alertsOpen,
    stationsOnline: () => figures.stationsOnline,
    tablets: () => figures.tablets,
    brokerRefusals: () => figures.refusals,
    recovery: () => ({ recovering: true, holes: [{ station: 'S1', from: 5, to: 9, missing: [{ from: 7, to: 9 }], missingEvents: 3 }], lostEvents: 2 }),
  };
  const apps: FastifyInstance[] = [];
  const build = async (from: MetricsSource = source) => {
    const app = Fastify({ logger: false });
    registerErrorHandlers(app);
    registerMetricsRoute(app, from, tokens);
    await app.ready();
    apps.push(app);
    return app;
  };
  const scrape = (app: FastifyInstance, token = viewer.token) =>
    app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });

  beforeEach(() => {
    figures = {
      ingest: { accepted: 1200, duplicates: 7, rejected: { PAYLOAD_INVALID: 3, PAYLOAD_NOT_JSON: 1 } },
      alertsOpen: 4,
      stationsOnline: 2,
      tablets: 1,
      refusals: { connect: { BAD_CREDENTIALS: 2 }, publish: { TOPIC_DENIED: 5 }, subscribe: { TOPIC_DENIED: 1 } },
    };
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('needs a viewer token (or higher): 401 without, 403 for an integration token', async () => {
    const app = await build();
    const anonymous = await app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
    const forbidden = await scrape(app, integration.token);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await scrape(app, manager.token)).statusCode).toBe(200);
  });

  it('answers the Prometheus text format with every figure', async () => {
    const res = await scrape(await build());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = res.body.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(lines.sort()).toEqual(
      [
        'packgate_ingest_accepted_total 1200',
        'packgate_ingest_duplicates_total 7',
        'packgate_ingest_rejected_total{code="PAYLOAD_INVALID"} 3',
        'packgate_ingest_rejected_total{code="PAYLOAD_NOT_JSON"} 1',
        'packgate_alerts_open 4',
        'packgate_stations_online 2',
        'packgate_tablets_connected 1',
        'packgate_history_recovering 1',
        'packgate_history_missing_events 3',
        'packgate_history_lost_events_total 2',
        'packgate_broker_refusals_total{action="connect",reason="BAD_CREDENTIALS"} 2',
        'packgate_broker_refusals_total{action="publish",reason="TOPIC_DENIED"} 5',
        'packgate_broker_refusals_total{action="subscribe",reason="TOPIC_DENIED"} 1',
        'packgate_history_writable 1',
        'packgate_ingest_deferred_total 0',
        'packgate_weight_mismatches_total 0',
      ].sort(),
    );
    expect(res.body).toContain('# TYPE packgate_ingest_rejected_total counter');
    expect(res.body).toContain('# TYPE packgate_alerts_open gauge');
  });

  it('counts open alerts and alerts raised by kind', async () => {
    const alertsByKind = () => ({ open: { 'station-block': 1, 'freeze-created': 1 }, raised: { 'station-block': 3, 'freeze-created': 1, 'station-fault': 2 } });
    const res = await scrape(await build({ ...source, alertsByKind }));
    const lines = res.body.split('\n').filter((line) => line.startsWith('packgate_alerts_'));
    expect(lines.sort()).toEqual(
      [
        'packgate_alerts_open 4',
        'packgate_alerts_open_by_kind{kind="station-block"} 1',
        'packgate_alerts_open_by_kind{kind="freeze-created"} 1',
        'packgate_alerts_raised_total{kind="station-block"} 3',
        'packgate_alerts_raised_total{kind="freeze-created"} 1',
        'packgate_alerts_raised_total{kind="station-fault"} 2',
      ].sort(),
    );
    expect(res.body).toContain('# TYPE packgate_alerts_open_by_kind gauge');
    expect(res.body).toContain('# TYPE packgate_alerts_raised_total counter');
  });

  it('says when the history takes no writes, and why', async () => {
    const storage = { writable: false, problem: { code: 'HISTORY_WRITE_FAILED' as const, errno: 'ENOSPC', message: 'no space', since: new Date(0).toISOString() }, deferred: 12 };
    const lines = (await scrape(await build({ ...source, storage: () => storage }))).body.split('\n');
    expect(lines).toContain('packgate_history_writable 0');
    expect(lines).toContain('packgate_history_storage_problem{code="HISTORY_WRITE_FAILED",errno="ENOSPC"} 1');
    expect(lines).toContain('packgate_ingest_deferred_total 12');
  });

  it('reads the source at every scrape, zeros included', async () => {
    const app = await build();
    await scrape(app);
    figures = { ingest: { accepted: 0, duplicates: 0, rejected: {} }, alertsOpen: 0, stationsOnline: 5, tablets: 0, refusals: undefined };
    const body = (await scrape(app)).body;
    expect(body).toContain('packgate_ingest_accepted_total 0\n');
    expect(body).toContain('packgate_stations_online 5\n');
    expect(body).not.toContain('packgate_ingest_rejected_total{');
    expect(body).not.toContain('packgate_broker_refusals_total{');
  });

  it('counts the domain commands refused, by command and code', async () => {
    const refused = { createOrder: { PRINT_DATA_TOO_LARGE: 2, WAYBILL_EXISTS: 1 }, labelPrinted: { TASK_BAD_TRANSITION: 3 } };
    const body = (await scrape(await build({ ...source, commandsRefused: () => refused }))).body;
    expect(body).toContain('packgate_commands_refused_total{command="createOrder",code="PRINT_DATA_TOO_LARGE"} 2\n');
    expect(body).toContain('packgate_commands_refused_total{command="createOrder",code="WAYBILL_EXISTS"} 1\n');
    expect(body).toContain('packgate_commands_refused_total{command="labelPrinted",code="TASK_BAD_TRANSITION"} 3\n');
  });

  it('keeps one registry per app, so two apps in one process do not clash', async () => {
    const first = await build();
    const second = await build({ ...source, alertsOpen: () => 99 });
    expect((await scrape(first)).body).toContain('packgate_alerts_open 4\n');
    expect((await scrape(second)).body).toContain('packgate_alerts_open 99\n');
  });
});
