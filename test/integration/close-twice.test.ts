import { describe, expect, it } from 'vitest';
import { StationRig } from '../helpers/station-rig.js';

describe('closing twice', () => {
  it('a hub and a station agent closed twice, at once and again after, close once and resolve every call', async () => {
    const rig = await StationRig.start({ site: 'W1', tablet: false });
    const { agent, hub } = rig;
    await expect(Promise.all([agent.close(), agent.close()])).resolves.toEqual([undefined, undefined]);
    await expect(agent.close()).resolves.toBeUndefined();
    await expect(Promise.all([hub.close(), hub.close()])).resolves.toEqual([undefined, undefined]);
    await expect(hub.close()).resolves.toBeUndefined();
  });
});
