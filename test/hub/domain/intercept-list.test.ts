import { describe, expect, it } from 'vitest';
import { funnel, openIntercepts } from '../../../hub/domain/index.js';
import { HOUR, Harness, T0, ofType } from './harness.js';

/** A labelled order of one unit of A, labelled at S1; its waybill is `WB{orderNo}`. */
function labelled(h: Harness, orderNo: string): void {
  const taskId = h.order(orderNo, [['A', 1]]);
  h.verify(taskId);
  h.ok({ type: 'labelPrinted', taskId, station: 'S1' });
}

describe('openIntercepts', () => {
  it('lists each intercepted order oldest first, each parcel where it is now: its open batch, else the station that labelled it', () => {
    const h = new Harness();
    labelled(h, '1');
    labelled(h, '2');
    const batchId = ofType(h.ok({ type: 'openHandover', carrier: 'sf-express', station: 'DOCK1', operator: 'Zhao Lei' }), 'handover.opened')[0]!.batchId;
    h.ok({ type: 'handoverScan', batchId, waybill: 'WB2' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    h.advance(60_000);
    h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'address-change' });
    expect(openIntercepts(h.state)).toEqual([
      { orderId: 'taobao:1', alertSeq: expect.any(Number), since: T0.toISOString(), parcels: [{ waybill: 'WB1', station: 'S1' }] },
      {
        orderId: 'taobao:2',
        alertSeq: expect.any(Number),
        since: new Date(T0.getTime() + 60_000).toISOString(),
        parcels: [{ waybill: 'WB2', batchId, carrier: 'sf-express', station: 'S1' }],
      },
    ]);
    // Taken out of the batch, the parcel is gone from the list with its intercept.
    h.ok({ type: 'withdrawParcel', waybill: 'WB2', station: 'DOCK1' });
    expect(openIntercepts(h.state).map((intercept) => intercept.orderId)).toEqual(['taobao:1']);
  });

  it('is empty with no intercept', () => {
    const h = new Harness();
    labelled(h, '1');
    expect(openIntercepts(h.state)).toEqual([]);
  });
});

describe('funnel limits', () => {
  it("says the patrol's limit at each node that has one, the defaults when none are given", () => {
    const h = new Harness();
    const limits = (given?: Parameters<typeof funnel>[3]) => funnel(h.state, h.now, 1, given).nodes.map((node) => [node.node, node.limitMs]);
    expect(limits()).toEqual([
      ['released', 4 * HOUR],
      ['verified', null],
      ['labelled', 2 * HOUR],
      ['handed-over', 4 * HOUR],
      ['picked-up', null],
      ['delivered', null],
    ]);
    expect(limits({ released: HOUR, labelled: 90 * 60_000, 'handed-over': 3 * HOUR }).filter(([, ms]) => ms !== null)).toEqual([
      ['released', HOUR],
      ['labelled', 90 * 60_000],
      ['handed-over', 3 * HOUR],
    ]);
  });
});
