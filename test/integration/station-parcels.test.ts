import { describe, expect, it } from 'vitest';
import { packTaskOf } from '../../hub/control/pack-task.js';
import type { PackTask } from '../../station/pack/index.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';
import type { TabletClient } from '../helpers/tablet-client.js';

const SITE = 'parcels';

const bodies = (tablet: TabletClient) => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event.body] : []));

describe('parcels and the pre-printed flow, against a real hub, broker and printer', () => {
  it('an order of two parcels: each parcel\'s units recorded at the hub, each parcel\'s label printed once', async () => {
    const { hub, agent, scanner, printer, tablet } = await StationRig.start({ site: SITE, shop: ['TB1001'] });
    // The hub's task with a second parcel, held at the station as if the hub had released it so.
    const task = Object.values(hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB1001')!;
    const released = packTaskOf(hub.domainState, task)!;
    const parcels = [{ waybill: 'SFTB1001' }, { waybill: 'JT7700010012' }];
    expect(agent.copy.addTask({ ...(released as PackTask), parcels })).toBe(true);

    for (const code of ['$PG:BADGE:W07', `$PG:TASK:${task.id}`, BARCODES.dress, '$PG:PARCEL', BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.driver.session.phase === 'printed', 'both labels');
    await agent.drained();

    for (const { waybill } of parcels) expect(printer.simulator.printed.filter((label) => label.fields.includes(waybill))).toHaveLength(1);
    expect(printer.simulator.printed).toHaveLength(2);
    await tablet.until(() => bodies(tablet).filter((body) => body.type === 'pack.label_printed').length === 2);
    const logged = bodies(tablet);
    expect(logged.filter((body) => body.type === 'pack.parcel_closed')).toEqual([
      expect.objectContaining({ parcel: { index: 1, waybill: 'SFTB1001' }, lines: [{ masterSku: 'DRESS-RED-M', quantity: 2, counted: 1 }] }),
      expect.objectContaining({
        parcel: { index: 2, waybill: 'JT7700010012' },
        lines: [
          { masterSku: 'DRESS-RED-M', quantity: 2, counted: 1 },
          { masterSku: 'BABY-SH-01', quantity: 1, counted: 1 },
        ],
      }),
    ]);
    expect(logged.filter((body) => body.type === 'pack.label_printed').map((body) => 'parcel' in body && body.parcel?.index)).toEqual([1, 2]);
    expect(agent.view().parcels.map((parcel) => [parcel.index, parcel.units, parcel.label, parcel.printed])).toEqual([
      [1, 1, 'printed', 1],
      [2, 2, 'printed', 1],
    ]);
  });

  it('verify-preprinted: the waybill scanned opens the order from the hub, every unit is verified, the parcel is sealed and nothing prints; REPRINT replaces its label', async () => {
    const { agent, scanner, printer, tablet } = await StationRig.start({ site: SITE, shop: ['TB2001'], station: { policy: { flow: 'verify-preprinted' } } });
    scanner.scan('$PG:BADGE:W07');
    expect(agent.view()).toMatchObject({ flow: 'verify-preprinted', prompt: { en: 'Scan the waybill on the tote or parcel' } });
    scanner.scan('SFTB2001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order from the hub');
    expect(agent.driver.session.order?.ref).toEqual({ type: 'waybill', id: 'SFTB2001' });
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    expect(agent.driver.session.phase).toBe('sealed');
    expect(agent.view()).toMatchObject({ state: 'sealed', flow: 'verify-preprinted', prompt: { en: 'Sealed: the parcel may go. Scan the next waybill' } });
    await agent.drained();
    await tablet.until(() => bodies(tablet).some((body) => body.type === 'pack.sealed'));
    expect(bodies(tablet).find((body) => body.type === 'pack.sealed')).toMatchObject({ parcel: { index: 1, waybill: 'SFTB2001' }, parcels: 1 });
    expect(bodies(tablet).find((body) => body.type === 'pack.order_requested')).toMatchObject({ ref: { type: 'waybill', id: 'SFTB2001' } });
    expect(printer.simulator.printed).toHaveLength(0);

    scanner.scan('$PG:REPRINT');
    await until(agent, () => agent.driver.session.order?.parcels[0]?.label.status === 'printed', 'the replacement label');
    expect(printer.simulator.printed.filter((label) => label.fields.includes('SFTB2001'))).toHaveLength(1);
    await agent.drained();
    await tablet.until(() => bodies(tablet).some((body) => body.type === 'pack.label_printed'));
    expect(bodies(tablet).find((body) => body.type === 'pack.label_printed')).toMatchObject({ reprint: true, parcel: { index: 1, waybill: 'SFTB2001' } });
  });

  it('verify-preprinted: a refund freeze after the label was printed refuses the seal, with the reason on the screen', async () => {
    const { hub, agent, scanner, printer, tablet, token } = await StationRig.start({ site: SITE, shop: ['TB3001'], station: { policy: { flow: 'verify-preprinted' } } });
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('SFTB3001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order from the hub');
    scanner.scan(BARCODES.dress);
    scanner.scan(BARCODES.dress);

    const posted = Date.now();
    const response = await hubFetch(hub.httpUrl, token, 'POST', '/freezes', { orderId: 'taobao:TB3001', note: 'refund-only request' });
    expect(response.status).toBe(201);
    await until(agent, () => agent.driver.session.order?.sealRefused === 'order_stopped', 'the seal refused', 1000);
    expect(Date.now() - posted).toBeLessThan(1000);
    const view = agent.view();
    expect(view.block?.titleText.en).toBe('Order stopped');
    expect(view.notice).toEqual({ 'zh-CN': '禁止封箱：订单已被拦截', en: 'Do not seal: the order is stopped' });

    // The last unit changes nothing: nothing counts while blocked, nothing is sealed.
    scanner.scan(BARCODES.baby);
    expect(agent.driver.session.phase).toBe('packing');
    await agent.drained();
    await tablet.until(() => bodies(tablet).some((body) => body.type === 'pack.seal_refused'));
    expect(bodies(tablet).filter((body) => body.type === 'pack.seal_refused')).toEqual([expect.objectContaining({ reason: 'order_stopped', order: expect.objectContaining({ orderNo: 'TB3001' }) })]);
    expect(bodies(tablet).some((body) => body.type === 'pack.sealed')).toBe(false);
    expect(printer.simulator.printed).toHaveLength(0);
  });
});
