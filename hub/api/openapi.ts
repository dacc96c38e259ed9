import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { PACKGATE_VERSION } from '../../common/version.js';

/** Where the document is served (open, no token). */
export const OPENAPI_PATH = '/api/v1/openapi.json';

const DESCRIPTION = [
  'The packgate hub API. Every route but health and this document needs `Authorization: Bearer pg_…`',
  'with a role allowed to do it (admin may do everything; manager may do what dock may; dock may read what viewer may).',
  'Errors are `{"error": {"code", "message"}}`; match the code, never the wording. See docs/api.md.',
].join(' ');

/**
 * Collects every route's schemas into an OpenAPI 3.1 document (`@fastify/swagger`, which reads
 * the routes' TypeBox schemas as the JSON Schema they are) and serves it at
 * `GET /api/v1/openapi.json`. It learns routes as they are added, so **await this before
 * registering any route** (`await registerOpenApi(app); registerApiRoutes(app, services);`).
 * Only `/api/…` and `/metrics` are listed; the tablet page, its files and `/ws` are not.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'packgate hub API', version: PACKGATE_VERSION, description: DESCRIPTION },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token (`pg_…`); see docs/api.md' } },
      },
      tags: [
        { name: 'orders', description: 'orders, their status and timeline' },
        { name: 'mappings', description: 'channel SKU to master SKU' },
        { name: 'stops', description: 'task stops and the stop list' },
        { name: 'freezes', description: 'refund-only freezes and the freeze list' },
        { name: 'stock', description: 'on hand, reserved, frozen, available' },
        { name: 'stations', description: 'packing stations' },
        { name: 'alerts', description: 'alerts for managers' },
        { name: 'operations', description: 'health and metrics' },
      ],
    },
    transform: ({ schema, url }) => ({
      schema: url.startsWith('/api/') || url === '/metrics' ? schema : { ...schema, hide: true },
      url,
    }),
    transformObject: (documents) => ('openapiObject' in documents ? optionalBodies(documents.openapiObject) : documents.swaggerObject),
  });
  app.get(
    OPENAPI_PATH,
    {
      schema: {
        hide: true,
        response: { 200: Type.Object({}, { additionalProperties: true, description: 'an OpenAPI 3.1 document' }) },
      },
    },
    async () => app.swagger(),
  );
}

interface OperationLike {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { required?: readonly string[] } }> };
}

/**
 * @fastify/swagger marks every request body required; a body whose fields are all optional
 * (a lift's or a decision's note) may be left out, and the document should say so.
 */
function optionalBodies<D extends { paths?: object }>(document: D): D {
  for (const methods of Object.values(document.paths ?? {}) as Array<Record<string, OperationLike>>) {
    for (const operation of Object.values(methods)) {
      const body = operation.requestBody;
      const schema = body?.content?.['application/json']?.schema;
      if (body && schema && (schema.required ?? []).length === 0) body.required = false;
    }
  }
  return document;
}
