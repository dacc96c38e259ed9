import { describe, expect, it, vi } from 'vitest';
import { getOwn } from '../../hub/domain/index.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/*
 * Issue #14, "a shift through the dock": a real hub, broker and station pack the parcels; the
 * dock, the integration and the carrier work through the HTTP API; the hub's patrol runs on its
 * own timer with the labelled-not-handed-over limit cut to a second.
 */
/** A response's JSON body, loosely typed: the test asserts the shape. */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

describe('a shift through the dock', () => {
  it('hands parcels over in batches, intercepts a late refund, and closes the loop with carrier events and the patrol', async () => {
    const rig = await StationRig.start({
      site: 'dock',
      shop: ['TB1', 'TB2', 'TB3', 'TB4'],
      hub: { stuckLimits: { labelled: 1000 }, patrolMs: 100 },
    });
    const { hub, agent, scanner } = rig;
    const erp = await hub.createToken('erp', 'integration');
    const api = (method: string, path: string, body?: unknown, token = rig.token) => hubFetch(hub.httpUrl, token, method, path, body);
    const alerts = async () => (await json(api('GET', '/alerts'))).alerts as Array<{ seq: number; kind: string; target: Record<string, string>; closed?: { reason: string } }>;

    // The bench: four orders packed and labelled at P1.
    scanner.scan('$PG:BADGE:W07');
    for (const orderNo of ['TB1', 'TB2', 'TB3', 'TB4']) {
      scanner.scan(`$PG:ORDER:${orderNo}`);
      await until(agent, () => agent.driver.session.phase === 'packing' && agent.driver.session.order?.task.orderId === `taobao:${orderNo}`, orderNo);
      for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
      await until(agent, () => agent.driver.session.phase === 'printed', `${orderNo}'s label`);
    }
    await agent.drained();
    await vi.waitFor(() => expect(Object.values(hub.domainState.tasks).every((task) => task.progress === 'labelled')).toBe(true), { timeout: 10_000 });

    // A refund after labelling: the intercept names the station holding the parcel.
    expect((await api('POST', '/freezes', { orderId: 'taobao:TB3', note: 'refund only' }, erp)).status).toBe(201);
    const intercept = (await alerts()).find((alert) => alert.kind === 'parcel-intercepted')!;
    expect(intercept.target).toMatchObject({ orderId: 'taobao:TB3', waybill: 'SFTB3', station: 'P1' });

    // The dock: batch H1 for SF.
    expect((await api('POST', '/handovers', { carrier: 'sf-express', operator: 'Zhao Lei', station: 'DOCK1' })).status).toBe(201);
    const scan = async (waybill: string) => api('POST', '/handovers/H1/scans', { waybill, station: 'DOCK1' });
    expect((await scan('SFTB1')).status).toBe(201);
    const twice = await scan('SFTB1');
    expect(twice.status).toBe(409);
    expect((await json(twice)).error.code).toBe('PARCEL_IN_BATCH');
    const refunded = await scan('SFTB3');
    expect(refunded.status).toBe(409);
    expect((await json(refunded)).error).toMatchObject({ code: 'PARCEL_INTERCEPTED', message: expect.stringContaining('take this parcel out') });
    expect((await json(scan('NOBODY'))).error.code).toBe('WAYBILL_NOT_FOUND');
    expect((await scan('sftb2')).status).toBe(201);
    const closed = await json(api('POST', '/handovers/H1/close', { operator: 'Zhao Lei' }));
    expect(closed.batch.closed).toMatchObject({ by: 'Zhao Lei', count: 2 });
    expect(closed.batch.parcels.map((parcel: { waybill: string }) => parcel.waybill)).toEqual(['SFTB1', 'SFTB2']);

    // The refunded parcel is taken out at the dock: its intercept closes.
    expect((await api('POST', '/withdrawals', { waybill: 'SFTB3', station: 'DOCK1' })).status).toBe(201);
    expect((await alerts()).find((alert) => alert.seq === intercept.seq)!.closed?.reason).toBe('withdrawn at DOCK1');

    // The sheet: the batch barcode, the count and a line per parcel.
    const sheet = await (await api('GET', '/handovers/H1/sheet?format=zpl')).text();
    expect(sheet).toContain('^FDH1^FS');
    expect(sheet).toContain('Parcels 件数: 2');
    expect(sheet).toContain('1. SFTB1  taobao:TB1  #1');
    expect(sheet).toContain('2. SFTB2  taobao:TB2  #1');
    expect(sheet).not.toContain('SFTB3');
    const pdf = await api('GET', '/handovers/H1/sheet?format=pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    // The carrier's tracking push moves the nodes; a repeat is stored once.
    const push = { carrier: 'sf-express', events: [{ type: 'carrier.picked_up', eventId: 'SF-1', waybill: 'SFTB1' }, { type: 'carrier.picked_up', eventId: 'SF-1', waybill: 'SFTB1' }] };
    expect(await json(api('POST', '/carrier-events', push, erp))).toMatchObject({ stored: 1, duplicates: 1, refused: 0 });
    expect((await api('POST', '/orders/taobao:TB2/events', { type: 'carrier.delivered', source: 'sf-express', eventId: 'SF-2' }, erp)).status).toBe(201);
    const node = async (orderNo: string) => (await json(api('GET', `/orders/taobao:${orderNo}`))).fulfilment.node;
    expect(await node('TB1')).toBe('picked-up');
    expect(await node('TB2')).toBe('delivered');
    const unknown = await api('POST', '/orders/taobao:NOPE/events', { type: 'carrier.delivered', source: 'sf-express', eventId: 'SF-3' }, erp);
    expect(unknown.status).toBe(404);

    // TB4 was labelled and never handed over: the patrol raises its stuck alert; handing it over closes it.
    await vi.waitFor(async () => expect((await alerts()).some((alert) => alert.kind === 'order-stuck' && alert.target.orderId === 'taobao:TB4')).toBe(true), { timeout: 10_000 });
    const stuck = (await alerts()).find((alert) => alert.kind === 'order-stuck' && alert.target.orderId === 'taobao:TB4')!;
    expect(stuck.target.node).toBe('labelled');
    expect(stuck.closed).toBeUndefined();
    await api('POST', '/handovers', { carrier: 'sf-express', operator: 'Zhao Lei', batchId: 'SF-EVENING' });
    expect((await api('POST', '/handovers/SF-EVENING/scans', { waybill: 'SFTB4' })).status).toBe(201);
    expect((await api('POST', '/handovers/SF-EVENING/close', { operator: 'Zhao Lei' })).status).toBe(200);
    expect((await alerts()).find((alert) => alert.seq === stuck.seq)!.closed?.reason).toBe('reached handed-over');
    expect(await node('TB4')).toBe('handed-over');
    expect(getOwn(hub.domainState.stuck, 'taobao:TB4')).toBeUndefined();
  });
});
