import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../../../helpers/api-app.js';
import { dressOrder } from '../../../../helpers/domain.js';

const TEMPLATE = 'DY-{category}-{colour}-{size}-{year|right(2)}';
const RED_M = 'ACME-DRESS-2026-RED-M';
const BLUE_S = 'ACME-DRESS-2026-BLUE-S';

describe('channel rule templates API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    for (const [colour, size, code] of [
      ['Red', 'M', '4006381333931'],
      ['Blue', 'S', '5901234123457'],
    ] as const) {
      const res = await api.request('manager', {
        method: 'POST',
        url: '/api/v1/catalog',
        payload: { brand: 'Acme', category: 'Dress', attributes: { colour, size, year: 2026 }, barcodes: [{ code, multiplier: 1 }] },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterEach(() => api.close());

  const setTemplate = (source: string, channel = 'douyin') =>
    api.request('manager', { method: 'PUT', url: `/api/v1/templates/${channel}`, payload: { source, note: 'douyin code rule' } });
  const douyinOrder = (orderNo: string, channelSku: string) =>
    api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: { ...dressOrder(orderNo), channel: 'douyin', lines: [{ channelSku, quantity: 1 }] } });
  // No body at all, as the tablet sends it.
  const decide = (action: string) => api.request('manager', { method: 'POST', url: `/api/v1/templates/douyin/${action}` });

  describe('POST /api/v1/templates/preview', () => {
    it('gives each item its code, the items it cannot code, collisions and conflicts with explicit rows, and changes nothing', async () => {
      await api.request('manager', {
        method: 'POST',
        url: '/api/v1/catalog',
        payload: { brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'M', year: 2026, material: 'Silk' }, barcodes: [] },
      });
      await api.request('manager', { method: 'POST', url: '/api/v1/catalog', payload: { brand: 'Acme', category: 'Hat', barcodes: [] } });
      await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: { channel: 'douyin', channelSku: 'DY-DRESS-BLUE-S-26', masterSku: 'OTHER' } });
      const res = await api.request('viewer', { method: 'POST', url: '/api/v1/templates/preview', payload: { channel: 'douyin', source: TEMPLATE } });
      expect(res.statusCode).toBe(200);
      const preview = res.json();
      expect(preview.rows).toEqual(
        expect.arrayContaining([
          { masterSku: RED_M, channelSku: 'DY-DRESS-RED-M-26' },
          { masterSku: BLUE_S, channelSku: 'DY-DRESS-BLUE-S-26' },
        ]),
      );
      expect(preview.errors).toEqual([{ masterSku: 'ACME-HAT', code: 'TEMPLATE_FIELD_MISSING', message: expect.any(String) }]);
      expect(preview.collisions).toEqual([{ channelSku: 'DY-DRESS-RED-M-26', masterSkus: expect.arrayContaining([RED_M, 'ACME-DRESS-2026-SILK-RED-M']) }]);
      expect(preview.conflicts).toEqual([{ channelSku: 'DY-DRESS-BLUE-S-26', masterSku: BLUE_S, mappedTo: 'OTHER' }]);
      expect((await api.request('viewer', { method: 'GET', url: '/api/v1/templates' })).json()).toEqual({ templates: [] });
    });

    it.each([
      ['an unclosed placeholder', 'DY-{category', 'TEMPLATE_SYNTAX'],
      ['an unknown field', 'DY-{flavour}', 'TEMPLATE_UNKNOWN_FIELD'],
      ['an unknown function', 'DY-{size|reverse}', 'TEMPLATE_UNKNOWN_FUNCTION'],
    ])('is 400 with the template code for %s', async (_name, source, code) => {
      const res = await api.request('viewer', { method: 'POST', url: '/api/v1/templates/preview', payload: { channel: 'douyin', source } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    });
  });

  it('a first template resolves codes at once and releases the orders waiting on them', async () => {
    const held = await douyinOrder('DY1', 'DY-DRESS-RED-M-26');
    expect(held.json().order.status).toBe('held');
    const res = await setTemplate(TEMPLATE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      template: { channel: 'douyin', source: TEMPLATE, setAt: expect.any(String), version: expect.any(Number) },
      previous: null,
      pending: null,
      released: ['douyin:DY1'],
    });
    const list = await api.request('viewer', { method: 'GET', url: '/api/v1/templates' });
    expect(list.json().templates).toEqual([expect.objectContaining({ channel: 'douyin', source: TEMPLATE })]);
  });

  it('a changed template holds the SKUs whose codes changed until confirmed', async () => {
    await setTemplate(TEMPLATE);
    const changed = await setTemplate('DY-{category}-{colour}-{size}-{year}');
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      previous: TEMPLATE,
      pending: { channel: 'douyin', previous: TEMPLATE, source: 'DY-{category}-{colour}-{size}-{year}', skus: [BLUE_S, RED_M] },
    });
    const pending = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/pending' });
    expect(pending.json()).toEqual({ rows: [], templates: [expect.objectContaining({ channel: 'douyin', skus: [BLUE_S, RED_M] })] });
    const order = await douyinOrder('DY2', 'DY-DRESS-RED-M-2026');
    expect(order.json().order.status).toBe('held');

    const confirmed = await decide('confirm');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({
      template: expect.objectContaining({ source: 'DY-{category}-{colour}-{size}-{year}' }),
      previous: 'DY-{category}-{colour}-{size}-{year}',
      released: ['douyin:DY2'],
    });
    expect((await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/pending' })).json().templates).toEqual([]);
    const again = await decide('confirm');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MAPPING_NOT_PENDING');
  });

  it('a rollback restores the confirmed template', async () => {
    await setTemplate(TEMPLATE);
    await setTemplate('DY-{category}-{colour}-{size}-{year}');
    const res = await decide('rollback');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ template: { source: TEMPLATE }, previous: 'DY-{category}-{colour}-{size}-{year}', released: [] });
  });

  it('a removal holds the SKUs it coded; removing again while pending is 409, without a template 404', async () => {
    const none = await api.request('manager', { method: 'DELETE', url: '/api/v1/templates/douyin' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('TEMPLATE_NOT_FOUND');
    await setTemplate(TEMPLATE);
    const removed = await api.request('manager', { method: 'DELETE', url: '/api/v1/templates/douyin', payload: { note: 'douyin codes from the sheet now' } });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ template: null, previous: TEMPLATE, pending: { source: null, skus: [BLUE_S, RED_M] } });
    const again = await api.request('manager', { method: 'DELETE', url: '/api/v1/templates/douyin' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MAPPING_PENDING');
  });

  it.each([
    ['a syntax error', 'DY-{', 'TEMPLATE_SYNTAX'],
    ['an unknown channel', TEMPLATE, 'BAD_REQUEST', 'ebay'],
  ])('PUT is 400 for %s and changes nothing', async (_name, source, code, channel = 'douyin') => {
    const res = await setTemplate(source, channel);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect((await api.request('viewer', { method: 'GET', url: '/api/v1/templates' })).json()).toEqual({ templates: [] });
  });

  it('needs a manager to change a template, a viewer may preview', async () => {
    const res = await api.request('viewer', { method: 'PUT', url: '/api/v1/templates/douyin', payload: { source: TEMPLATE } });
    expect(res.statusCode).toBe(403);
    const integration = await api.request('integration', { method: 'POST', url: '/api/v1/templates/preview', payload: { channel: 'douyin', source: TEMPLATE } });
    expect(integration.statusCode).toBe(403);
  });
});
