import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { findAlert, isOpenAlert } from '../../domain/index.js';
import { Alert } from '../../domain/model.js';
import { closed, errorResponses, guarded } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

export const MAX_ALERTS_PAGE = 1000;

/** An alert as the API shows it: the domain's record, every field. */
export const AlertRecord = Alert;

const AlertsQuery = closed({
  since: Type.Optional(Type.Integer({ minimum: 0, description: 'only alerts with a higher seq; default 0 (all)' })),
  open: Type.Optional(Type.Boolean({ description: 'true: only open alerts: not acknowledged, and what they are about has not ended (no `closed`)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ALERTS_PAGE, description: `default ${MAX_ALERTS_PAGE}` })),
});
const Alerts = Type.Object({
  alerts: Type.Array(AlertRecord, { description: 'in seq order' }),
  lastSeq: Type.Integer({ description: 'the newest alert seq there is; poll again with since = the last seq you got' }),
});
const SeqParams = closed({ seq: Type.Integer({ minimum: 1 }) });
const AckBody = closed({
  manager: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "who acknowledges; default the token's name" })),
});

/** Alerts: `GET /api/v1/alerts?since=N&open=true` (viewer), `POST /api/v1/alerts/:seq/ack` (manager). */
export function registerAlertRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof AlertsQuery> }>(
    '/api/v1/alerts',
    guarded(services, {
      roles: 'viewer',
      tag: 'alerts',
      summary: 'Alerts after a sequence number, oldest first (optionally only open ones)',
      querystring: AlertsQuery,
      response: { 200: Alerts, ...errorResponses() },
    }),
    async (request) => {
      const { since = 0, open = false, limit = MAX_ALERTS_PAGE } = request.query;
      const state = services.domain.state;
      const alerts: unknown[] = [];
      for (let index = firstAfter(state.alerts, since); index < state.alerts.length && alerts.length < limit; index += 1) {
        const alert = state.alerts[index]!;
        if (!open || isOpenAlert(alert)) alerts.push(alert);
      }
      return { alerts, lastSeq: state.counters.alert };
    },
  );

  app.post<{ Params: Static<typeof SeqParams>; Body: Static<typeof AckBody> }>(
    '/api/v1/alerts/:seq/ack',
    guarded(services, {
      roles: 'manager',
      tag: 'alerts',
      summary: "Acknowledge an alert, once, in a manager's name",
      params: SeqParams,
      body: AckBody,
      response: { 200: Type.Object({ alert: AlertRecord }), ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const manager = request.body.manager ?? request.principal!.name;
      const result = services.execute({ type: 'acknowledgeAlert', alertSeq: request.params.seq, manager }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return { alert: findAlert(result.state, request.params.seq) };
    },
  );
}

/** The index of the first alert with a seq above `since` (alerts are kept in seq order). */
function firstAfter(alerts: ReadonlyArray<{ readonly seq: number }>, since: number): number {
  let low = 0;
  let high = alerts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (alerts[mid]!.seq <= since) low = mid + 1;
    else high = mid;
  }
  return low;
}
