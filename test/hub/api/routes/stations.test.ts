import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../../helpers/api-app.js';
import { dressOrder } from '../../../helpers/domain.js';
import type { DomainCommand } from '../../../../hub/domain/schemas.js';

describe('stations API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  /** What the ingest would apply from station messages. */
  const station = (command: DomainCommand) => {
    const result = api.services.execute(command, { now: new Date(), actor: { kind: 'station', id: 'ingest' } });
    if (!result.ok) throw new Error(result.message);
  };
  const list = () => api.request('viewer', { method: 'GET', url: '/api/v1/stations' });

  it('lists no stations before any reported', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stations: [] });
  });

  it('is 400 BAD_REQUEST for a query parameter it does not read', async () => {
    const res = await api.request('viewer', { method: 'GET', url: '/api/v1/stations?online=true' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('shows presence, faulted devices and the tasks at each bench', async () => {
    await seedDressStock(api, 10);
    for (const orderNo of ['TB1', 'TB2', 'TB3']) {
      await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder(orderNo) });
    }
    station({ type: 'stationOnline', station: 'S-02' });
    station({ type: 'stationOnline', station: 'S-01' });
    station({ type: 'stationFault', station: 'S-01', device: 'printer', detail: 'head open' });
    station({ type: 'stationOffline', station: 'S-02' });
    station({ type: 'taskLoaded', taskId: 'T1', station: 'S-01' });
    station({ type: 'taskLoaded', taskId: 'T2', station: 'S-01' });
    station({ type: 'taskVerified', taskId: 'T2', station: 'S-01' });
    station({ type: 'labelPrinted', taskId: 'T2', station: 'S-01' });
    station({ type: 'taskLoaded', taskId: 'T3', station: 'S-03' });
    await api.request('manager', { method: 'POST', url: '/api/v1/stops', payload: { orderId: 'taobao:TB1', reason: 'manual' } });

    expect((await list()).json()).toEqual({
      stations: [
        {
          id: 'S-01',
          state: 'online',
          since: expect.any(String),
          faults: [{ device: 'printer', detail: 'head open', since: expect.any(String) }],
          tasks: [{ taskId: 'T1', orderId: 'taobao:TB1', status: 'stopped', progress: 'loaded' }],
        },
        { id: 'S-02', state: 'offline', since: expect.any(String), faults: [], tasks: [] },
        {
          id: 'S-03',
          state: 'unknown',
          since: null,
          faults: [],
          tasks: [{ taskId: 'T3', orderId: 'taobao:TB3', status: 'loaded', progress: 'loaded' }],
        },
      ],
    });
  });
});
