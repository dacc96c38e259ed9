import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PRINT_DATA_BYTES } from '../../../../protocol/waybill.js';
import { buildApiTestApp, DRESS, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder, printData } from '../../../helpers/domain.js';

/** The encrypted payload of the test's print data: it must show up nowhere but in the stored command. */
const SECRET = 'Q2FpbmlhbyBlbmNyeXB0ZWQgcGF5bG9hZA-7c1e';

/** A Taobao order of one dress in two parcels, each with Cainiao print data. */
function parcelOrder(orderNo = 'TB1001') {
  return {
    ...dressOrder(orderNo),
    parcels: [
      { waybill: `SF${orderNo}`, print: printData(`${SECRET}-1`) },
      { waybill: `SF${orderNo}-2`, print: printData(`${SECRET}-2`) },
    ],
  };
}

describe('orders in parcels, with print data', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const post = (payload: unknown) => api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: payload as object });
  const get = (url: string) => api.request('viewer', { method: 'GET', url });

  it('creates an order with its parcels: the view shows each waybill and platform, never the print data', async () => {
    await seedDressStock(api, 10);
    const res = await post(parcelOrder());
    expect(res.statusCode).toBe(201);
    expect(res.json().order).toMatchObject({
      waybill: 'SFTB1001',
      parcels: [
        { waybill: 'SFTB1001', platform: 'cainiao' },
        { waybill: 'SFTB1001-2', platform: 'cainiao' },
      ],
      status: 'released',
    });
    expect(res.body).not.toContain(SECRET);
    // The domain holds it, for the task it sends the station.
    expect(JSON.stringify(api.domain.state.orders['taobao:TB1001']!.parcels)).toContain(`${SECRET}-2`);
    // The audit's raw body names the platforms only.
    expect(api.calls.find((call) => call.command.type === 'createOrder')!.context.raw).toMatchObject({ parcels: [{ waybill: 'SFTB1001', platform: 'cainiao' }, { waybill: 'SFTB1001-2', platform: 'cainiao' }] });
  });

  it('takes a Kuaishou order', async () => {
    const res = await post({ ...dressOrder('KS1'), channel: 'kuaishou', parcels: [{ waybill: 'SFKS1', print: printData('k', 'kuaishou') }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().order).toMatchObject({ id: 'kuaishou:KS1', channel: 'kuaishou', parcels: [{ waybill: 'SFKS1', platform: 'kuaishou' }] });
  });

  it('is 400 PRINT_DATA_TOO_LARGE for print data over 16 KiB, counted, and nothing is created', async () => {
    const big = printData('x'.repeat(MAX_PRINT_DATA_BYTES));
    const res = await post({ ...dressOrder(), parcels: [{ waybill: 'SFTB1001' }, { waybill: 'SFTB1001-2', print: big }] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'PRINT_DATA_TOO_LARGE', message: expect.stringMatching(/^parcel 2: print data of \d+ bytes exceeds 16384$/) } });
    expect(api.domain.refusals()).toEqual({ createOrder: { PRINT_DATA_TOO_LARGE: 1 } });
    expect((await get('/api/v1/orders/taobao%3ATB1001')).statusCode).toBe(404);
  });

  it.each([
    ['PARCEL_WAYBILL_MISMATCH', 400, [{ waybill: 'SFTB1001-2' }, { waybill: 'SFTB1001' }]],
    ['PARCEL_WAYBILL_DUPLICATE', 400, [{ waybill: 'SFTB1001' }, { waybill: 'sftb1001' }]],
    ['BAD_REQUEST', 400, []],
    ['BAD_REQUEST', 400, [{ waybill: 'SFTB1001', print: { platform: 'jd', contents: [{ data: 1 }] } }]],
    ['BAD_REQUEST', 400, Array.from({ length: 11 }, (_, i) => ({ waybill: i === 0 ? 'SFTB1001' : `SFTB1001-${i}` }))],
  ])('refuses bad parcels: %s (%i)', async (code, status, parcels) => {
    const res = await post({ ...dressOrder(), parcels });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it("is 409 WAYBILL_EXISTS when a parcel's waybill belongs to another live order", async () => {
    expect((await post(parcelOrder())).statusCode).toBe(201);
    const res = await post({ ...dressOrder('TB2002'), waybill: 'SFTB1001-2' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('WAYBILL_EXISTS');
  });

  it("finds the order by any parcel's waybill, in any case", async () => {
    await post(parcelOrder());
    for (const waybill of ['SFTB1001-2', 'sftb1001-2', 'SFTB1001']) {
      const res = await get(`/api/v1/orders?waybill=${waybill}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().order.id).toBe('taobao:TB1001');
    }
  });

  it('never shows the print data: not in any answer, the timeline, nor the tablet state', async () => {
    await seedDressStock(api, 10);
    await post(parcelOrder('TB1001'));
    // A held one too (its channel SKU has no mapping), and one the integration sends again.
    await post({ ...parcelOrder('TB1002'), lines: [{ channelSku: 'DY-UNMAPPED', quantity: 1 }] });
    await post(parcelOrder('TB1001'));
    await post({ ...parcelOrder('TB1003'), parcels: [{ waybill: 'SFTB1003', print: printData(`${SECRET}-${'x'.repeat(MAX_PRINT_DATA_BYTES)}`) }] });
    await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload: { orderId: 'taobao:TB1001', reason: 'address-change' } });
    const urls = [
      '/api/v1/orders/taobao%3ATB1001',
      '/api/v1/orders/taobao%3ATB1002',
      '/api/v1/orders?waybill=SFTB1001-2',
      '/api/v1/orders/held',
      '/api/v1/orders/taobao%3ATB1001/timeline',
      '/api/v1/orders/taobao%3ATB1002/timeline',
      '/api/v1/tablet/state',
      '/api/v1/stations',
      '/api/v1/stops',
      '/api/v1/alerts',
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(SECRET);
    }
    const timeline = (await get('/api/v1/orders/taobao%3ATB1001/timeline')).json();
    const created = timeline.records.find((record: { kind: string; command?: { type: string } }) => record.command?.type === 'createOrder');
    expect(created.command.parcels).toEqual([
      { waybill: 'SFTB1001', platform: 'cainiao' },
      { waybill: 'SFTB1001-2', platform: 'cainiao' },
    ]);
    // The history keeps the command whole, so the state can be rebuilt after a crash (docs/domain.md).
    expect(JSON.stringify(api.history.byKey('order:taobao:TB1001'))).toContain(`${SECRET}-1`);
  });
});
