import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('alerts API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    // Three held orders: one order-held warning each (alerts 1, 2, 3).
    for (const orderNo of ['TB1', 'TB2', 'TB3']) {
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder(orderNo) });
    }
  });
  afterEach(() => api.close());

  const alerts = (query = '') => api.request('viewer', { method: 'GET', url: `/api/v1/alerts${query}` });
  const ack = (seq: number | string, payload?: object) =>
    api.request('manager', { method: 'POST', url: `/api/v1/alerts/${seq}/ack`, ...(payload ? { payload } : {}) });
  const seqs = async (query: string) => (await alerts(query)).json().alerts.map((a: { seq: number }) => a.seq);

  it('lists every alert in order, with the newest seq', async () => {
    const res = await alerts();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      alerts: ['TB1', 'TB2', 'TB3'].map((orderNo, index) => ({
        seq: index + 1,
        at: expect.any(String),
        kind: 'order-held',
        severity: 'warning',
        message: expect.stringContaining(`taobao:${orderNo}`),
        target: { orderId: `taobao:${orderNo}`, channelSku: 'DRESS-2026-RED-M' },
      })),
      lastSeq: 3,
    });
  });

  it('lists alerts after a sequence, open ones only, a page at a time', async () => {
    await ack(2);
    expect(await seqs('?since=1')).toEqual([2, 3]);
    expect(await seqs('?since=3')).toEqual([]);
    expect(await seqs('?open=true')).toEqual([1, 3]);
    expect(await seqs('?since=1&open=true')).toEqual([3]);
    expect(await seqs('?open=false&limit=2')).toEqual([1, 2]);
  });

  it.each(['?since=-1', '?since=x', '?open=yes', '?limit=0', '?limit=1001', '?after=1'])('is 400 BAD_REQUEST for %s', async (query) => {
    const res = await alerts(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it("acknowledges in the token's name by default, or in the name given", async () => {
    const mine = await ack(1);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().alert).toMatchObject({ seq: 1, acknowledged: { by: 'floor manager', at: expect.any(String) } });
    const named = await ack(2, { manager: 'Wang Fang' });
    expect(named.json().alert.acknowledged.by).toBe('Wang Fang');
    expect(api.calls.slice(-2).map((call) => call.command)).toEqual([
      { type: 'acknowledgeAlert', alertSeq: 1, manager: 'floor manager' },
      { type: 'acknowledgeAlert', alertSeq: 2, manager: 'Wang Fang' },
    ]);
  });

  it('is 409 ALERT_ALREADY_ACKNOWLEDGED on a repeat and 404 ALERT_NOT_FOUND for an unknown seq', async () => {
    await ack(1);
    const repeat = await ack(1);
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json()).toEqual({ error: { code: 'ALERT_ALREADY_ACKNOWLEDGED', message: expect.stringContaining('floor manager') } });
    const unknown = await ack(99);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ALERT_NOT_FOUND');
  });

  it('shows every field of an alert, in the list and in the tablet state (the unresolved-rate counts)', async () => {
    // Seven more held dress orders make ten of ten unresolved: the channel's unresolved-rate alert.
    for (let no = 4; no <= 10; no += 1) {
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder(`TB${no}`) });
    }
    const raised = api.domain.state.alerts.find((alert) => alert.kind === 'mapping-unresolved-rate');
    expect(raised?.target).toMatchObject({ channel: 'taobao', unresolved: 10, orders: 10 });
    const listed = (await alerts()).json().alerts.find((alert: { seq: number }) => alert.seq === raised!.seq);
    expect(listed).toEqual(raised);
    const tablet = await api.request('viewer', { method: 'GET', url: '/api/v1/tablet/state' });
    expect(tablet.json().alerts.find((alert: { seq: number }) => alert.seq === raised!.seq)).toEqual(raised);
  });

  it.each([
    ['a seq that is not a whole number', '1.5', undefined],
    ['a zero seq', '0', undefined],
    ['an empty manager name', '1', { manager: '' }],
    ['an unknown field', '1', { by: 'me' }],
  ])('is 400 BAD_REQUEST for %s', async (_name, seq, payload) => {
    const res = await ack(seq, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});
