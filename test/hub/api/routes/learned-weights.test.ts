import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../../helpers/api-app.js';

const STATION = { now: new Date('2026-03-02T08:00:00Z'), actor: { kind: 'station' as const, id: 'P1' }, origin: 'P1' };

describe('learned weights API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    // The catalog says a dress weighs 300 g; the sock has no weight.
    for (const [masterSku, code, grams] of [['DRESS', '4006381333931', 300], ['SOCK', '5901234123457', undefined]] as const) {
      const res = await api.request('manager', { method: 'PUT', url: `/api/v1/catalog/${masterSku}`, payload: { barcodes: [{ code, multiplier: 1 }], ...(grams === undefined ? {} : { unitWeightGrams: grams }) } });
      expect(res.statusCode).toBe(200);
    }
  });
  afterEach(() => api.close());

  /** A station's accepted weighing, as ingest records it: `quantity` dresses (420 g each) and a sock (61 g) in a 100 g box. */
  const weigh = (dresses: number, socks: number, noise = 0) => {
    const lines = [...(dresses > 0 ? [{ sku: 'DRESS', quantity: dresses }] : []), ...(socks > 0 ? [{ sku: 'SOCK', quantity: socks }] : [])];
    const result = api.domain.execute({ type: 'recordWeighing', station: 'P1', taskId: 'T1', grams: 100 + dresses * 420 + socks * 61 + noise, boxGrams: 100, lines }, STATION);
    expect(result.ok).toBe(true);
  };

  it('learns from the weighings, flags the catalog weight that disagrees, and a manager confirms it into the catalog', async () => {
    for (let i = 0; i < 24; i += 1) {
      weigh(1 + (i % 2), 0, (i % 5) - 2);
      weigh(1, 1 + (i % 3), (i % 3) - 1);
    }
    const report = await api.request('viewer', { method: 'GET', url: '/api/v1/catalog/weights' });
    expect(report.statusCode).toBe(200);
    const body = report.json();
    expect(body.weighings).toBe(48);
    expect(body.learned).toEqual([
      expect.objectContaining({ masterSku: 'DRESS', grams: expect.closeTo(420, 0), catalogGrams: 300 }),
      expect.objectContaining({ masterSku: 'SOCK', grams: expect.closeTo(61, 0) }),
    ]);
    expect(body.flagged.map((row: { masterSku: string }) => row.masterSku)).toEqual(['DRESS', 'SOCK']);
    expect(body.flagged[0]).toMatchObject({ masterSku: 'DRESS', catalogGrams: 300, learnedGrams: body.learned[0].grams });

    const viewer = await api.request('viewer', { method: 'POST', url: '/api/v1/catalog/weights/DRESS/confirm', payload: {} });
    expect(viewer.statusCode).toBe(403);
    const confirmed = await api.request('manager', { method: 'POST', url: '/api/v1/catalog/weights/DRESS/confirm', payload: { note: 'checked on the bench' } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ masterSku: 'DRESS', unitWeightGrams: body.learned[0].grams, previousGrams: 300 });
    expect(api.domain.state.catalog.DRESS?.unitWeightGrams).toBe(body.learned[0].grams);
    const after = (await api.request('viewer', { method: 'GET', url: '/api/v1/catalog/weights' })).json();
    expect(after.flagged.map((row: { masterSku: string }) => row.masterSku)).toEqual(['SOCK']);
  });

  it.each([
    ['an unknown item', 'NOPE', 404, 'CATALOG_ITEM_NOT_FOUND'],
    ['an item with no weighings', 'SOCK', 404, 'LEARNED_WEIGHT_NOT_FOUND'],
  ])('confirming is refused for %s', async (_name, sku, status, code) => {
    const res = await api.request('manager', { method: 'POST', url: `/api/v1/catalog/weights/${sku}/confirm` });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it("answers the site's weight tolerance in force and every recorded change, newest first", async () => {
    const hubStart = (at: string) => ({ now: new Date(at), actor: { kind: 'system' as const, id: 'hub-start' } });
    const before = (await api.request('viewer', { method: 'GET', url: '/api/v1/catalog/weights' })).json();
    expect(before.tolerance).toEqual({ grams: 20, percent: 3, changes: [] });
    api.domain.execute({ type: 'setWeightTolerance', grams: 20, percent: 3, source: 'hub-start' }, hubStart('2026-03-02T07:00:00Z'));
    api.domain.execute({ type: 'setWeightTolerance', grams: 20, percent: 20, source: 'hub-start' }, hubStart('2026-03-03T07:00:00Z'));
    const body = (await api.request('viewer', { method: 'GET', url: '/api/v1/catalog/weights' })).json();
    expect(body.tolerance.changes).toEqual([
      { at: '2026-03-03T07:00:00.000Z', before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 }, source: 'hub-start' },
      { at: '2026-03-02T07:00:00.000Z', before: null, after: { grams: 20, percent: 3 }, source: 'hub-start' },
    ]);
  });
});
