import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { deriveMasterSku } from '../../mapping/catalog/index.js';
import { CreateMasterSku, getOwn, SetCatalogItem } from '../../domain/index.js';
import { CatalogItem } from '../../domain/model.js';
import { closed, errorResponses, guarded, NoQuery } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

const { masterSku: MasterSkuSchema, ...itemFields } = SetCatalogItem.properties;
const SkuParams = closed({ masterSku: MasterSkuSchema });
const ItemBody = closed(itemFields);

/** A catalog item as the API shows it: the domain's record, every field. */
export const CatalogItemRecord = CatalogItem;
const OneItem = Type.Object({ item: CatalogItemRecord });

/**
 * The master catalog: `GET /api/v1/catalog` (viewer), `PUT /api/v1/catalog/:masterSku` (manager,
 * an item under a given id) and `POST /api/v1/catalog` (manager, a new master SKU whose id is
 * derived from its brand, category and attributes).
 */
export function registerCatalogRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/catalog',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'The master catalog by master SKU, with its version (the one stations hold)',
      querystring: NoQuery,
      response: { 200: Type.Object({ version: Type.Integer(), items: Type.Array(CatalogItemRecord) }), ...errorResponses() },
    }),
    async () => {
      const state = services.domain.state;
      const items = Object.values(state.catalog).sort((a, b) => (a.masterSku < b.masterSku ? -1 : a.masterSku > b.masterSku ? 1 : 0));
      return { version: state.catalogVersion, items };
    },
  );

  app.put<{ Params: Static<typeof SkuParams>; Body: Static<typeof ItemBody> }>(
    '/api/v1/catalog/:masterSku',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: 'Set a catalog item whole: barcodes with their unit multiplier, tracking, attributes, unit weight',
      params: SkuParams,
      body: ItemBody,
      response: { 200: OneItem, ...errorResponses(409) },
    }),
    async (request, reply) => {
      const { masterSku } = request.params;
      const result = services.execute({ type: 'setCatalogItem', masterSku, ...request.body }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return { item: getOwn(result.state.catalog, masterSku) };
    },
  );

  app.post<{ Body: Static<typeof CreateMasterSku> }>(
    '/api/v1/catalog',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: 'Create a master SKU from its attributes: the id is derived from them (the same product, the same id)',
      body: CreateMasterSku,
      response: { 201: OneItem, ...errorResponses(409) },
    }),
    async (request, reply) => {
      const result = services.execute({ type: 'createMasterSku', ...request.body }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      // The command succeeded, so the attributes derive an id (the same one the domain gave the item).
      const derived = deriveMasterSku(request.body);
      const item = derived.ok ? getOwn(result.state.catalog, derived.masterSku) : undefined;
      return reply.status(201).send({ item });
    },
  );
}
