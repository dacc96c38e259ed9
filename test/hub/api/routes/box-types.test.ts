import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packTaskOf } from '../../../../hub/control/pack-task.js';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';

describe('box types API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const put = (code: string, payload: object, as: 'manager' | 'viewer' = 'manager') => api.request(as, { method: 'PUT', url: `/api/v1/catalog/boxes/${code}`, payload });

  it('sets, lists and removes box types; each change raises the catalog version and is audited', async () => {
    const before = api.domain.state.catalogVersion;
    expect((await put('BOX-S', { grams: 120, maxUnits: 3, name: 'small carton', note: 'new cartons' })).json()).toEqual({ box: { code: 'BOX-S', grams: 120, maxUnits: 3, name: 'small carton' } });
    expect((await put('BAG-01', { grams: 15 })).statusCode).toBe(200);
    const list = await api.request('viewer', { method: 'GET', url: '/api/v1/catalog/boxes' });
    expect(list.json()).toEqual({ version: before + 2, boxes: [{ code: 'BAG-01', grams: 15 }, { code: 'BOX-S', grams: 120, maxUnits: 3, name: 'small carton' }] });
    const removed = await api.request('manager', { method: 'DELETE', url: '/api/v1/catalog/boxes/BAG-01' });
    expect(removed.json()).toEqual({ box: { code: 'BAG-01', grams: 15 } });
    expect(Object.keys(api.domain.state.boxTypes)).toEqual(['BOX-S']);
    expect(api.calls.map((call) => call.command.type)).toEqual(['setBoxType', 'setBoxType', 'removeBoxType']);
  });

  it.each([
    ['a viewer', () => put('BOX-S', { grams: 1 }, 'viewer'), 403, 'FORBIDDEN'],
    ['a negative weight', () => put('BOX-S', { grams: -1 }), 400, 'BAD_REQUEST'],
    ['zero units', () => put('BOX-S', { grams: 1, maxUnits: 0 }), 400, 'BAD_REQUEST'],
    ['an unknown field', () => put('BOX-S', { grams: 1, colour: 'brown' }), 400, 'BAD_REQUEST'],
    ['a product barcode', async () => {
      await api.request('manager', { method: 'PUT', url: '/api/v1/catalog/DRESS-RED-M', payload: { barcodes: [{ code: '4006381333931', multiplier: 1 }] } });
      return put('04006381333931', { grams: 1 });
    }, 409, 'BARCODE_TAKEN'],
    ['removing one that is not there', () => api.request('manager', { method: 'DELETE', url: '/api/v1/catalog/boxes/NOPE' }), 404, 'BOX_TYPE_NOT_FOUND'],
  ])('is refused for %s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('a catalog item may not take a box barcode', async () => {
    await put('6901234567892', { grams: 50 });
    const res = await api.request('manager', { method: 'PUT', url: '/api/v1/catalog/BABY', payload: { barcodes: [{ code: '6901234567892', multiplier: 1 }] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('BARCODE_TAKEN');
  });

  it('tasks carry the box types to stations; none defined, none carried', async () => {
    await seedDressStock(api, 5);
    const order = await api.request('manager', {
      method: 'POST',
      url: '/api/v1/orders',
      payload: { channel: 'taobao', orderNo: 'B1', waybill: 'SFB1', label: { name: 'A', phone: '1', address: 'X' }, lines: [{ channelSku: 'DRESS-2026-RED-M', quantity: 1 }] },
    });
    expect(order.statusCode).toBe(201);
    const task = Object.values(api.domain.state.tasks)[0]!;
    expect(packTaskOf(api.domain.state, task)).not.toHaveProperty('boxes');
    await put('BOX-S', { grams: 120, maxUnits: 3, name: 'small' });
    expect(packTaskOf(api.domain.state, task)?.boxes).toEqual([{ code: 'BOX-S', grams: 120, maxUnits: 3 }]);
  });
});
