import type { MappingHealth, MappingStations } from '../wire.js';
import type { StationBook } from './stations.js';

export type HealthRow = MappingHealth['rows'][number];
export type StationLag = MappingStations['stations'][number];

/** The rows health flags (stale or unused), as the hub ordered them. */
export function flaggedRows(health: MappingHealth | undefined): HealthRow[] {
  return (health?.rows ?? []).filter((row) => row.flagged);
}

/**
 * Stations behind the hub's mapping version, furthest behind first. Without the hub's answer
 * (an older hub), the page's own figures from station status and pack events stand in.
 */
export function laggingStations(answer: MappingStations | undefined, book: StationBook): { version: number | null; stations: StationLag[] } {
  if (answer) {
    const stations = answer.stations.filter((station) => (station.lag ?? 0) > 0).sort((a, b) => (b.lag ?? 0) - (a.lag ?? 0));
    return { version: answer.version, stations };
  }
  const stations = book
    .ids()
    .map((id) => ({ station: id, version: book.get(id)?.mappingVersion ?? null, lag: book.mappingLag(id), online: book.get(id)?.presence === 'online' }))
    .filter((station) => (station.lag ?? 0) > 0)
    .sort((a, b) => (b.lag ?? 0) - (a.lag ?? 0));
  return { version: book.hubMappingVersion, stations };
}
