import { describe, expect, it } from 'vitest';
import { metricsRegistry } from '../../../hub/api/metrics.js';
import { WeighingTally } from '../../../hub/control/weighing-tally.js';
import type { PackEventOf } from '../../../protocol/pack-events.js';

const order = { taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao' };
const common = { at: '2026-03-02T08:00:00.000Z', station: 'P1', packer: 'W1', order, mappingVersion: 1 };
const lists = { stopListVersion: 3, freezeListVersion: 1, hubLastHeardAt: common.at };
const box = { code: null, grams: 100, by: 'default' as const };
const label = (weightGrams: number, expectedGrams: number | undefined, weightCheck: 'passed' | 'overridden' | 'unchecked', reprint = false): PackEventOf<'pack.label_requested'> =>
  ({ ...common, type: 'pack.label_requested', reprint, ...lists, weightGrams, box, ...(expectedGrams === undefined ? {} : { expectedGrams }), weightCheck });

describe('the weighing tally and its metrics', () => {
  it('counts parcels weighed by check, weight blocks, and the deviation of checked weights', async () => {
    const tally = new WeighingTally();
    tally.weighed(label(1010, 1000, 'passed'));
    tally.weighed(label(1025, 1000, 'passed'));
    tally.mismatch();
    tally.weighed(label(700, 1000, 'overridden'));
    tally.weighed(label(640, undefined, 'unchecked'));
    // Not weighings: a reprint, the second parcel of a seal, a label without a weighing.
    tally.weighed(label(700, 1000, 'passed', true));
    tally.weighed({ ...common, type: 'pack.sealed', parcel: { index: 2, waybill: 'W-2' }, parcels: 2, ...lists, weightGrams: 1, box, expectedGrams: 1, weightCheck: 'passed' });
    tally.weighed({ ...common, type: 'pack.label_requested', reprint: false, ...lists });
    expect(tally.stats()).toEqual({ weighed: { passed: 2, overridden: 1, unchecked: 1 }, mismatches: 1 });

    const registry = metricsRegistry({ ingest: () => ({ accepted: 0, duplicates: 0, rejected: {} }), alertsOpen: () => 0, stationsOnline: () => 0, tablets: () => 0, brokerRefusals: () => undefined, weighings: tally });
    const text = await registry.metrics();
    expect(text).toContain('packgate_weighings_total{check="passed"} 2');
    expect(text).toContain('packgate_weighings_total{check="overridden"} 1');
    expect(text).toContain('packgate_weight_mismatches_total 1');
    // 1 %, 2.5 % and 30 % off.
    expect(text).toContain('packgate_weight_deviation_percent_bucket{le="1"} 1');
    expect(text).toContain('packgate_weight_deviation_percent_bucket{le="3"} 2');
    expect(text).toContain('packgate_weight_deviation_percent_bucket{le="50"} 3');
    expect(text).toContain('packgate_weight_deviation_percent_count 3');
  });
});
