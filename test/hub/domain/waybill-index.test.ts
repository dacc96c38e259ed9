import { describe, expect, it } from 'vitest';
import { openBatchOf, orderOfWaybill, parcelOfWaybill, waybillKey, type DomainState } from '../../../hub/domain/index.js';
import { buildAudit } from '../../../hub/domain/audit.js';
import { DEFAULT_DOMAIN_CONFIG } from '../../../hub/domain/state.js';
import { createTx } from '../../../hub/domain/tx.js';
import { parcelIndexOf } from '../../../hub/domain/waybill-index.js';
import { Harness, ofType, orderCommand } from './harness.js';

/** The open batch holding a waybill, found the slow way: every batch, every parcel. */
function scanned(state: DomainState, waybill: string): string | undefined {
  const key = waybillKey(waybill);
  return Object.values(state.handovers).find((batch) => !batch.closed && batch.parcels.some((parcel) => waybillKey(parcel.waybill) === key))?.id;
}

/** Orders 1..n, each verified and labelled (one parcel on WB{n}). */
function labelled(h: Harness, n: number): void {
  for (let i = 1; i <= n; i++) {
    const taskId = h.order(String(i), [['A', 1]]);
    h.verify(taskId);
    h.ok({ type: 'labelPrinted', taskId, station: 'S1' });
  }
}

const open = (h: Harness) => ofType(h.ok({ type: 'openHandover', carrier: 'sf-express', station: 'DOCK1', operator: 'Zhao Lei' }), 'handover.opened')[0]!.batchId;

describe('the waybill index', () => {
  it('finds the parcel of any case, with its order and place; an unknown waybill finds nothing', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'taobao-A', masterSku: 'A' });
    h.ok({ ...orderCommand('7', [['taobao-A', 2]]), parcels: [{ waybill: 'WB7' }, { waybill: 'wb7-b' }] });
    const found = parcelOfWaybill(h.state, 'WB7-B')!;
    expect([found.order.id, found.index, found.parcel.waybill]).toEqual(['taobao:7', 2, 'wb7-b']);
    expect(orderOfWaybill(h.state, 'wb7')?.id).toBe('taobao:7');
    expect(parcelIndexOf(found.order, 'Wb7')).toBe(0);
    expect(parcelOfWaybill(h.state, 'WB8')).toBeUndefined();
    expect(openBatchOf(h.state, 'WB7')).toBeUndefined();
  });

  it('never goes stale: after every scan, withdrawal, refusal and close it answers as a scan of every batch does', () => {
    const h = new Harness();
    labelled(h, 6);
    const waybills = ['WB1', 'wb2', 'WB3', 'WB4', 'WB5', 'WB6', 'WB9'];
    const states: DomainState[] = [];
    const check = () => {
      // Read the index of every state: it is carried from state to state, and built for one read first now.
      for (const waybill of waybills) expect(openBatchOf(h.state, waybill)?.id, waybill).toBe(scanned(h.state, waybill));
      states.push(h.state);
    };
    check();
    const first = open(h);
    check();
    h.ok({ type: 'handoverScan', batchId: first, waybill: 'wb1' });
    check();
    h.ok({ type: 'handoverScan', batchId: first, waybill: 'WB2' });
    check();
    const second = open(h);
    expect(h.refused({ type: 'handoverScan', batchId: second, waybill: 'WB2' })).toBe('PARCEL_IN_BATCH');
    check();
    h.ok({ type: 'withdrawParcel', waybill: 'wb2' });
    check();
    h.ok({ type: 'handoverScan', batchId: second, waybill: 'WB2' });
    check();
    h.ok({ type: 'handoverScan', batchId: second, waybill: 'WB3' });
    h.ok({ type: 'closeHandover', batchId: first, operator: 'Zhao Lei' });
    check();
    expect(openBatchOf(h.state, 'WB1')).toBeUndefined();
    expect(openBatchOf(h.state, 'wb3')?.id).toBe(second);
    // An earlier state lost its index to the next one: read again, it is rebuilt as it was.
    for (const state of states) for (const waybill of waybills) expect(openBatchOf(state, waybill)?.id).toBe(scanned(state, waybill));
  });

  it('inside a command reads the batches as the command changed them so far', () => {
    const h = new Harness();
    labelled(h, 2);
    const id = open(h);
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'WB1' });
    expect(openBatchOf(h.state, 'WB1')?.id).toBe(id);
    const tx = createTx(h.state, h.now, DEFAULT_DOMAIN_CONFIG, () => undefined, buildAudit({ type: 'tick' }, h.context()));
    expect(openBatchOf(tx.state, 'wb1')?.id).toBe(id);
    const batch = tx.edit('handovers', id)!;
    batch.parcels = [];
    expect(openBatchOf(tx.state, 'WB1')).toBeUndefined();
    batch.parcels.push({ waybill: 'WB2', orderId: 'taobao:2', index: 1, at: tx.at });
    tx.put('handovers', 'H9', { id: 'H9', carrier: 'sf-express', openedAt: tx.at, openedBy: 'Zhao Lei', parcels: [{ waybill: 'WB1', orderId: 'taobao:1', index: 1, at: tx.at }] });
    expect([openBatchOf(tx.state, 'WB1')?.id, openBatchOf(tx.state, 'WB2')?.id]).toEqual(['H9', id]);
    // The state the command started from is unchanged, and so are its answers.
    expect([openBatchOf(h.state, 'WB1')?.id, openBatchOf(h.state, 'WB2')?.id]).toEqual([id, undefined]);
  });
});
