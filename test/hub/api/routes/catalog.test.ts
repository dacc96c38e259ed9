import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../../helpers/api-app.js';

const DRESS_ATTRIBUTES = { brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'M', year: 2026 } };

describe('catalog API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const create = (payload: object) => api.request('manager', { method: 'POST', url: '/api/v1/catalog', payload });
  const put = (sku: string, payload: object) => api.request('manager', { method: 'PUT', url: `/api/v1/catalog/${sku}`, payload });

  it('creates a master SKU whose id is derived from its attributes, and lists the catalog', async () => {
    const res = await create({ ...DRESS_ATTRIBUTES, barcodes: [{ code: '4006381333931', multiplier: 1 }], note: 'new season' });
    expect(res.statusCode).toBe(201);
    expect(res.json().item).toEqual({
      masterSku: 'ACME-DRESS-2026-RED-M',
      barcodes: [{ code: '4006381333931', multiplier: 1 }],
      attributes: DRESS_ATTRIBUTES,
    });
    // The same product again (attributes in another order and case) is the same id, not a second item.
    const again = await create({ brand: 'ACME', category: 'dress', attributes: { size: 'm', color: 'red', year: 2026 }, barcodes: [{ code: '4006381333931', multiplier: 1 }] });
    expect(again.statusCode).toBe(201);
    expect(again.json().item.masterSku).toBe('ACME-DRESS-2026-RED-M');
    const list = await api.request('viewer', { method: 'GET', url: '/api/v1/catalog' });
    expect(list.json()).toMatchObject({ version: expect.any(Number), items: [expect.objectContaining({ masterSku: 'ACME-DRESS-2026-RED-M' })] });
    expect(list.json().items).toHaveLength(1);
  });

  it('sets an item under a given id, with its case of six and tracking', async () => {
    const res = await put('DRESS-RED-M', {
      barcodes: [{ code: '4006381333931', multiplier: 1 }, { code: '14006381333938', multiplier: 6 }],
      tracking: { batch: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().item).toEqual({
      masterSku: 'DRESS-RED-M',
      barcodes: [{ code: '4006381333931', multiplier: 1 }, { code: '14006381333938', multiplier: 6 }],
      tracking: { batch: true },
    });
  });

  it.each([
    ['a missing brand', () => create({ brand: ' ', category: 'Dress', barcodes: [] }), 400, 'ATTRIBUTE_MISSING'],
    ['a bad attribute name', () => create({ brand: 'Acme', category: 'Dress', attributes: { 'sku': 'X' }, barcodes: [] }), 400, 'ATTRIBUTE_BAD_NAME'],
    ['a masterSku in the body of a PUT', () => put('DRESS-RED-M', { masterSku: 'X', barcodes: [] }), 400, 'BAD_REQUEST'],
  ])('is refused for %s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('is 409 when a barcode stands for another SKU or the attributes are another item\'s', async () => {
    await put('DRESS-RED-M', { barcodes: [{ code: '4006381333931', multiplier: 1 }], attributes: DRESS_ATTRIBUTES });
    const taken = await put('DRESS-RED-L', { barcodes: [{ code: '4006381333931', multiplier: 1 }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('BARCODE_TAKEN');
    const twin = await put('DRESS-RED-M2', { barcodes: [], attributes: DRESS_ATTRIBUTES });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error.code).toBe('MASTER_SKU_DUPLICATE');
  });

  it('needs a manager to change the catalog', async () => {
    const res = await api.request('viewer', { method: 'POST', url: '/api/v1/catalog', payload: { ...DRESS_ATTRIBUTES, barcodes: [] } });
    expect(res.statusCode).toBe(403);
  });
});
