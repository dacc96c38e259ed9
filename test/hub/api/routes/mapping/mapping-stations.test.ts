import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mappingStations } from '../../../../../hub/api/routes/mapping/mapping-stations.js';
import { createDomainState } from '../../../../../hub/domain/index.js';
import type { StationStatus } from '../../../../../protocol/index.js';
import { buildApiTestApp, type ApiTestApp } from '../../../../helpers/api-app.js';

const at = new Date(0).toISOString();
const status = (station: string, mapping: number | null | undefined): StationStatus => ({
  v: 1, station, state: 'online', bdSeq: 1, at,
  ...(mapping === undefined ? {} : { versions: { stops: 1, freezes: 1, mapping, tasks: 0 } }),
});

describe('mapping stations', () => {
  it('gives each station the version of its last status, its lag and whether it is online', () => {
    const state = createDomainState();
    state.stations = {
      P1: { state: 'online', since: at, faults: {} },
      P2: { state: 'offline', since: at, faults: {} },
      P4: { state: 'online', since: at, faults: {} },
    } as typeof state.stations;
    const statuses = new Map([['P1', status('P1', 12)], ['P2', status('P2', 9)], ['P3', status('P3', null)]]);
    expect(mappingStations(12, statuses, state)).toEqual({
      version: 12,
      stations: [
        { station: 'P1', version: 12, lag: 0, online: true },
        { station: 'P2', version: 9, lag: 3, online: false },
        { station: 'P3', version: null, lag: null, online: false },
        { station: 'P4', version: null, lag: null, online: true },
      ],
    });
    expect(mappingStations(null, statuses, state).stations[0]).toEqual({ station: 'P1', version: 12, lag: null, online: true });
  });
});

describe('GET /api/v1/mappings/stations', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  it('answers a viewer, and 401 UNAUTHORIZED without a token', async () => {
    const res = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/stations' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: null, stations: [] });
    const anonymous = await api.request('anonymous', { method: 'GET', url: '/api/v1/mappings/stations' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
  });
});
