import { describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../common/random.js';
import { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import type { DomainCommand } from '../../hub/domain/index.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/** What the units really weigh; the catalog knows neither, so every parcel is weighed unchecked and learned from. */
const TRUTH = { 'DRESS-RED-M': 412, 'BABY-SH-01': 187 } as const;
const BOX_GRAMS = 100;
const ORDERS = 30;

/** Order n: one dress, two pairs of baby shoes, or one of each, so each SKU is seen alone and together. */
function linesOf(n: number): Array<{ channelSku: string; masterSku: keyof typeof TRUTH; code: string; quantity: number }> {
  const dress = { channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' as const, code: BARCODES.dress };
  const baby = { channelSku: 'BABY-SH-001', masterSku: 'BABY-SH-01' as const, code: BARCODES.baby };
  if (n % 3 === 0) return [{ ...dress, quantity: 1 }];
  if (n % 3 === 1) return [{ ...baby, quantity: 2 }];
  return [{ ...dress, quantity: 1 }, { ...baby, quantity: 1 }];
}

const orderNo = (n: number) => `TB${7000 + n}`;

/** A gaussian from the seeded random (Box–Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('learned weights over a shift at a real station (issue #15)', () => {
  it('converge to within 1 % of the truth from the weighings the hub takes in, with a scale off by 0.4 % and a 2 g division', async () => {
    const orders: DomainCommand[] = Array.from({ length: ORDERS }, (_, n) => ({
      type: 'createOrder',
      channel: 'taobao',
      orderNo: orderNo(n),
      waybill: `SF${orderNo(n)}`,
      label: { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' },
      lines: linesOf(n).map(({ channelSku, quantity }) => ({ channelSku, quantity })),
    }));
    const scale = new SimulatedScale({ intervalMs: 20, settleMs: 60, stability: { samples: 3, windowMs: 40 } });
    const rig = await StationRig.start({ site: 'learn-shift', shop: [], seed: orders, tablet: false, station: { scale, policy: { requireWeighing: true, boxWeightGrams: BOX_GRAMS } } });
    const { agent, scanner } = rig;
    const random = seededRandom(20261206);
    const empty = () => {
      const latest = scale.latest();
      return latest !== undefined && latest.stable && latest.reading.grams === 0;
    };

    scanner.scan('$PG:BADGE:W07');
    for (let n = 0; n < ORDERS; n += 1) {
      scanner.scan(`$PG:ORDER:${orderNo(n)}`);
      await until(agent, () => agent.driver.session.order?.task.orderNo === orderNo(n) && agent.driver.session.phase === 'packing', `order ${orderNo(n)}`);
      for (const line of linesOf(n)) for (let unit = 0; unit < line.quantity; unit += 1) scanner.scan(line.code);
      await until(agent, () => agent.view().label?.gate === 'awaiting_weight', `the gate waiting for ${orderNo(n)}'s weight`);
      const truth = BOX_GRAMS + linesOf(n).reduce((sum, line) => sum + line.quantity * TRUTH[line.masterSku], 0);
      scale.place(Math.round((truth * (1 + gaussian(random) * 0.004)) / 2) * 2);
      await until(agent, () => agent.driver.session.phase === 'printed', `${orderNo(n)}'s label`);
      // The parcel comes off, so the next order's gate waits for its own weight.
      scale.place(0);
      await vi.waitFor(() => expect(empty()).toBe(true), { timeout: 5000 });
    }
    expect(rig.printer.simulator.printed).toHaveLength(ORDERS);
    await agent.drained();

    type Learned = { weighings: number; learned: Array<{ masterSku: string; grams: number; samples: number }> };
    const learned = async () => (await (await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/catalog/weights')).json()) as Learned;
    await vi.waitFor(async () => expect((await learned()).weighings).toBe(ORDERS), { timeout: 10_000 });
    const answer = await learned();
    expect(answer.learned.map((entry) => entry.masterSku).sort()).toEqual(Object.keys(TRUTH).sort());
    for (const entry of answer.learned) {
      const truth = TRUTH[entry.masterSku as keyof typeof TRUTH];
      expect(Math.abs(entry.grams - truth) / truth, `${entry.masterSku}: learned ${entry.grams} g, true ${truth} g`).toBeLessThan(0.01);
    }
  });
});
