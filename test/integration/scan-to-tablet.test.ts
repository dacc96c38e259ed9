import { describe, expect, it } from 'vitest';
import { StationRig } from '../helpers/station-rig.js';

describe('walking skeleton: scan at a station to a tablet', () => {
  const startRig = () => StationRig.start({ site: 'test', station: { id: 'S1' } });

  it('delivers a scan to the tablet exactly once', async () => {
    const { hub, tablet, agent: station, scanner } = await startRig();

    scanner.scan('6901234567892');
    await tablet.until((records) => records.some((r) => r.kind === 'event'));
    await station.drained();

    expect(tablet.scans()).toEqual(['6901234567892']);
    const event = tablet.records.find((r) => r.kind === 'event');
    expect(event).toMatchObject({ station: 'S1', event: { seq: 1, station: 'S1', body: { type: 'pack.verdict', verdict: 'no_packer' } } });
    expect(hub.health().ingest).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it('delivers every scan exactly once while the hub stops and starts again', async () => {
    const rig = await startRig();
    const { tablet, agent: station, scanner } = rig;

    const codes = Array.from({ length: 30 }, (_, i) => `CODE-${String(i + 1).padStart(3, '0')}`);
    for (const code of codes.slice(0, 10)) scanner.scan(code);
    await tablet.until(() => tablet.scans().length === 10);

    const tabletGone = tablet.closed();
    await rig.stopHub();
    await tabletGone;
    for (const code of codes.slice(10, 20)) scanner.scan(code);
    await station.recorder.published(); // an event joins the outbox once its journal is synced
    expect(station.outbox.size).toBeGreaterThanOrEqual(10);

    await rig.startHub();
    const resumed = await rig.connectTablet(tablet);
    for (const code of codes.slice(20)) scanner.scan(code);

    await resumed.until(() => resumed.scans().length >= 30);
    await station.drained();
    expect(resumed.scans()).toEqual(codes);
    const seqs = resumed.records.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
