import type { Hub } from '../../hub/hub.js';
import { fleetStationIds } from './fleet.js';

/** Issues MQTT credentials at the hub for every station of a fleet. */
export async function provisionFleet(
  hub: Hub,
  stations: number,
  prefix?: string,
): Promise<Record<string, { username: string; password: string }>> {
  const credentials: Record<string, { username: string; password: string }> = {};
  for (const id of fleetStationIds(stations, prefix)) credentials[id] = await hub.provisionStation(id);
  return credentials;
}
