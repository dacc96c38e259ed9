import { describe, expect, it, vi } from 'vitest';
import type { TabletClient } from '../helpers/tablet-client.js';
import { SimulatedDisk } from '../helpers/sim-disk.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

const SITE = 'diskfull';

/** The station's events the hub stored (as its tablet feed has them), by sequence: each must be there once. */
function storedSeqs(tablet: TabletClient, station: string): number[] {
  return tablet.records.flatMap((record) => (record.kind === 'event' && record.station === station ? [record.event.seq] : []));
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function health(rig: StationRig) {
  return (await (await fetch(`${rig.hub.httpUrl}/api/v1/health`)).json()) as {
    status: string;
    reasons: string[];
    history: { storage: { writable: boolean; deferred: number; problem?: { code: string; errno: string } } };
  };
}

describe('a full disk', () => {
  it("at the hub: no crash, no ack, degraded on health and /metrics; resumes by itself when space returns, every event stored once", async () => {
    const disk = new SimulatedDisk();
    const rig = await StationRig.start({ site: SITE, shop: ['TB1001'], hubFiles: disk });
    const { agent, scanner } = rig;
    scanner.scan('$PG:BADGE:W07');
    await agent.drained();
    const before = agent.lastSeq;

    disk.fill(0);
    for (const code of [BARCODES.book, BARCODES.sock, BARCODES.book]) scanner.scan(code);
    await until(agent, () => agent.lastSeq >= before + 3, 'the scans');
    await vi.waitFor(async () => expect((await health(rig)).history.storage.deferred).toBeGreaterThanOrEqual(agent.lastSeq - before - 1), { timeout: 10_000 });
    const degraded = await health(rig);
    expect(degraded).toMatchObject({ status: 'degraded', reasons: ['HISTORY_WRITE_FAILED'] });
    expect(degraded.history.storage).toMatchObject({ writable: false, problem: { code: 'HISTORY_WRITE_FAILED', errno: 'ENOSPC' } });
    const metrics = await (await fetch(`${rig.hub.httpUrl}/metrics`, { headers: { authorization: `Bearer ${rig.token}` } })).text();
    expect(metrics).toContain('packgate_history_writable 0');
    expect(metrics).toContain('packgate_history_storage_problem{code="HISTORY_WRITE_FAILED",errno="ENOSPC"} 1');
    // Nothing was acked past what is stored: the station keeps its outbox.
    expect(agent.outbox.ackedSeq).toBe(before);
    expect(agent.outbox.size).toBe(agent.lastSeq - before);
    // The API refuses writes plainly rather than failing inside.
    const refused = await hubFetch(rig.hub.httpUrl, rig.token, 'POST', '/stops', { orderId: 'taobao:TB1001', reason: 'cancel', note: 'buyer cancelled' });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'HISTORY_WRITE_FAILED' } });

    disk.freeSpace();
    await agent.drained();
    await vi.waitFor(async () => expect(await health(rig)).toMatchObject({ status: 'ok', reasons: [] }), { timeout: 10_000 });
    await rig.tablet.until(() => storedSeqs(rig.tablet, 'P1').length >= agent.lastSeq);
    expect(storedSeqs(rig.tablet, 'P1')).toEqual(oneToN(agent.lastSeq));
  });

  it('at a station: no crash; it refuses the scan and says so on its screen and status, and takes scans again when space returns', async () => {
    const disk = new SimulatedDisk();
    const rig = await StationRig.start({ site: SITE, station: { files: disk } });
    const { agent, scanner } = rig;
    scanner.scan('$PG:BADGE:W07');
    await agent.drained();
    const before = { seq: agent.lastSeq, session: JSON.stringify(agent.driver.session) };

    disk.fill(0);
    scanner.scan('$PG:ORDER:TB9001');
    await until(agent, () => agent.driver.diskTrouble !== undefined, 'the disk refusal');
    expect(agent.driver.diskTrouble?.code).toBe('ENOSPC');
    expect(agent.lastSeq).toBe(before.seq);
    expect(JSON.stringify(agent.driver.session)).toBe(before.session);
    expect(agent.view().notice?.en).toContain('disk is full');
    expect(agent.status().storage).toMatchObject({ kind: 'disk', state: 'fault' });
    // The hub hears it: the station's status record carries the disk fault.
    await rig.tablet.until(() => rig.tablet.records.some((record) => record.kind === 'station' && record.status.storage?.state === 'fault'));

    disk.freeSpace();
    scanner.scan(BARCODES.book);
    await until(agent, () => agent.driver.diskTrouble === undefined && agent.lastSeq > before.seq, 'a scan taken again');
    expect(agent.status().storage).toBeUndefined();
    await agent.drained();
    await rig.tablet.until(() => storedSeqs(rig.tablet, 'P1').length >= agent.lastSeq);
    expect(storedSeqs(rig.tablet, 'P1')).toEqual(oneToN(agent.lastSeq));
  });
});
