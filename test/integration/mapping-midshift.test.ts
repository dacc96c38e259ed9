import { describe, expect, it } from 'vitest';
import { getOwn } from '../../hub/domain/index.js';
import type { HistoryRecord } from '../../hub/store/history.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

const SITE = 'midshift';
const DRESS_ROW = { channel: 'taobao', channelSku: 'DRESS-2026-RED-M' } as const;

/** The kinds of the alerts among the records a tablet received, in order. */
const alertKinds = (records: readonly HistoryRecord[]) =>
  records.flatMap((record) => (record.kind === 'domain' ? record.events : [])).flatMap((event) => (event.type === 'alert.raised' ? [event.alert.kind] : []));

describe('a mapping changed through the API mid-shift', () => {
  it('holds new orders of the product, blocks the station packing one, alerts the tablet, and confirmation releases it all', async () => {
    const { hub, token: manager, tablet, agent, scanner, printer } = await StationRig.start({ site: SITE, shop: ['TB1001'] });
    const erp = await hub.createToken('erp', 'integration');
    const api = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await hubFetch(hub.httpUrl, token, method, path, body);
      return { status: response.status, json: (await response.json()) as Record<string, any> };
    };

    // The packer is halfway through TB1001 (2 dresses and a pair of baby shoes).
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB1001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order from the hub');
    scanner.scan(BARCODES.dress);
    expect(agent.driver.session.order?.counted).toEqual([1, 0]);

    // Mid-shift, someone points the dress's Taobao code at another master SKU.
    const changed = await api(manager, 'PUT', '/mappings', { ...DRESS_ROW, masterSku: 'DRESS-RED-M2', note: 'new supplier code' });
    expect(changed).toMatchObject({ status: 200, json: { previous: 'DRESS-RED-M', changed: true } });

    // The station packing the dress is blocked within a second (the hold command), and the retained stop list says why.
    await until(agent, () => agent.driver.session.block?.reason === 'order_stopped', 'the mapping hold at the station', 1000);
    expect(agent.driver.session.block).toMatchObject({ detail: 'mapping-pending', lifted: false });
    await until(agent, () => agent.copy.versions().stops === hub.domainState.stopList.version, 'the retained stop list');
    expect(agent.copy.stopList?.entries).toEqual([expect.objectContaining({ orderId: 'taobao:TB1001', reason: 'mapping-pending' })]);
    scanner.scan(BARCODES.dress);
    scanner.scan(BARCODES.baby);
    expect(agent.driver.session.order?.counted).toEqual([1, 0]);
    expect(agent.view().label?.gate).toBe('blocked');
    expect(printer.simulator.printed).toHaveLength(0);

    // A new order of the dress is held, and the tablet hears of the pending change.
    const created = await api(erp, 'POST', '/orders', {
      channel: 'taobao',
      orderNo: 'TB2001',
      waybill: 'SFTB2001',
      label: { name: '李雷', phone: '13900001111', address: '北京市海淀区中关村大街 1 号' },
      lines: [{ channelSku: DRESS_ROW.channelSku, quantity: 1 }],
    });
    expect(created.status).toBe(201);
    expect(created.json.order).toMatchObject({ status: 'held', hold: { unresolved: [{ line: 0, channelSku: DRESS_ROW.channelSku, pending: 'DRESS-RED-M2' }] } });
    await tablet.until((records) => alertKinds(records).includes('mapping-pending'));
    const pending = await api(manager, 'GET', '/mappings/pending');
    expect(pending.json.rows).toEqual([expect.objectContaining({ ...DRESS_ROW, previous: 'DRESS-RED-M', masterSku: 'DRESS-RED-M2' })]);

    // A manager confirms: the held order is released, the station's hold is lifted, the tablet is told.
    const confirmed = await api(manager, 'POST', '/mappings/confirm', { ...DRESS_ROW, note: 'checked with the supplier' });
    expect(confirmed).toEqual({
      status: 200,
      json: { mapping: { ...DRESS_ROW, masterSku: 'DRESS-RED-M2' }, previous: 'DRESS-RED-M', released: ['taobao:TB2001'] },
    });
    const released = await api(manager, 'GET', '/orders/taobao%3ATB2001');
    expect(released.json).toMatchObject({ order: { status: 'released', lines: [{ masterSku: 'DRESS-RED-M2' }] }, task: { status: 'released' } });
    // The tablet is told by the pending alert's closing: no second alert to acknowledge.
    await tablet.until((records) => records.some((record) => record.kind === 'domain' && record.events.some((event) => event.type === 'alert.closed' && event.reason === 'confirmed')));
    expect(alertKinds(tablet.records)).not.toContain('mapping-confirmed');
    await until(agent, () => agent.driver.session.block?.lifted === true, 'the hold lifted at the station', 1000);
    await until(agent, () => agent.copy.versions().stops === hub.domainState.stopList.version, 'the emptied stop list');
    expect(agent.copy.stopList?.entries).toEqual([]);

    // The lifted block is cleared by a supervisor (a logged act), and the order is packed and printed.
    scanner.scan('$PG:SUP:S-01');
    expect(agent.driver.session.block).toBeNull();
    scanner.scan(BARCODES.dress);
    scanner.scan(BARCODES.baby);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    expect(printer.simulator.printed).toHaveLength(1);
    expect(printer.simulator.printed[0]?.zpl).toContain('SFTB1001');
    await agent.drained();
    const task = Object.values(hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB1001')!;
    await until(agent, () => getOwn(hub.domainState.tasks, task.id)?.progress === 'labelled', 'the label at the hub');
  });
});
