import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';
import type { DomainCommand } from '../../../../hub/domain/schemas.js';

/** Applies station facts to the test app's domain, as the ingest would; throws on a refusal. */
function run(api: ApiTestApp, ...commands: DomainCommand[]): void {
  for (const command of commands) {
    const result = api.services.execute(command, { now: new Date(), actor: { kind: 'station', id: 'P1' } });
    if (!result.ok) throw new Error(`${command.type}: ${result.code} ${result.message}`);
  }
}

describe('dock handover API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 10);
    for (const orderNo of ['TB1', 'TB2']) {
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: { ...dressOrder(orderNo), carrier: 'sf-express' } });
    }
    // TB1 packed and labelled at P1, as a station would report it.
    run(api, { type: 'taskLoaded', taskId: 'T1', station: 'P1' }, { type: 'taskVerified', taskId: 'T1', station: 'P1' }, { type: 'labelPrinted', taskId: 'T1', station: 'P1' });
  });
  afterEach(() => api.close());

  const open = (payload: object = { carrier: 'sf-express', operator: 'Zhao Lei' }) => api.request('manager', { method: 'POST', url: '/api/v1/handovers', payload });
  const scan = (waybill: string, batchId = 'H1') => api.request('manager', { method: 'POST', url: `/api/v1/handovers/${batchId}/scans`, payload: { waybill } });

  it('opens a batch, scans a parcel in, closes it with count, time and operator, and lists it', async () => {
    expect((await open()).statusCode).toBe(201);
    const scanned = await scan('SFTB1');
    expect(scanned.statusCode).toBe(201);
    expect(scanned.json().batch.parcels).toEqual([{ waybill: 'SFTB1', orderId: 'taobao:TB1', index: 1, at: expect.any(String) }]);
    const closed = await api.request('manager', { method: 'POST', url: '/api/v1/handovers/H1/close', payload: { operator: 'Zhao Lei' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().batch.closed).toEqual({ at: expect.any(String), by: 'Zhao Lei', count: 1 });
    const listed = await api.request('viewer', { method: 'GET', url: '/api/v1/handovers' });
    expect(listed.json().batches.map((batch: { id: string }) => batch.id)).toEqual(['H1']);
    expect((await api.request('viewer', { method: 'GET', url: '/api/v1/handovers?open=true' })).json().batches).toEqual([]);
    const order = (await api.request('viewer', { method: 'GET', url: '/api/v1/orders/taobao%3ATB1' })).json();
    expect(order.fulfilment.node).toBe('handed-over');
    expect(order.order.parcels[0].handedOver).toEqual({ at: expect.any(String), batchId: 'H1' });
  });

  it('lets a dock token open, fill, withdraw from and close a batch, in its name, and refuses it a manager\'s decisions with FORBIDDEN', async () => {
    run(api, { type: 'taskLoaded', taskId: 'T2', station: 'P1' }, { type: 'taskVerified', taskId: 'T2', station: 'P1' }, { type: 'labelPrinted', taskId: 'T2', station: 'P1' });
    const dock = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => api.request('dock', { method, url, ...(payload ? { payload } : {}) });
    expect((await dock('POST', '/api/v1/handovers', { carrier: 'sf-express', operator: 'Zhao Lei' })).statusCode).toBe(201);
    for (const waybill of ['SFTB1', 'SFTB2']) expect((await dock('POST', '/api/v1/handovers/H1/scans', { waybill })).statusCode).toBe(201);
    const withdrawn = await dock('POST', '/api/v1/withdrawals', { waybill: 'SFTB2', note: 'box torn' });
    expect(withdrawn.statusCode).toBe(201);
    expect(withdrawn.json()).toEqual({ orderId: 'taobao:TB2', waybill: 'SFTB2', batchId: 'H1' });
    const closed = await dock('POST', '/api/v1/handovers/H1/close', { operator: 'Zhao Lei' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().batch.closed).toEqual({ at: expect.any(String), by: 'Zhao Lei', count: 1 });
    expect((await dock('GET', '/api/v1/handovers/H1')).json().batch.parcels.map((parcel: { waybill: string }) => parcel.waybill)).toEqual(['SFTB1']);
    const docked = api.calls.filter((call) => call.context.actor.kind === 'token' && call.context.actor.name === 'dock desk');
    expect(docked.map((call) => [call.command.type, call.ok])).toEqual([
      ['openHandover', true],
      ['handoverScan', true],
      ['handoverScan', true],
      ['withdrawParcel', true],
      ['closeHandover', true],
    ]);

    const freeze = await api.request('integration', { method: 'POST', url: '/api/v1/freezes', payload: { orderId: 'taobao:TB2' } });
    const freezeId: string = freeze.json().freeze.id;
    const before = api.calls.length;
    for (const [method, url, payload] of [
      ['PUT', '/api/v1/mappings', { channel: 'douyin', channelSku: 'DY-1', masterSku: 'DRESS-RED-M' }],
      ['POST', `/api/v1/freezes/${freezeId}/approve`, {}],
      ['PUT', '/api/v1/stock/DRESS-RED-M', { quantity: 0 }],
    ] as const) {
      const res = await dock(method, url, payload);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('FORBIDDEN');
    }
    expect(api.calls.length).toBe(before);
  });

  it.each([
    ['a waybill no order has', 'NOBODY', 404, 'WAYBILL_NOT_FOUND'],
    ['a parcel not labelled', 'SFTB2', 409, 'PARCEL_NOT_PACKED'],
  ])('refuses %s with its code, and the batch stays as it was', async (_name, waybill, status, code) => {
    await open();
    const res = await scan(waybill);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect((await api.request('viewer', { method: 'GET', url: '/api/v1/handovers/H1' })).json().batch.parcels).toEqual([]);
  });

  it('refuses another carrier, an unknown batch, and a parcel whose order was stopped after labelling', async () => {
    await open({ carrier: 'zto', operator: 'Zhao Lei' });
    expect((await scan('SFTB1')).json().error.code).toBe('CARRIER_MISMATCH');
    expect((await scan('SFTB1', 'H9')).statusCode).toBe(404);
    await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload: { orderId: 'taobao:TB1', reason: 'cancel' } });
    await open({ carrier: 'sf-express', operator: 'Zhao Lei' });
    const res = await scan('SFTB1', 'H2');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PARCEL_INTERCEPTED');
    const withdrawn = await api.request('manager', { method: 'POST', url: '/api/v1/withdrawals', payload: { waybill: 'SFTB1', station: 'P1' } });
    expect(withdrawn.statusCode).toBe(201);
    expect(withdrawn.json()).toEqual({ orderId: 'taobao:TB1', waybill: 'SFTB1' });
    const alerts = (await api.request('viewer', { method: 'GET', url: '/api/v1/alerts' })).json().alerts;
    expect(alerts.find((alert: { kind: string }) => alert.kind === 'parcel-intercepted').closed).toEqual({ at: expect.any(String), reason: 'withdrawn at P1' });
  });

  it('lists the batches a page at a time from the newest, oldest first within a page, open or closed, by a batch-id cursor', async () => {
    const t0 = Date.parse('2026-12-01T08:00:00Z');
    const at = (minutes: number) => ({ now: new Date(t0 + minutes * 60_000), actor: { kind: 'station' as const, id: 'DOCK1' } });
    // Ids that are no guide to age: "9" and "10" would come first as record keys.
    ['H1', '9', 'DOCK1-1', 'H2', '10'].forEach((batchId, i) => {
      const opened = api.services.execute({ type: 'openHandover', batchId, carrier: 'sf-express', operator: 'Zhao Lei' }, at(i));
      expect(opened.ok).toBe(true);
    });
    for (const batchId of ['9', 'H2']) expect(api.services.execute({ type: 'closeHandover', batchId, operator: 'Zhao Lei' }, at(10)).ok).toBe(true);
    const list = async (query: string) => {
      const res = await api.request('viewer', { method: 'GET', url: `/api/v1/handovers${query}` });
      expect(res.statusCode, query).toBe(200);
      const { batches, before } = res.json() as { batches: Array<{ id: string }>; before: string | null };
      return [batches.map((batch) => batch.id), before];
    };
    expect(await list('')).toEqual([['H1', '9', 'DOCK1-1', 'H2', '10'], null]);
    expect(await list('?limit=2')).toEqual([['H2', '10'], 'H2']);
    expect(await list('?limit=2&before=H2')).toEqual([['9', 'DOCK1-1'], '9']);
    expect(await list('?limit=2&before=9')).toEqual([['H1'], null]);
    expect(await list('?open=true')).toEqual([['H1', 'DOCK1-1', '10'], null]);
    expect(await list('?open=false')).toEqual([['9', 'H2'], null]);
    expect(await list('?open=false&limit=1')).toEqual([['H2'], 'H2']);
    expect(await list('?open=true&before=10')).toEqual([['H1', 'DOCK1-1'], null]);
    for (const query of ['?limit=0', '?limit=1001', '?limit=1.5', '?before=', '?closed=true']) {
      const res = await api.request('viewer', { method: 'GET', url: `/api/v1/handovers${query}` });
      expect([res.statusCode, res.json().error.code], query).toEqual([400, 'BAD_REQUEST']);
    }
    const unknown = await api.request('viewer', { method: 'GET', url: '/api/v1/handovers?before=H404' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'HANDOVER_NOT_FOUND']);
  });

  it('answers at most 100 batches by default and 1000 when asked for more', async () => {
    for (let i = 1; i <= 1005; i++) expect(api.services.execute({ type: 'openHandover', carrier: 'sf-express', operator: 'Zhao Lei' }, { now: new Date(1_700_000_000_000 + i), actor: { kind: 'station', id: 'DOCK1' } }).ok).toBe(true);
    const page = (await api.request('viewer', { method: 'GET', url: '/api/v1/handovers' })).json();
    expect(page.batches).toHaveLength(100);
    expect([page.batches[0].id, page.batches[99].id, page.before]).toEqual(['H906', 'H1005', 'H906']);
    const most = (await api.request('viewer', { method: 'GET', url: '/api/v1/handovers?limit=1000' })).json();
    expect([most.batches.length, most.before]).toEqual([1000, 'H6']);
  });

  it('serves the sheet as ZPL, PDF and xlsx, and 404 for an unknown batch', async () => {
    await open();
    await scan('SFTB1');
    const sheet = (format: string, batchId = 'H1') => api.request('viewer', { method: 'GET', url: `/api/v1/handovers/${batchId}/sheet?format=${format}` });
    const zpl = await sheet('zpl');
    expect(zpl.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(zpl.body).toContain('1. SFTB1  taobao:TB1  #1');
    expect((await sheet('pdf')).rawPayload.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect((await sheet('xlsx')).rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await sheet('csv')).statusCode).toBe(400);
    expect((await sheet('zpl', 'H9')).json().error.code).toBe('HANDOVER_NOT_FOUND');
  });
});
