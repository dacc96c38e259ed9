import { describe, expect, it, vi } from 'vitest';
import type { DomainCommand } from '../../hub/domain/index.js';
import { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/** A scale that settles in 60 ms and reads 50 times a second. */
const fastScale = () => new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });

/** The shop's items with catalog weights: a 400 g dress and a 200 g pair of baby shoes. */
const WEIGHTS: readonly DomainCommand[] = [
  { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: BARCODES.dress, multiplier: 1 }, { code: BARCODES.dressCase, multiplier: 6 }], unitWeightGrams: 400 },
  { type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BARCODES.baby, multiplier: 1 }], unitWeightGrams: 200 },
];

/** TB5001 is two dresses and the baby shoes: 2 × 400 + 200 + a 100 g box = 1100 g, ±33 g. */
async function weighedRig(site: string): Promise<StationRig> {
  const scale = fastScale();
  return StationRig.start({ site, shop: ['TB5001'], seed: WEIGHTS, tablet: true, station: { scale, policy: { requireWeighing: true, boxWeightGrams: 100 } } });
}

async function packTB5001(rig: StationRig): Promise<void> {
  const { agent, scanner } = rig;
  scanner.scan('$PG:BADGE:W07');
  scanner.scan('$PG:ORDER:TB5001');
  await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
  expect(agent.driver.session.order?.task.lines.map((line) => line.unitWeightGrams)).toEqual([400, 200]);
  for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
  await until(agent, () => agent.view().label?.gate === 'awaiting_weight', 'the gate waiting for a weight');
}

const packBodies = (rig: StationRig) => rig.tablet.records.flatMap((r) => (r.kind === 'event' && r.event.body.type.startsWith('pack.') ? [r.event.body] : []));

describe('the weight check with the catalog weights from the hub', () => {
  it('within tolerance: the label prints once, the weight on the event', async () => {
    const rig = await weighedRig('weight-ok');
    const scale = rig.agent.options.scale as SimulatedScale;
    await packTB5001(rig);
    scale.place(1118);
    await until(rig.agent, () => rig.agent.driver.session.phase === 'printed', 'the label');
    expect(rig.printer.simulator.printed).toHaveLength(1);
    await rig.agent.drained();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));
    expect(packBodies(rig).filter((b) => b.type === 'pack.label_requested')).toEqual([expect.objectContaining({ weightGrams: 1118 })]);
    expect(packBodies(rig).some((b) => b.type === 'pack.blocked')).toBe(false);
  });

  it('a dress short: weight_mismatch and no label; weighing again still short keeps it; a supervisor badge releases it, logged with who', async () => {
    const rig = await weighedRig('weight-short');
    const { agent, scanner, printer } = rig;
    const scale = agent.options.scale as SimulatedScale;
    await packTB5001(rig);
    scale.place(700);
    await until(agent, () => agent.driver.session.block?.reason === 'weight_mismatch', 'the weight block');
    expect(agent.driver.session.block?.detail).toBe('1100 g / 700 g / −400 g');
    expect(agent.view().block?.titleText).toEqual({ 'zh-CN': '重量不符（应重 / 实重 / 差值）：1100 g / 700 g / −400 g', en: 'Weight mismatch (expected / actual / difference): 1100 g / 700 g / −400 g' });
    expect(printer.simulator.printed).toHaveLength(0);

    scale.place(1000);
    await until(agent, () => agent.driver.session.block?.detail === '1100 g / 1000 g / −100 g', 'the new reading on the block');
    expect(printer.simulator.printed).toHaveLength(0);

    scanner.scan('$PG:SUP:S-09');
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label after the override');
    expect(printer.simulator.printed).toHaveLength(1);
    await agent.drained();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));
    const bodies = packBodies(rig);
    expect(bodies.filter((b) => b.type === 'pack.blocked')).toEqual([expect.objectContaining({ reason: 'weight_mismatch', cause: 'weight', detail: '1100 g / 700 g / −400 g' })]);
    expect(bodies.filter((b) => b.type === 'pack.block_cleared')).toEqual([expect.objectContaining({ reason: 'weight_mismatch', by: 'supervisor', supervisor: 'S-09' })]);
    expect(bodies.filter((b) => b.type === 'pack.label_requested')).toEqual([expect.objectContaining({ weightGrams: 1000 })]);
  });

  it('a dress short, put back in and weighed again: the block clears by reweighing and the label prints', async () => {
    const rig = await weighedRig('weight-reweigh');
    const { agent, printer } = rig;
    const scale = agent.options.scale as SimulatedScale;
    await packTB5001(rig);
    scale.place(700);
    await until(agent, () => agent.driver.session.block?.reason === 'weight_mismatch', 'the weight block');
    scale.place(1090);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label after reweighing');
    expect(printer.simulator.printed).toHaveLength(1);
    await agent.drained();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));
    expect(packBodies(rig).filter((b) => b.type === 'pack.block_cleared')).toEqual([expect.objectContaining({ reason: 'weight_mismatch', by: 'reweigh', supervisor: null })]);
  });
});

