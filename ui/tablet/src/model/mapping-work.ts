import type { MappingHealth, MappingStations } from '../wire.js';
import type { StationBook } from '../../../../common/tally/stations.js';

export type HealthRow = MappingHealth['rows'][number];
export type StationLag = MappingStations['stations'][number];

/** The rows health flags (stale or unused), as the hub ordered them. */
export function flaggedRows(health: MappingHealth | undefined): HealthRow[] {
  return (health?.rows ?? []).filter((row) => row.flagged);
}

/**
 * Stations behind the hub's mapping snapshot version, furthest behind first: each station's
 * version from its status and pack events, the hub's from its answers (one source with the
 * station board).
 */
export function laggingStations(book: StationBook): { version: number | null; stations: StationLag[] } {
  const stations = book
    .ids()
    .map((id) => ({ station: id, version: book.get(id)?.mappingVersion ?? null, lag: book.mappingLag(id), online: book.get(id)?.presence === 'online' }))
    .filter((station) => (station.lag ?? 0) > 0)
    .sort((a, b) => (b.lag ?? 0) - (a.lag ?? 0) || (a.station < b.station ? -1 : 1));
  return { version: book.hubMappingVersion, stations };
}
