import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { StationStatus } from '../../../../protocol/index.js';
import { getOwn, type ReadonlyDomainState } from '../../../domain/index.js';
import { errorResponses, guarded, NoQuery } from '../common.js';
import type { HubServices } from '../services.js';

const Version = Type.Union([Type.Integer(), Type.Null()]);

export const MappingStations = Type.Object({
  version: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'the snapshot version the hub publishes; null before its first publish' }),
  stations: Type.Array(
    Type.Object({
      station: Type.String(),
      version: Version,
      lag: Type.Union([Type.Integer(), Type.Null()], { description: 'hub version minus the held one: 0 is current; null when either is unknown' }),
      online: Type.Boolean(),
    }),
  ),
});

/** `GET /api/v1/mappings/stations` (viewer): the mapping snapshot version each station holds, and how far behind it is. */
export function registerMappingStationRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/mappings/stations',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'The mapping snapshot version each station holds (from its last status) and its lag',
      querystring: NoQuery,
      response: { 200: MappingStations, ...errorResponses() },
    }),
    async () => mappingStations(services.mappingVersion?.() ?? null, services.stationStatuses?.() ?? new Map(), services.domain.state),
  );
}

/** Every station the hub has a status or presence of, by id, with the mapping version it last reported. */
export function mappingStations(version: number | null, statuses: ReadonlyMap<string, StationStatus>, state: ReadonlyDomainState) {
  const ids = [...new Set([...statuses.keys(), ...Object.keys(state.stations)])].sort();
  return {
    version,
    stations: ids.map((station) => {
      const held = statuses.get(station)?.versions?.mapping ?? null;
      return {
        station,
        version: held,
        lag: held === null || version === null ? null : version - held,
        online: getOwn(state.stations, station)?.state === 'online',
      };
    }),
  };
}