describe('box types and the seal, with the hub\'s box types', () => {
  /** A 150 g carton the rule picks for up to 5 units, and a 30 g bag only a scan picks. */
  const BOXES: readonly DomainCommand[] = [...WEIGHTS, { type: 'setBoxType', code: 'CARTON-5', grams: 150, maxUnits: 5 }, { type: 'setBoxType', code: 'BAG-30', grams: 30 }];

  it('the hub\'s box types reach the station with the task: the rule\'s carton, or the bag the packer scans', async () => {
    const rig = await StationRig.start({ site: 'weight-boxes', shop: ['TB5001'], seed: BOXES, tablet: true, station: { scale: fastScale(), policy: { requireWeighing: true, boxWeightGrams: 100 } } });
    const { agent, scanner } = rig;
    const scale = agent.options.scale as SimulatedScale;
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB5001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    expect(agent.driver.session.order?.task.boxes).toEqual([{ code: 'BAG-30', grams: 30 }, { code: 'CARTON-5', grams: 150, maxUnits: 5 }]);
    scanner.scan('BAG-30');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.view().label?.gate === 'awaiting_weight', 'the gate waiting for a weight');
    // 2 × 400 + 200 + the 30 g bag = 1030 g; with the carton (1150 g) or the station's default (1100 g) it would block.
    scale.place(1035);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    await agent.drained();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));
    const bodies = packBodies(rig);
    expect(bodies.filter((b) => b.type === 'pack.verdict' && b.verdict === 'box')).toEqual([expect.objectContaining({ code: 'BAG-30', units: 0, blocks: false })]);
    expect(bodies.filter((b) => b.type === 'pack.label_requested')).toEqual([
      expect.objectContaining({ weightGrams: 1035, expectedGrams: 1030, box: { code: 'BAG-30', grams: 30, by: 'scan' }, weightCheck: 'passed' }),
    ]);
    // The hub keeps the weighing to learn unit weights from.
    await vi.waitFor(() => expect(Object.values(rig.hub.domainState.weighings)).toHaveLength(1));
    expect(Object.values(rig.hub.domainState.weighings)[0]).toMatchObject({ station: rig.agent.options.id, grams: 1035, boxGrams: 30, lines: [{ sku: 'DRESS-RED-M', quantity: 2 }, { sku: 'BABY-SH-01', quantity: 1 }] });
    // The parcel's evidence names its weight.
    const evidence = await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/evidence?waybill=sftb5001');
    expect(((await evidence.json()) as { weight: unknown }).weight).toMatchObject({ station: rig.agent.options.id, grams: 1035, expectedGrams: 1030, box: { code: 'BAG-30', grams: 30, by: 'scan' }, check: 'passed' });
  });

  it('verify-preprinted: a parcel short does not seal (weight_mismatch); weighed again within tolerance it seals, with its weight', async () => {
    const rig = await StationRig.start({
      site: 'weight-seal',
      shop: ['TB5001'],
      seed: BOXES,
      tablet: true,
      station: { scale: fastScale(), policy: { requireWeighing: true, flow: 'verify-preprinted' } },
    });
    const { agent, scanner, printer } = rig;
    const scale = agent.options.scale as SimulatedScale;
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('SFTB5001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order by its waybill');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.driver.session.phase === 'verified', 'the order verified');
    // 2 × 400 + 200 + the carton the rule picks (150 g) = 1150 g, ±34.5 g: one dress short.
    scale.place(750);
    await until(agent, () => agent.driver.session.block?.reason === 'weight_mismatch', 'the weight block');
    expect(agent.driver.session.phase).toBe('verified');
    expect(agent.driver.session.block?.detail).toBe('1150 g / 750 g / −400 g');
    scale.place(1140);
    await until(agent, () => agent.driver.session.phase === 'sealed', 'the seal after reweighing');
    expect(printer.simulator.printed).toHaveLength(0);
    await agent.drained();
    await rig.tablet.until((records) => records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.sealed'));
    const bodies = packBodies(rig);
    expect(bodies.filter((b) => b.type === 'pack.blocked')).toEqual([expect.objectContaining({ reason: 'weight_mismatch', detail: '1150 g / 750 g / −400 g' })]);
    expect(bodies.filter((b) => b.type === 'pack.block_cleared')).toEqual([expect.objectContaining({ reason: 'weight_mismatch', by: 'reweigh' })]);
    expect(bodies.filter((b) => b.type === 'pack.sealed')).toEqual([
      expect.objectContaining({ weightGrams: 1140, expectedGrams: 1150, box: { code: 'CARTON-5', grams: 150, by: 'rule' }, weightCheck: 'passed' }),
    ]);
    const evidence = await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/evidence?waybill=SFTB5001');
    expect(((await evidence.json()) as { weight: unknown }).weight).toMatchObject({ grams: 1140, expectedGrams: 1150, check: 'passed' });
  });
});
