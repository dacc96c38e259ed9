import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { getOwn, sortById, StopTask } from '../../domain/index.js';
import { closed, errorResponses, eventOf, guarded, NoQuery, Note } from './common.js';
import { StopList, StopRecord } from './records.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

const StopIdParams = closed({ stopId: Type.String({ minLength: 1, maxLength: 32 }) });
const LiftBody = closed({ note: Note });
const LiftQuery = closed({ note: Note });

const Stops = Type.Object({
  list: StopList,
  stops: Type.Array(StopRecord, { description: 'active stops, oldest first, with the ids to lift them by' }),
});

/**
 * Task stops: `GET /api/v1/stops` (viewer) is the stop list the stations hold and the active
 * stops; `POST /api/v1/stops` and `DELETE /api/v1/stops/:stopId` (manager) stop and lift.
 */
export function registerStopRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/stops',
    guarded(services, {
      roles: 'viewer',
      tag: 'stops',
      summary: 'The stop list stations hold (with its version) and the active stops',
      querystring: NoQuery,
      response: { 200: Stops, ...errorResponses() },
    }),
    async () => {
      const state = services.domain.state;
      return { list: state.stopList, stops: sortById(Object.values(state.stops)) };
    },
  );

  app.post<{ Body: Static<typeof StopTask> }>(
    '/api/v1/stops',
    guarded(services, {
      roles: 'manager',
      tag: 'stops',
      summary: "Stop an order's pack task wherever it is (reason cancel, address-change, fraud or manual)",
      body: StopTask,
      response: { 201: Type.Object({ stop: StopRecord }), ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const result = services.execute({ type: 'stopTask', ...request.body }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      const stopId = eventOf(result, 'task.stopped')!.stopId;
      return reply.status(201).send({ stop: getOwn(result.state.stops, stopId) });
    },
  );

  app.delete<{ Params: Static<typeof StopIdParams>; Body: Static<typeof LiftBody>; Querystring: Static<typeof LiftQuery> }>(
    '/api/v1/stops/:stopId',
    guarded(services, {
      roles: 'manager',
      tag: 'stops',
      summary: 'Lift a stop (a refund stop goes with its freeze: reject the freeze instead)',
      params: StopIdParams,
      querystring: LiftQuery,
      body: LiftBody,
      response: { 200: Type.Object({ stop: StopRecord }), ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const { stopId } = request.params;
      const stop = getOwn(services.domain.state.stops, stopId);
      const note = request.body.note ?? request.query.note;
      const command = { type: 'liftStop' as const, stopId, ...(note === undefined ? {} : { note }) };
      const result = services.execute(command, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return { stop };
    },
  );
}
