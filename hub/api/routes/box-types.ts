import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { boxTypes, getOwn } from '../../domain/index.js';
import { BoxType } from '../../domain/model.js';
import { RemoveBoxType, SetBoxType } from '../../domain/schemas.js';
import { closed, errorResponses, guarded, NoQuery } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

const { code: CodeSchema, ...boxFields } = SetBoxType.properties;
const CodeParams = closed({ code: CodeSchema });
const BoxBody = closed(boxFields);
const RemoveBody = Type.Union([closed({ note: RemoveBoxType.properties.note }), Type.Null()]);

/** A box type as the API shows it: the domain's record, every field. */
export const BoxTypeRecord = BoxType;
const OneBox = Type.Object({ box: BoxTypeRecord });

/**
 * The site's box types (docs/api.md, "Box types"): `GET /api/v1/catalog/boxes` (viewer),
 * `PUT` and `DELETE /api/v1/catalog/boxes/:code` (manager). Stations get them with every task.
 */
export function registerBoxTypeRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/catalog/boxes',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: "The site's box types, by barcode",
      querystring: NoQuery,
      response: { 200: Type.Object({ version: Type.Integer(), boxes: Type.Array(BoxTypeRecord) }), ...errorResponses() },
    }),
    async () => ({ version: services.domain.state.catalogVersion, boxes: boxTypes(services.domain.state) }),
  );

  app.put<{ Params: Static<typeof CodeParams>; Body: Static<typeof BoxBody> }>(
    '/api/v1/catalog/boxes/:code',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: 'Set a box type whole: its weight and the most units the rule picks it for',
      params: CodeParams,
      body: BoxBody,
      response: { 200: OneBox, ...errorResponses(409) },
    }),
    async (request, reply) => {
      const { code } = request.params;
      const result = services.execute({ type: 'setBoxType', code, ...request.body }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return { box: getOwn(result.state.boxTypes, code) };
    },
  );

  app.delete<{ Params: Static<typeof CodeParams>; Body: Static<typeof RemoveBody> }>(
    '/api/v1/catalog/boxes/:code',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: 'Remove a box type (tasks released from now on no longer carry it)',
      params: CodeParams,
      body: RemoveBody,
      response: { 200: OneBox, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const { code } = request.params;
      const box = getOwn(services.domain.state.boxTypes, code);
      const note = request.body?.note;
      const result = services.execute({ type: 'removeBoxType', code, ...(note === undefined ? {} : { note }) }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return { box };
    },
  );
}
