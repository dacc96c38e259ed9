import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SerialScale } from '../../station/scale/serial.js';
import { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import { until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

describe('a station with a scale: its status at the station, the hub and the tablet', () => {
  it('shows the weight on the packer screen; an unplug reaches the hub as a scale fault and its recovery as recovered', async () => {
    const scale = new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });
    const rig = await StationRig.start({ site: 'scale-status', station: { scale } });
    const agent = rig.agent;
    expect(agent.status().scale).toEqual({ kind: 'sim', state: 'ok', detail: 'simulated' });

    scale.place(1250);
    await until(agent, () => agent.view().scale?.weight?.stable === true && agent.view().scale?.weight?.grams === 1250, 'a stable 1250 g on the screen');

    scale.unplug();
    await until(agent, () => agent.view().scale?.state === 'fault' && agent.view().scale?.weight === null, 'the unplugged scale on the screen');
    await rig.tablet.until((records) => records.some((r) => r.kind === 'station' && r.status.scale?.state === 'fault'));
    await expect.poll(() => rig.hub.domainState.stations['P1']?.faults['scale']?.detail).toBe('simulated unplug');

    scale.plug();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'station' && r.status.scale?.state === 'ok'));
    await expect.poll(() => rig.hub.domainState.stations['P1']?.faults['scale']).toBeUndefined();
  });

  it('a scale that is not there is absent with its reason at the hub, never a simulated one', async () => {
    const path = join(tmpdir(), `packgate-no-scale-${randomUUID()}`);
    const scale = new SerialScale({ target: { path }, baudRate: 9600, format: 'st-gs' });
    const rig = await StationRig.start({ site: 'scale-absent', station: { scale } });
    expect(rig.agent.status().scale).toMatchObject({ kind: 'serial', state: 'absent', detail: expect.stringContaining(path) });
    await rig.tablet.until((records) => records.some((r) => r.kind === 'station' && r.status.scale?.state === 'absent' && (r.status.scale.detail ?? '').includes(path)));
  });
});
