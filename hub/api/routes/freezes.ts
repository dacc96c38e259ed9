import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { CreateFreeze, getOwn, sortById, type DomainCommand } from '../../domain/index.js';
import { closed, errorResponses, eventOf, guarded, Note } from './common.js';
import { FreezeList, FreezeRecord } from './records.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

const FREEZE_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;

const FreezesQuery = closed({
  status: Type.Optional(Type.Enum(FREEZE_STATUSES)),
  orderId: Type.Optional(Type.String({ minLength: 3, maxLength: 100 })),
});
const FreezeIdParams = closed({ freezeId: Type.String({ minLength: 1, maxLength: 32 }) });
const DecisionBody = closed({ note: Note });
const OneFreeze = Type.Object({ freeze: FreezeRecord });

const Freezes = Type.Object({
  list: FreezeList,
  freezes: Type.Array(FreezeRecord, { description: 'oldest first' }),
});

/**
 * Refund-only freezes: `GET /api/v1/freezes` (viewer), `POST /api/v1/freezes` (integration or
 * manager), `POST /api/v1/freezes/:freezeId/approve` and `/reject` (manager).
 */
export function registerFreezeRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof FreezesQuery> }>(
    '/api/v1/freezes',
    guarded(services, {
      roles: 'viewer',
      tag: 'freezes',
      summary: 'Freezes (every status, or the one asked for) and the freeze list stations hold',
      querystring: FreezesQuery,
      response: { 200: Freezes, ...errorResponses() },
    }),
    async (request) => {
      const { status, orderId } = request.query;
      const state = services.domain.state;
      const freezes = Object.values(state.freezes).filter(
        (freeze) => (status === undefined || freeze.status === status) && (orderId === undefined || freeze.orderId === orderId),
      );
      return { list: state.freezeList, freezes: sortById(freezes) };
    },
  );

  app.post<{ Body: Static<typeof CreateFreeze> }>(
    '/api/v1/freezes',
    guarded(services, {
      roles: ['integration', 'manager'],
      tag: 'freezes',
      summary: "Freeze an order's stock for a refund-only request: its task stops at once",
      body: CreateFreeze,
      response: { 201: OneFreeze, ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const result = services.execute({ type: 'createFreeze', ...request.body }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      const freezeId = eventOf(result, 'freeze.created')!.freezeId;
      return reply.status(201).send({ freeze: getOwn(result.state.freezes, freezeId) });
    },
  );

  for (const [action, type] of [
    ['approve', 'approveFreeze'],
    ['reject', 'rejectFreeze'],
  ] as const) {
    app.post<{ Params: Static<typeof FreezeIdParams>; Body: Static<typeof DecisionBody> }>(
      `/api/v1/freezes/:freezeId/${action}`,
      guarded(services, {
        roles: 'manager',
        tag: 'freezes',
        summary:
          action === 'approve'
            ? 'Approve: the task is released for good (never ships) and its goods go back to stock'
            : 'Reject: the freeze and its refund stop are lifted and the parcel ships',
        params: FreezeIdParams,
        body: DecisionBody,
        response: { 200: OneFreeze, ...errorResponses(404, 409) },
      }),
      async (request, reply) => {
        const { freezeId } = request.params;
        const note = request.body.note;
        const command: DomainCommand = { type, freezeId, ...(note === undefined ? {} : { note }) };
        const result = services.execute(command, requestContext(request));
        if (!result.ok) return sendRejection(reply, result);
        return { freeze: getOwn(result.state.freezes, freezeId) };
      },
    );
  }
}
