import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { DEFAULT_WEIGHT_TOLERANCE } from '../../../protocol/pack-vocabulary.js';
import { WeightTolerancePayload } from '../../../protocol/weight-tolerance.js';
import { getOwn } from '../../domain/index.js';
import { WeightToleranceChange } from '../../domain/model.js';
import { ConfirmLearnedWeight } from '../../domain/schemas.js';
import { flaggedWeights, learnedWeights } from '../../domain/weighings.js';
import { closed, errorResponses, guarded, NoQuery } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

const SkuParams = closed({ masterSku: ConfirmLearnedWeight.properties.masterSku });
const ConfirmBody = Type.Union([closed({ note: ConfirmLearnedWeight.properties.note }), Type.Null()]);

const LearnedRecord = Type.Object({
  masterSku: Type.String(),
  grams: Type.Number({ description: 'the median of its per-unit samples' }),
  samples: Type.Integer(),
  spreadGrams: Type.Number({ description: 'median absolute deviation of the samples' }),
  catalogGrams: Type.Optional(Type.Number()),
});
const FlaggedRecord = Type.Object({ masterSku: Type.String(), catalogGrams: Type.Optional(Type.Number()), learnedGrams: Type.Number(), samples: Type.Integer() });
/** The site's weight tolerance: the one in force (what the hub sends the stations) and every recorded change. */
const WeightToleranceView = Type.Object({
  ...WeightTolerancePayload.properties,
  changes: Type.Array(WeightToleranceChange, { description: 'every change the hub recorded, newest first; the first start records the one in force' }),
});
/** The answer of `GET /api/v1/catalog/weights`. */
export const LearnedWeightsResponse = Type.Object({ weighings: Type.Integer(), learned: Type.Array(LearnedRecord), flagged: Type.Array(FlaggedRecord), tolerance: WeightToleranceView });

/**
 * Learned unit weights (docs/api.md, "Learned weights"): `GET /api/v1/catalog/weights` (viewer)
 * and `POST /api/v1/catalog/weights/:masterSku/confirm` (manager).
 */
export function registerLearnedWeightRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/catalog/weights',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: "Unit weights learned from accepted weighings, the catalog weights they disagree with, and the site's weight tolerance with its changes",
      querystring: NoQuery,
      response: { 200: LearnedWeightsResponse, ...errorResponses() },
    }),
    async () => {
      const state = services.domain.state;
      const learned = learnedWeights(state);
      const rows = [...learned]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([masterSku, weight]) => {
          const catalogGrams = getOwn(state.catalog, masterSku)?.unitWeightGrams;
          return { masterSku, ...weight, ...(catalogGrams === undefined ? {} : { catalogGrams }) };
        });
      const flagged = flaggedWeights(state, learned).map(({ catalogGrams, ...rest }) => ({ ...rest, ...(catalogGrams === undefined ? {} : { catalogGrams }) }));
      const { grams, percent } = services.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE;
      const tolerance = { grams, percent, changes: [...state.weightToleranceLog].reverse() };
      return { weighings: Object.keys(state.weighings).length, learned: rows, flagged, tolerance };
    },
  );

  app.post<{ Params: Static<typeof SkuParams>; Body: Static<typeof ConfirmBody> }>(
    '/api/v1/catalog/weights/:masterSku/confirm',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: "Take the learned unit weight into the catalog item (logged, with the previous weight)",
      params: SkuParams,
      body: ConfirmBody,
      response: { 200: Type.Object({ masterSku: Type.String(), unitWeightGrams: Type.Number(), previousGrams: Type.Optional(Type.Number()) }), ...errorResponses(404) },
    }),
    async (request, reply) => {
      const { masterSku } = request.params;
      const previousGrams = getOwn(services.domain.state.catalog, masterSku)?.unitWeightGrams;
      const note = request.body?.note;
      const result = services.execute({ type: 'confirmLearnedWeight', masterSku, ...(note === undefined ? {} : { note }) }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      const unitWeightGrams = getOwn(result.state.catalog, masterSku)!.unitWeightGrams!;
      return { masterSku, unitWeightGrams, ...(previousGrams === undefined ? {} : { previousGrams }) };
    },
  );
}
