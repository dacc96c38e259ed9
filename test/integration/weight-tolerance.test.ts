import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import type { DomainCommand } from '../../hub/domain/index.js';
import { DEFAULT_WEIGHT_TOLERANCE } from '../../protocol/pack-vocabulary.js';
import { HubCopy } from '../../station/store/hub-copy.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/** A 400 g dress and 200 g baby shoes: each shop order (2 dresses, 1 pair) with a 100 g box should weigh 1100 g. */
const WEIGHTS: readonly DomainCommand[] = [
  { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: BARCODES.dress, multiplier: 1 }], unitWeightGrams: 400 },
  { type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BARCODES.baby, multiplier: 1 }], unitWeightGrams: 200 },
];

/** 30 g over 1100 g: inside the default max(20 g, 3 % = 33 g), outside 5 g / 0 %. */
const OFF_BY_30 = 1130;

/** The weighing the hub's evidence answer shows for a waybill. */
async function evidenceWeight(rig: StationRig, waybill: string): Promise<unknown> {
  const res = await hubFetch(rig.hub.httpUrl, rig.token, 'GET', `/evidence?waybill=${waybill}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { weight: unknown }).weight;
}

async function packAndWeigh(rig: StationRig, orderNo: string, grams: number): Promise<void> {
  const { agent, scanner } = rig;
  const scale = agent.options.scale as SimulatedScale;
  scale.place(0);
  await vi.waitFor(() => expect(scale.latest()).toMatchObject({ stable: true, reading: { grams: 0 } }), { timeout: 5000 });
  scanner.scan(`$PG:ORDER:${orderNo}`);
  await until(agent, () => agent.driver.session.order?.task.orderNo === orderNo && agent.driver.session.phase === 'packing', orderNo);
  for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
  await until(agent, () => agent.view().label?.gate === 'awaiting_weight', `the gate waiting for ${orderNo}'s weight`);
  scale.place(grams);
}

describe("the site's weight tolerance, set at the hub and sent to the stations (issue #15)", () => {
  it('30 g off passes at the default; the hub restarted with 5 g / 0 % tightens the station, and the same error blocks with weight_mismatch', async () => {
    const scale = new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });
    const rig = await StationRig.start({
      site: 'weight-tolerance',
      shop: ['TB5001', 'TB5002'],
      seed: WEIGHTS,
      tablet: false,
      station: { scale, policy: { requireWeighing: true, boxWeightGrams: 100 } },
    });
    const { agent } = rig;
    expect(agent.copy.weightTolerance).toEqual(DEFAULT_WEIGHT_TOLERANCE);

    rig.scanner.scan('$PG:BADGE:W07');
    await packAndWeigh(rig, 'TB5001', OFF_BY_30);
    await until(agent, () => agent.driver.session.phase === 'printed', "TB5001's label");
    expect(agent.driver.session.block).toBeNull();
    expect(rig.printer.simulator.printed).toHaveLength(1);

    await rig.stopHub();
    await rig.startHub(undefined, { weightTolerance: { grams: 5, percent: 0 } });
    await until(agent, () => agent.copy.weightTolerance.grams === 5, 'the tightened tolerance');
    expect(agent.copy.weightTolerance).toEqual({ grams: 5, percent: 0 });
    await until(agent, () => agent.presence.live, 'the hub again');

    await packAndWeigh(rig, 'TB5002', OFF_BY_30);
    await until(agent, () => agent.driver.session.block?.reason === 'weight_mismatch', 'the weight block');
    expect(agent.driver.session.block?.detail).toBe('1100 g / 1130 g / +30 g');
    expect(rig.printer.simulator.printed).toHaveLength(1);
    await agent.drained();
    const tablet = await rig.connectTablet();
    await tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.blocked' && r.event.body.reason === 'weight_mismatch'));
    // The station's status says which tolerance it checks with.
    expect(agent.status().policy).toEqual({ hubSilenceMs: 300_000, weightTolerance: { grams: 5, percent: 0 } });

    // A supervisor releases it: the parcel's own record says it was held to ±5 g, the first parcel's still ±33 g.
    rig.scanner.scan('$PG:SUP:S-09');
    await until(agent, () => agent.driver.session.phase === 'printed', "TB5002's label after the override");
    await agent.drained();
    await tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed' && r.event.body.order?.orderNo === 'TB5002'));
    const blocked = tablet.records.flatMap((r) => (r.kind === 'event' && r.event.body.type === 'pack.blocked' ? [r.event.body] : []));
    expect(blocked).toEqual([expect.objectContaining({ reason: 'weight_mismatch', weightGrams: OFF_BY_30, expectedGrams: 1100, tolerance: { grams: 5, percent: 0 }, allowedGrams: 5 })]);
    expect(await evidenceWeight(rig, 'sftb5002')).toMatchObject({ grams: OFF_BY_30, expectedGrams: 1100, tolerance: { grams: 5, percent: 0 }, allowedGrams: 5, check: 'overridden' });
    expect(await evidenceWeight(rig, 'sftb5001')).toMatchObject({ grams: OFF_BY_30, expectedGrams: 1100, tolerance: DEFAULT_WEIGHT_TOLERANCE, allowedGrams: 33, check: 'passed' });
    // The station's status history says when it started to apply the new tolerance.
    const applied = tablet.records.flatMap((r) => (r.kind === 'station' && r.station === 'P1' ? [r.status.policy?.weightTolerance] : []));
    expect(applied).toContainEqual({ grams: 5, percent: 0 });

    // The station keeps the last tolerance it heard: a restart before the hub answers starts with it.
    await rig.stopStation();
    const copy = await HubCopy.open(join(rig.dir, 'P1', 'hub-copy.json'));
    try {
      expect(copy.weightTolerance).toEqual({ grams: 5, percent: 0 });
    } finally {
      await copy.close();
    }
  });
});
