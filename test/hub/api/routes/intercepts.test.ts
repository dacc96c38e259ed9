import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';

describe('GET /api/v1/intercepts', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 10);
    await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: { ...dressOrder('TB1'), carrier: 'sf-express' } });
    for (const command of [
      { type: 'taskLoaded', taskId: 'T1', station: 'P1' },
      { type: 'taskVerified', taskId: 'T1', station: 'P1' },
      { type: 'labelPrinted', taskId: 'T1', station: 'P1' },
    ] as const) {
      const result = api.services.execute(command, { now: new Date(), actor: { kind: 'station', id: 'P1' } });
      if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
    }
  });
  afterEach(() => api.close());

  const list = (as: 'viewer' | 'manager' | 'integration' | 'anonymous' = 'viewer') => api.request(as, { method: 'GET', url: '/api/v1/intercepts' });

  it('lists a parcel stopped after labelling with the open batch it is in, until it is taken out', async () => {
    expect((await list()).json()).toEqual({ intercepts: [] });
    await api.request('manager', { method: 'POST', url: '/api/v1/handovers', payload: { carrier: 'sf-express', operator: 'Zhao Lei' } });
    await api.request('manager', { method: 'POST', url: '/api/v1/handovers/H1/scans', payload: { waybill: 'SFTB1' } });
    await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload: { orderId: 'taobao:TB1', reason: 'cancel' } });
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.json().intercepts).toEqual([
      {
        orderId: 'taobao:TB1',
        alertSeq: expect.any(Number),
        since: expect.any(String),
        parcels: [{ waybill: 'SFTB1', batchId: 'H1', carrier: 'sf-express', station: 'P1' }],
      },
    ]);
    await api.request('manager', { method: 'POST', url: '/api/v1/withdrawals', payload: { waybill: 'SFTB1', station: 'DOCK1' } });
    expect((await list('manager')).json()).toEqual({ intercepts: [] });
  });

  it('refuses an integration token (403 FORBIDDEN) and no token (401), and takes no query', async () => {
    expect((await list('integration')).json().error.code).toBe('FORBIDDEN');
    expect((await list('integration')).statusCode).toBe(403);
    expect((await list('anonymous')).statusCode).toBe(401);
    expect((await api.request('viewer', { method: 'GET', url: '/api/v1/intercepts?open=true' })).statusCode).toBe(400);
  });
});
