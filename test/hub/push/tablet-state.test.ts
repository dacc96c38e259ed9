import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOAD_VERSION, type StationEvent } from '../../../protocol/index.js';
import { PageModel } from '../../../ui/tablet/src/model/page-model.js';
import { HOUR_MS } from '../../../common/tally/time.js';
import type { TabletState } from '../../../ui/tablet/src/wire.js';
import { buildApiTestApp, seedDressStock, type ApiTestApp } from '../../helpers/api-app.js';
import { dressOrder, managerContext } from '../../helpers/domain.js';

const ORDER = { taskId: 'T1', orderId: 'taobao:TB1', orderNo: 'TB1', channel: 'taobao' };

/** A pack event as a station publishes it (the fields the page reads). */
function packEvent(station: string, seq: number, at: Date, body: Record<string, unknown>): StationEvent {
  const full = { at: at.toISOString(), station, packer: 'W07', order: ORDER, mappingVersion: 1, ...body };
  return { v: PAYLOAD_VERSION, id: randomUUID(), station, seq, at: at.toISOString(), body: full } as unknown as StationEvent;
}

const verdict = (verdict: string, sku: string) => ({ type: 'pack.verdict', verdict, sku, code: sku, units: 1, blocks: verdict !== 'counted' });

/** What the page shows, read from its model. */
function shown(model: PageModel, now: number) {
  return {
    // The page lists by arrival; a loaded state by time: the same alerts, compared by key.
    alerts: model.alerts.list({ all: true, limit: 1000, now }).sort((a, b) => (a.key < b.key ? -1 : 1)),
    open: model.alerts.openCount(),
    stations: model.stations.ids().sort().map((id) => ({ facts: model.stations.get(id), figures: model.stations.figures(id, now), lag: model.stations.mappingLag(id) })),
    perHour: model.stats.perHour(now),
    funnel: model.stats.funnel(now),
  };
}

describe('tablet state (GET /api/v1/tablet/state)', () => {
  let api: ApiTestApp;
  afterEach(() => api.close());

  async function state(): Promise<TabletState> {
    const response = await api.request('viewer', { method: 'GET', url: '/api/v1/tablet/state' });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** A shift: a station's status and pack events, orders released, a stop, an acknowledgement. */
  function work(station: string, from: number, count: number, now: number): void {
    api.history.append({ kind: 'station', station, status: { v: PAYLOAD_VERSION, station, state: 'online', bdSeq: 1, at: new Date(now).toISOString(), scanner: { kind: 'serial', state: 'ok' } } });
    for (let i = 0; i < count; i += 1) {
      const seq = from + i;
      const at = new Date(now - (count - i) * 7 * 60_000);
      const body = i % 5 === 3 ? verdict('wrong_item', 'SOCK-01') : i % 5 === 4 ? { type: 'pack.block_cleared', reason: 'wrong_item' } : verdict('counted', 'DRESS-RED-M');
      api.history.append({ kind: 'event', station, event: packEvent(station, seq, at, body) }, at);
      // What the hub's ingest makes of the block and its clearing (hub/ingest/handlers/pack-blocked.ts, pack-block-cleared.ts).
      if (i % 5 === 3) api.services.execute({ type: 'stationBlocked', station, reason: 'wrong_item', sku: 'SOCK-01' }, managerContext(at));
      if (i % 5 === 4) api.services.execute({ type: 'stationBlockEnded', station, by: 'resolve' }, managerContext(at));
    }
  }

  it('is what replaying the whole history gives, and the feed after its seq completes it exactly', async () => {
    api = await buildApiTestApp();
    await seedDressStock(api, 100);
    const now = Date.now();
    work('P1', 1, 12, now);
    api.services.execute({ type: 'createOrder', ...dressOrder('TB1') }, managerContext(new Date()));
    api.services.execute({ type: 'createOrder', ...dressOrder('TB2') }, managerContext(new Date()));
    const middle = await state();
    expect(middle.seq).toBe(api.history.lastSeq);
    expect(middle.history).toEqual({ id: api.history.since(0, 1)[0]!.at, lastSeq: middle.seq });
    work('P2', 1, 8, now);
    api.services.execute({ type: 'stopTask', orderId: 'taobao:TB1', reason: 'manual' }, managerContext(new Date()));
    api.services.execute({ type: 'acknowledgeAlert', alertSeq: 1, manager: 'Li Na' }, managerContext(new Date()));
    work('P1', 13, 4, now);

    const replayed = new PageModel();
    for (const record of api.history.scan(0)) replayed.apply(record);
    const loaded = new PageModel();
    loaded.load(middle, now);
    for (const record of api.history.scan(middle.seq)) loaded.apply(record);
    expect(shown(loaded, now)).toEqual(shown(replayed, now));
    expect(shown(replayed, now).funnel[0]).toBeGreaterThan(0);
    expect(shown(replayed, now).alerts.filter((alert) => alert.kind === 'station-block').length).toBeGreaterThan(2);

    // A second state, after everything, is the same again (the tally caught up incrementally).
    const end = new PageModel();
    end.load(await state(), now);
    expect(shown(end, now)).toEqual(shown(replayed, now));
  });

  it('reads only the window of the history: counts older than a day are not in it', async () => {
    api = await buildApiTestApp();
    const now = Date.now();
    const old = new Date(now - 3 * 24 * HOUR_MS);
    for (let seq = 1; seq <= 50; seq += 1) {
      api.history.append({ kind: 'event', station: 'P1', event: packEvent('P1', seq, old, verdict('counted', 'A')) }, old);
    }
    const recent = new Date(now - 60_000);
    api.history.append({ kind: 'event', station: 'P1', event: packEvent('P1', 51, recent, verdict('wrong_item', 'B')) }, recent);
    const body = await state();
    expect(body.seq).toBe(51);
    expect(body.stats.quarters.reduce((sum, quarter) => sum + quarter.scans, 0)).toBe(1);
    expect(body.stations.map((station) => station.id)).toEqual(['P1']);
  });

  it('gives a quiet station its last status from before the window, and needs a token', async () => {
    api = await buildApiTestApp();
    const old = new Date(Date.now() - 3 * 24 * HOUR_MS);
    const status = { v: PAYLOAD_VERSION as typeof PAYLOAD_VERSION, station: 'P9', state: 'online' as const, bdSeq: 1, at: old.toISOString(), printer: { kind: 'tcp', state: 'fault' as const, detail: 'paper out' } };
    api.history.append({ kind: 'station', station: 'P9', status, keys: ['station:P9'] }, old);
    expect(api.services.execute({ type: 'stationOnline', station: 'P9' }, managerContext(old)).ok).toBe(true);
    const body = await state();
    expect(body.stations).toEqual([expect.objectContaining({ id: 'P9', presence: 'online', printer: { kind: 'tcp', state: 'fault', detail: 'paper out' } })]);
    const anonymous = await api.request('anonymous', { method: 'GET', url: '/api/v1/tablet/state' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
  });
});
