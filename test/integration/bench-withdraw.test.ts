import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../hub/domain/model.js';
import type { HistoryRecord } from '../../hub/store/history.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/*
 * Issue #14, intercepts, "scanned out as withdrawn … at the bench": a real hub, broker and station
 * agent. An order labelled at P1 gets a refund freeze; the intercept alert names P1; the packer
 * scans WITHDRAW and the parcel at P1, and the alert closes at the hub and on the tablet. Refused
 * inputs change nothing; the withdrawn parcel is refused at the dock while its order is held.
 */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

const domainEvents = (records: readonly HistoryRecord[]) => records.flatMap((record) => (record.kind === 'domain' ? record.events : []));
const stationBodies = (records: readonly HistoryRecord[]) => records.flatMap((record) => (record.kind === 'event' ? [record.event.body] : []));

describe('withdraw at the bench', () => {
  it('closes the intercept alert of a parcel labelled and then frozen, refuses what is not one, and the dock refuses the parcel after', async () => {
    const rig = await StationRig.start({ site: 'benchwithdraw', shop: ['TB1', 'TB2', 'TB3'] });
    const { hub, agent, scanner, tablet } = rig;
    const api = (method: string, path: string, body?: unknown, token = rig.token) => hubFetch(hub.httpUrl, token, method, path, body);
    const intercepts = async () => ((await json(api('GET', '/alerts'))).alerts as Alert[]).filter((alert) => alert.kind === 'parcel-intercepted');
    const session = () => agent.driver.session;

    // Three orders packed and labelled at P1; TB3 stays on screen.
    scanner.scan('$PG:BADGE:W07');
    for (const orderNo of ['TB1', 'TB2', 'TB3']) {
      scanner.scan(`$PG:ORDER:${orderNo}`);
      await until(agent, () => session().phase === 'packing' && session().order?.task.orderId === `taobao:${orderNo}`, orderNo);
      for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
      await until(agent, () => session().phase === 'printed', `${orderNo}'s label`);
    }
    await agent.drained();
    await vi.waitFor(() => expect(Object.values(hub.domainState.tasks).every((task) => task.progress === 'labelled')).toBe(true), { timeout: 10_000 });

    // A refund after labelling: the intercept alert names the station holding the parcel.
    const erp = await hub.createToken('erp', 'integration');
    expect((await api('POST', '/freezes', { orderId: 'taobao:TB2', note: 'refund only' }, erp)).status).toBe(201);
    const [intercept] = await intercepts();
    expect(intercept).toMatchObject({ severity: 'critical', target: { orderId: 'taobao:TB2', waybill: 'SFTB2', station: 'P1' } });
    expect(intercept!.closed).toBeUndefined();
    expect(intercept!.message).toContain('at station P1');
    await until(agent, () => agent.copy.stopList?.entries.some((entry) => entry.orderId === 'taobao:TB2') === true, "TB2's stop at the station");

    // Refused, each with its code, and nothing else changes: a waybill no order has, a parcel nobody holds, a product.
    const refusals = async (waybill: string, reason: string) => {
      scanner.scan('$PG:WITHDRAW');
      await until(agent, () => session().withdrawing === true, 'the WITHDRAW card');
      scanner.scan(waybill);
      await until(agent, () => session().notice?.key === `refusal.${reason}`, `${waybill} refused ${reason}`);
      expect(session().withdrawing).toBeUndefined();
      expect(session()).toMatchObject({ phase: 'printed', block: null, order: { task: { orderId: 'taobao:TB3' } } });
    };
    await refusals('NOBODY1', 'waybill_not_found');
    expect(agent.view().notice).toEqual({ 'zh-CN': '未取出：本工位没有运单 NOBODY1 的订单', en: 'Not taken out: no order at this station has waybill NOBODY1' });
    await refusals('SFTB1', 'not_intercepted');
    await refusals(BARCODES.sock, 'not_a_waybill');
    // WITHDRAW then CANCEL gives up, and cancels no order.
    scanner.scan('$PG:WITHDRAW');
    await until(agent, () => session().withdrawing === true, 'the WITHDRAW card');
    expect(agent.view().prompt.en).toBe('Scan the waybill of the parcel you took out (CANCEL: give up)');
    scanner.scan('$PG:CANCEL');
    await until(agent, () => session().notice?.key === 'notice.withdraw_cancelled', 'the withdrawal given up');
    expect(session()).toMatchObject({ phase: 'printed', order: { task: { orderId: 'taobao:TB3' } } });
    await agent.drained();
    await tablet.until((records) => stationBodies(records).filter((body) => body.type === 'pack.refused' && body.act === 'withdraw').length === 3);
    expect(stationBodies(tablet.records).flatMap((body) => (body.type === 'pack.refused' && body.act === 'withdraw' ? [body.reason] : []))).toEqual([
      'waybill_not_found',
      'not_intercepted',
      'not_a_waybill',
    ]);
    expect((await intercepts())[0]!.closed).toBeUndefined();
    expect(domainEvents(tablet.records).filter((event) => event.type === 'parcel.withdrawn')).toEqual([]);

    // The parcel taken out at the bench: the packer's screen says so in both languages, the alert closes.
    scanner.scan('$PG:WITHDRAW');
    scanner.scan('sftb2');
    await until(agent, () => session().notice?.key === 'notice.withdrawn', 'SFTB2 taken out');
    expect(agent.view().notice).toEqual({ 'zh-CN': '已取出 SFTB2（订单 TB2）：不要发出', en: 'SFTB2 taken out (order TB2): do not ship it' });
    expect(session()).toMatchObject({ phase: 'printed', order: { task: { orderId: 'taobao:TB3' } } });
    await agent.drained();
    await tablet.until((records) => domainEvents(records).some((event) => event.type === 'alert.closed' && event.seq === intercept!.seq));
    expect(domainEvents(tablet.records).find((event) => event.type === 'alert.closed' && event.seq === intercept!.seq)).toMatchObject({ reason: 'withdrawn at P1', orderId: 'taobao:TB2' });
    expect((await intercepts())[0]!.closed?.reason).toBe('withdrawn at P1');
    expect((await json(api('GET', '/intercepts'))).intercepts).toEqual([]);

    // Stored once, applied once, on the order's timeline.
    const withdrawn = stationBodies(tablet.records).filter((body) => body.type === 'pack.parcel_withdrawn');
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ packer: 'W07', order: { orderId: 'taobao:TB2' }, parcel: { index: 1, waybill: 'SFTB2' }, hold: 'order_stopped' });
    expect(domainEvents(tablet.records).filter((event) => event.type === 'parcel.withdrawn')).toEqual([
      expect.objectContaining({ orderId: 'taobao:TB2', waybill: 'SFTB2', station: 'P1' }),
    ]);
    const timeline = await json(api('GET', '/orders/taobao:TB2/timeline'));
    expect(JSON.stringify(timeline)).toContain('pack.parcel_withdrawn');

    // The dock refuses the withdrawn parcel while its order is held, and the intercept stays closed.
    expect((await api('POST', '/handovers', { carrier: 'sf-express', operator: 'Zhao Lei', station: 'DOCK1', batchId: 'H-BENCH' })).status).toBe(201);
    const refused = await api('POST', '/handovers/H-BENCH/scans', { waybill: 'SFTB2', station: 'DOCK1' });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.code).toBe('PARCEL_INTERCEPTED');
    expect((await api('POST', '/handovers/H-BENCH/scans', { waybill: 'SFTB1', station: 'DOCK1' })).status).toBe(201);
    expect((await intercepts()).map((alert) => alert.closed?.reason)).toEqual(['withdrawn at P1']);

    // A refund for the order still on screen: the bench blocks, says to take the labelled parcel out, and takes it out under the block.
    expect((await api('POST', '/freezes', { orderId: 'taobao:TB3', note: 'refund only' }, erp)).status).toBe(201);
    await until(agent, () => session().block?.reason === 'order_stopped', "TB3's hold at the bench");
    expect(agent.view().block?.actionText.en).toBe('Intercepted: take the labelled parcel out, scan WITHDRAW then its waybill, then CANCEL');
    scanner.scan('$PG:WITHDRAW');
    scanner.scan('SFTB3');
    await until(agent, () => session().notice?.key === 'notice.withdrawn', 'SFTB3 taken out');
    await agent.drained();
    await tablet.until((records) => domainEvents(records).some((event) => event.type === 'alert.closed' && event.orderId === 'taobao:TB3'));
    expect((await intercepts()).map((alert) => [alert.target.orderId, alert.closed?.reason])).toEqual([
      ['taobao:TB2', 'withdrawn at P1'],
      ['taobao:TB3', 'withdrawn at P1'],
    ]);
    scanner.scan('$PG:CANCEL');
    await until(agent, () => session().phase === 'idle' && session().block === null, 'TB3 off the bench');
  });
});
