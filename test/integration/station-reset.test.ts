import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StationEvent } from '../../protocol/index.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

const SITE = 'reset';

describe('a station whose data folder is replaced (a new PC, a wiped disk)', () => {
  it('keeps every event of both folders, alerts that the station was reset, and shows it online', async () => {
    const rig = await StationRig.start({ site: SITE, shop: ['TB7001', 'TB7002'] });
    const { tablet, scanner } = rig;
    const events = () => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
    const pack = async (orderNo: string) => {
      const agent = rig.agent;
      scanner.scan('$PG:BADGE:W07');
      scanner.scan(`$PG:ORDER:${orderNo}`);
      await until(agent, () => agent.driver.session.phase === 'packing', `the order ${orderNo}`);
      for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
      await until(agent, () => agent.driver.session.phase === 'printed', `the label of ${orderNo}`);
      await agent.drained();
      return agent.lastSeq;
    };

    const before = await pack('TB7001');
    const old = rig.agent.status().incarnation;
    await tablet.until(() => events().length === before);
    await rig.stopStation();
    rmSync(join(rig.dir, 'P1'), { recursive: true, force: true });

    // The same id and login on an empty folder: its sequence starts at 1 again.
    await rig.startStation();
    const fresh = rig.agent.status().incarnation;
    const after = await pack('TB7002');
    // Refused payloads count too, so that a refusal fails the test below instead of stalling it.
    await tablet.until((records) => records.filter((r) => r.kind === 'event' || r.kind === 'rejected').length >= before + after);

    // Nothing refused: both folders' events stored once each, each counted from 1.
    expect(tablet.records.filter((r) => r.kind === 'rejected')).toEqual([]);
    expect(rig.hub.health().ingest.rejected).toEqual({});
    expect(events()).toHaveLength(before + after);
    expect(old).toEqual(expect.any(String));
    expect(fresh).toEqual(expect.any(String));
    expect(fresh).not.toBe(old);
    const seqs = (incarnation: string | undefined) => events().filter((e: StationEvent) => e.incarnation === incarnation).map((e) => e.seq);
    expect(seqs(old)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    expect(seqs(fresh)).toEqual(Array.from({ length: after }, (_, i) => i + 1));
    const task = Object.values(rig.hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB7002');
    expect(task).toMatchObject({ progress: 'labelled', station: 'P1' });

    // The reset is an alert, on the API and on the tablet feed.
    const alerts = (await (await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/alerts')).json()) as { alerts: Array<{ kind: string; severity: string; target: { station?: string } }> };
    expect(alerts.alerts.filter((alert) => alert.kind === 'station-reset')).toEqual([expect.objectContaining({ severity: 'warning', target: expect.objectContaining({ station: 'P1' }) })]);
    await tablet.until((records) =>
      records.some((r) => r.kind === 'domain' && r.events.some((e) => e.type === 'alert.raised' && e.alert.kind === 'station-reset')),
    );

    // The new folder's birth counts though its bdSeq is lower than the old folder's last one.
    const stations = (await (await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/stations')).json()) as { stations: Array<{ id: string; state: string }> };
    expect(stations.stations.find((station) => station.id === 'P1')?.state).toBe('online');
  });
});
