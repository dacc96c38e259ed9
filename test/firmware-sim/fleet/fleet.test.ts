import { afterEach, describe, expect, it } from 'vitest';
import { Fleet } from '../../../firmware-sim/fleet/fleet.js';
import { provisionFleet } from '../../../firmware-sim/fleet/provision.js';
import { Hub } from '../../../hub/hub.js';

describe('station fleet simulator', () => {
  let hub: Hub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  it('publishes valid events that the hub stores once each and acks in full', async () => {
    hub = await Hub.start({ site: 'fleet', host: '127.0.0.1', port: 0, mqttPort: 0 });
    const credentials = await provisionFleet(hub, 3);
    const fleet = await Fleet.connect({
      url: hub.mqttUrl,
      site: 'fleet',
      stations: 3,
      eventsPerStation: 20,
      waitFor: 'acks',
      credentials,
    });
    const result = await fleet.run();
    await fleet.close();
    expect(result).toMatchObject({ stations: 3, sent: 60, acked: 60 });
    expect(hub.health().ingest).toEqual({ accepted: 60, duplicates: 0, rejected: {} });
  });
});
