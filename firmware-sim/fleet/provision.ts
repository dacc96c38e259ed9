import { fleetStationIds } from './fleet.js';

/** What provisioning needs of a hub: its station logins (`Hub.provisionStation`). */
export interface StationProvisioner {
  provisionStation(id: string): Promise<{ username: string; password: string }>;
}

/** Issues MQTT credentials at the hub for every station of a fleet. */
export async function provisionFleet(
  hub: StationProvisioner,
  stations: number,
  prefix?: string,
): Promise<Record<string, { username: string; password: string }>> {
  const credentials: Record<string, { username: string; password: string }> = {};
  for (const id of fleetStationIds(stations, prefix)) credentials[id] = await hub.provisionStation(id);
  return credentials;
}
