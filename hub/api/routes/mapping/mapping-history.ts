import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { diffMappings } from '../../../mapping/catalog/index.js';
import { mappingTableAt } from '../../../mapping/index.js';
import { MappingLogEntry } from '../../../domain/model.js';
import { closed, errorResponses, guarded } from '../common.js';
import { NearDuplicateRecord, RowRecord } from './mapping-records.js';
import type { HubServices } from '../services.js';

const MAX_LOG_PAGE = 1000;

const Version = Type.Integer({ minimum: 0, description: 'a mapping version (0: the empty table)' });
const DiffQuery = closed({
  from: Version,
  to: Type.Optional(Type.Integer({ minimum: 0, description: 'default: the current version' })),
});
const Diff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  added: Type.Array(RowRecord),
  removed: Type.Array(RowRecord),
  changed: Type.Array(Type.Object({ key: Type.String(), before: RowRecord, after: RowRecord })),
  unchanged: Type.Integer({ description: 'rows in both with the same master SKU' }),
  nearDuplicates: Type.Array(NearDuplicateRecord, { description: 'added or changed rows nearly the same code as another row of their channel' }),
});

const LogQuery = closed({
  since: Type.Optional(Type.Integer({ minimum: 0, description: 'only changes after this version; default 0' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LOG_PAGE, description: `default ${MAX_LOG_PAGE}` })),
});
export const LogEntry = MappingLogEntry;
export const Log = Type.Object({
  version: Type.Integer({ description: 'the current mapping version' }),
  entries: Type.Array(LogEntry, { description: 'oldest first' }),
});

const VERSION_NOT_FOUND = 'MAPPING_VERSION_NOT_FOUND';

/**
 * The mapping table's versions: `GET /api/v1/mappings/log` (every change, by version) and
 * `GET /api/v1/mappings/diff?from=&to=` (two versions compared), both viewer.
 */
export function registerMappingHistoryRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof LogQuery> }>(
    '/api/v1/mappings/log',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'Every mapping change with its version, who, when and why, oldest first',
      querystring: LogQuery,
      response: { 200: Log, ...errorResponses() },
    }),
    async (request) => {
      const { since = 0, limit = MAX_LOG_PAGE } = request.query;
      const state = services.domain.state;
      const first = state.mappingLog.findIndex((entry) => entry.version > since);
      return { version: state.mappingVersion, entries: first < 0 ? [] : state.mappingLog.slice(first, first + limit) };
    },
  );

  app.get<{ Querystring: Static<typeof DiffQuery> }>(
    '/api/v1/mappings/diff',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'Two versions of the mapping table compared: added, removed, changed and near-duplicate rows',
      querystring: DiffQuery,
      response: { 200: Diff, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const state = services.domain.state;
      const { from, to = state.mappingVersion } = request.query;
      const beyond = [from, to].find((version) => version > state.mappingVersion);
      if (beyond !== undefined) {
        return reply.status(404).send({ error: { code: VERSION_NOT_FOUND, message: `no mapping version ${beyond}; the newest is ${state.mappingVersion}` } });
      }
      const diff = diffMappings(Object.values(mappingTableAt(state, from)), Object.values(mappingTableAt(state, to)));
      return { from, to, ...diff };
    },
  );
}
