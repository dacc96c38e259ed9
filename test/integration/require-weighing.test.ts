import { describe, expect, it } from 'vitest';
import { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/** A scale that settles in 60 ms and reads 50 times a second. */
const fastScale = () => new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });

describe('a site that requires weighing', () => {
  it('holds the label until a steady weight is on the scale, then prints once with the weight on the event; an unplugged scale holds it and says why', async () => {
    const scale = fastScale();
    const rig = await StationRig.start({ site: 'weighing', shop: ['TB5001', 'TB5002'], tablet: true, station: { scale, policy: { requireWeighing: true } } });
    const { agent, scanner, printer } = rig;

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB5001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.view().label?.gate === 'awaiting_weight', 'the gate waiting for a weight');
    expect(agent.driver.session.phase).toBe('verified');
    expect(agent.view().label?.gateText?.en).toBe('Put the parcel on the scale and wait for a steady weight');
    expect(printer.simulator.printed).toHaveLength(0);

    scale.place(1234);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label once the weight settled');
    expect(printer.simulator.printed).toHaveLength(1);
    scale.place(0);

    // Scale unplugged mid-order: its status shows, and the next order's label waits, saying why.
    scanner.scan('$PG:ORDER:TB5002');
    await until(agent, () => agent.driver.session.order?.task.orderNo === 'TB5002', 'the next order');
    scale.unplug();
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.view().label?.gate === 'scale_not_ready', 'the gate waiting for the scale');
    expect(agent.view().scale).toMatchObject({ state: 'fault', weight: null });
    expect(agent.status().scale?.state).toBe('fault');
    scale.place(1180);
    expect(printer.simulator.printed).toHaveLength(1);
    scale.plug();
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label once the scale is back');
    expect(printer.simulator.printed).toHaveLength(2);

    await agent.drained();
    await rig.tablet.until((records) => records.filter((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed').length === 2);
    const labels = rig.tablet.records.flatMap((r) => (r.kind === 'event' && r.event.body.type.startsWith('pack.label') ? [r.event.body] : []));
    expect(labels).toEqual([
      expect.objectContaining({ type: 'pack.label_refused', reason: 'awaiting_weight' }),
      expect.objectContaining({ type: 'pack.label_requested', weightGrams: 1234 }),
      expect.objectContaining({ type: 'pack.label_printed' }),
      expect.objectContaining({ type: 'pack.label_refused', reason: 'scale_not_ready' }),
      // Back, the scale is ok before its first reading: the gate waits for the weight once more.
      expect.objectContaining({ type: 'pack.label_refused', reason: 'awaiting_weight' }),
      expect.objectContaining({ type: 'pack.label_requested', weightGrams: 1180 }),
      expect.objectContaining({ type: 'pack.label_printed' }),
    ]);
  });

  it('a station without a scale holds labels and says why', async () => {
    const rig = await StationRig.start({ site: 'weighing-noscale', shop: ['TB5003'], tablet: false, station: { policy: { requireWeighing: true } } });
    const { agent, scanner, printer } = rig;
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB5003');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.view().label?.gate === 'scale_not_ready', 'the gate refusing');
    expect(agent.driver.session.notice).toEqual({ key: 'gate.scale_not_ready', params: {} });
    expect(agent.view().label?.gateText?.['zh-CN']).toBe('本仓要求称重：电子秤未连接或故障，禁止打印');
    expect(printer.simulator.printed).toHaveLength(0);
  });
});
