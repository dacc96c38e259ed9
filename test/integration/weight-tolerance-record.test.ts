import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, WeightToleranceChange } from '../../hub/domain/model.js';
import { Hub, type HubOptions } from '../../hub/hub.js';
import type { HistoryRecord } from '../../hub/store/history.js';
import { hubFetch } from '../helpers/hub-http.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The hub's history as the tablet feed replays it from the start. */
function records(hub: Hub): HistoryRecord[] {
  const seen: HistoryRecord[] = [];
  hub.subscribe(0, (record) => seen.push(record))();
  return seen;
}

const toleranceRecords = (hub: Hub) =>
  records(hub).flatMap((record) => (record.kind === 'domain' && record.command.type === 'setWeightTolerance' ? [record] : []));

describe("a change of the site's weight tolerance leaves a trace (hub restarted with other options)", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Starts hubs on one data folder, as one site restarted with other options. */
  function site(): (weightTolerance?: HubOptions['weightTolerance']) => Promise<Hub> {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    return async (weightTolerance) => {
      const hub = await Hub.start({ site: 'tolerance-record', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: dir.path, ...(weightTolerance ? { weightTolerance } : {}) });
      cleanups.push(() => hub.close());
      return hub;
    };
  }

  it('the first start records the one in force, a start with another records before and after, the same one again nothing', async () => {
    const start = site();
    const tolerance = async (hub: Hub): Promise<{ grams: number; percent: number; changes: WeightToleranceChange[] }> => {
      const token = await hub.createToken('floor', 'manager');
      const res = await hubFetch(hub.httpUrl, token, 'GET', '/catalog/weights');
      expect(res.status).toBe(200);
      return ((await res.json()) as { tolerance: { grams: number; percent: number; changes: WeightToleranceChange[] } }).tolerance;
    };

    // Day one, no option: the default is recorded as the first tolerance in force.
    const first = await start();
    expect(await tolerance(first)).toEqual({ grams: 20, percent: 3, changes: [{ at: expect.any(String), before: null, after: { grams: 20, percent: 3 }, source: 'hub-start' }] });
    await first.close();

    // Restarted loosened to 20 %: the change, with what was in force before, from the start-up options.
    const second = await start({ grams: 20, percent: 20 });
    const loosened = await tolerance(second);
    expect(loosened.grams).toBe(20);
    expect(loosened.percent).toBe(20);
    expect(loosened.changes).toHaveLength(2);
    expect(loosened.changes[0]).toEqual({ at: expect.any(String), before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 }, source: 'hub-start' });
    const [, change] = toleranceRecords(second);
    expect(change).toMatchObject({
      events: [
        { type: 'site.weight-tolerance-changed', before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 }, source: 'hub-start' },
        { type: 'alert.raised', alert: { kind: 'weight-tolerance-loosened' } },
      ],
      audit: { actor: { kind: 'system', id: 'hub-start' }, command: 'setWeightTolerance', reason: expect.stringContaining('--weight-tolerance'), raw: { weightTolerance: { grams: 20, percent: 20 } } },
    });
    expect(Date.parse(loosened.changes[0]!.at)).toBeGreaterThan(Date.parse(loosened.changes[1]!.at));
    const lastSeq = second.health().lastSeq;
    await second.close();

    // The same tolerance again: nothing new in the history or the log.
    const third = await start({ grams: 20, percent: 20 });
    expect(third.health().lastSeq).toBe(lastSeq);
    expect((await tolerance(third)).changes).toEqual(loosened.changes);
    expect(toleranceRecords(third)).toHaveLength(2);
  });

  it('a start that loosens the tolerance raises a critical alert a manager acknowledges; the first start and a tightening raise none', async () => {
    const start = site();
    const alerts = async (hub: Hub): Promise<Alert[]> => {
      const res = await hubFetch(hub.httpUrl, await hub.createToken('board', 'viewer'), 'GET', '/alerts');
      expect(res.status).toBe(200);
      return ((await res.json()) as { alerts: Alert[] }).alerts.filter((alert) => alert.kind === 'weight-tolerance-loosened');
    };

    const first = await start();
    expect(await alerts(first)).toEqual([]);
    await first.close();

    const loosened = await start({ grams: 20, percent: 20 });
    const [alert, ...none] = await alerts(loosened);
    expect(none).toEqual([]);
    expect(alert).toMatchObject({ kind: 'weight-tolerance-loosened', severity: 'critical', target: { before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 } } });
    const [, change] = toleranceRecords(loosened);
    expect(alert!.at).toBe(change!.audit.at);
    const ack = await hubFetch(loosened.httpUrl, await loosened.createToken('Li Na', 'manager'), 'POST', `/alerts/${alert!.seq}/ack`);
    expect(ack.status).toBe(200);
    await loosened.close();

    // Tightened back to 20 g / 5 %: recorded, no second alert; the first stays acknowledged.
    const tightened = await start({ grams: 20, percent: 5 });
    expect(toleranceRecords(tightened)).toHaveLength(3);
    expect(await alerts(tightened)).toEqual([{ ...alert, acknowledged: { by: 'Li Na', at: expect.any(String) } }]);
  });
});
