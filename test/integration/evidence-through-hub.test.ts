import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { EvidenceClipBody, StationEvent } from '../../protocol/index.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { TabletClient } from '../helpers/tablet-client.js';

/*
 * Evidence files through the hub (issue #16), with Debian's ffmpeg filming the simulated camera,
 * a real hub and broker: the clip and photo come over the station's MQTT link, checked against
 * their recorded SHA-256, with Range for a video element, to a manager or an admin only (a viewer
 * and a dock see no customer, and the label is in the picture); an offline station is a 503 unless the
 * hub kept a verified copy; the export is one ZIP; a dispute pins the clip at the station, and
 * closing it unpins.
 */

const SITE = 'evd';
const run = promisify(execFile);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const events = (tablet: TabletClient): StationEvent[] => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event as unknown as StationEvent] : []));
const clipRecords = (tablet: TabletClient) => events(tablet).flatMap((e) => (e.body.type === 'evidence.clip' ? [e.body] : []));

async function start(orders: readonly string[], retention?: { maxDays: number; maxBytes: number }): Promise<StationRig> {
  const rig = await StationRig.start({
    site: SITE,
    shop: orders,
    station: { camera: { kind: 'sim' }, evidence: { leadMs: 1000, tailMs: 500, stallMs: 4000, ...(retention ? { retention } : {}) } },
  });
  expect(await rig.agent.camera!.reached(Date.now() + 1000, 15_000)).toBe(true);
  return rig;
}

async function pack(rig: StationRig, orderNo: string): Promise<EvidenceClipBody> {
  const { agent, scanner } = rig;
  scanner.scan('$PG:BADGE:W07');
  scanner.scan(`$PG:ORDER:${orderNo}`);
  await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
  for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
  await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
  await rig.tablet.until(() => clipRecords(rig.tablet).some((clip) => clip.orderNo === orderNo));
  return clipRecords(rig.tablet).find((clip) => clip.orderNo === orderNo)!;
}

const get = (rig: StationRig, path: string, headers: Record<string, string> = {}, token = rig.token) =>
  fetch(`${rig.hub.httpUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe('evidence files through the hub', () => {
  it('serves the clip (whole and by range) and the photo as recorded; offline it answers STATION_OFFLINE but for a kept copy', async () => {
    const rig = await start(['TB1611', 'TB1612']);
    const first = await pack(rig, 'TB1611');
    const second = await pack(rig, 'TB1612');
    const onDisk = readFileSync(join(rig.dir, 'P1', first.video!.path));

    const whole = await get(rig, '/evidence/sftb1611/clip');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('cache-control')).toBe('private, no-cache');
    expect(whole.headers.get('vary')).toBe('authorization');
    expect(whole.headers.get('etag')).toBe(`"${first.video!.sha256}"`);
    const body = Buffer.from(await whole.arrayBuffer());
    expect(body.length).toBe(first.video!.bytes);
    expect(sha256(body)).toBe(first.video!.sha256);

    const part = await get(rig, '/evidence/SFTB1611/clip', { range: 'bytes=100-299' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-299/${first.video!.bytes}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(onDisk.subarray(100, 300))).toBe(true);
    expect((await get(rig, '/evidence/SFTB1611/clip', { range: `bytes=${first.video!.bytes}-` })).status).toBe(416);
    const unchanged = await get(rig, '/evidence/SFTB1611/clip', { 'if-none-match': `"${first.video!.sha256}"` });
    expect(unchanged.status).toBe(304);
    expect((await unchanged.arrayBuffer()).byteLength).toBe(0);
    expect((await get(rig, '/evidence/SFTB1611/clip', { 'if-none-match': '"not-this-one"' })).status).toBe(200);

    const photo = await get(rig, '/evidence/SFTB1611/photo');
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(Buffer.from(await photo.arrayBuffer()))).toBe(first.photo!.sha256);
    expect(await codeOf(await get(rig, '/evidence/NOPE1/clip'))).toBe('CLIP_NOT_FOUND');

    // The clip and photo show the shipping label: a viewer's and a dock's token get none of it
    // (a Range neither), though they read the record; an admin's gets the bytes as a manager's does.
    const viewer = await rig.hub.createToken('wall', 'viewer');
    const dock = await rig.hub.createToken('dock desk', 'dock');
    const admin = await rig.hub.createToken('site admin', 'admin');
    for (const token of [viewer, dock]) {
      for (const [path, headers] of [['/evidence/SFTB1611/clip', {}], ['/evidence/SFTB1611/clip', { range: 'bytes=0-99' }], ['/evidence/SFTB1611/photo', {}], ['/evidence/SFTB1611/export', {}]] as const) {
        const refusedMedia = await get(rig, path, headers, token);
        expect(refusedMedia.status, path).toBe(403);
        expect(await codeOf(refusedMedia), path).toBe('FORBIDDEN');
      }
      const record = await get(rig, '/evidence?waybill=SFTB1611', {}, token);
      expect(record.status).toBe(200);
      expect(((await record.json()) as { clips: Array<{ record: EvidenceClipBody }> }).clips[0]!.record.video!.sha256).toBe(first.video!.sha256);
    }
    const byAdmin = await get(rig, '/evidence/SFTB1611/clip', {}, admin);
    expect(byAdmin.status).toBe(200);
    expect(sha256(Buffer.from(await byAdmin.arrayBuffer()))).toBe(first.video!.sha256);
    const photoByAdmin = await get(rig, '/evidence/SFTB1611/photo', { range: 'bytes=0-9' }, admin);
    expect(photoByAdmin.status).toBe(206);
    expect(Buffer.from(await photoByAdmin.arrayBuffer()).length).toBe(10);

    // A file changed at the station (same length, one byte flipped) is refused, never served.
    const secondPhoto = join(rig.dir, 'P1', second.photo!.path);
    const original = readFileSync(secondPhoto);
    const tampered = Buffer.from(original);
    tampered[tampered.length >> 1]! ^= 0xff;
    writeFileSync(secondPhoto, tampered);
    const refused = await get(rig, '/evidence/SFTB1612/photo');
    expect(refused.status).toBe(502);
    expect(await codeOf(refused)).toBe('EVIDENCE_HASH_MISMATCH');
    writeFileSync(secondPhoto, original);

    await rig.stopStation();
    await rig.tablet.until(() => rig.hub.domainState.stations.P1?.state === 'offline');
    const offline = await get(rig, '/evidence/SFTB1612/clip');
    expect(offline.status).toBe(503);
    expect(await codeOf(offline)).toBe('STATION_OFFLINE');
    // The clip fetched before is the hub's verified copy: it plays while the station is away.
    const kept = await get(rig, '/evidence/SFTB1611/clip');
    expect(kept.status).toBe(200);
    expect(sha256(Buffer.from(await kept.arrayBuffer()))).toBe(first.video!.sha256);
  }, 90_000);

  it('exports one ZIP per waybill: evidence.json with the hashes, the clip and the photo, as recorded', async () => {
    const rig = await start(['TB1613']);
    const clip = await pack(rig, 'TB1613');
    const response = await get(rig, '/evidence/SFTB1613/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="evidence-SFTB1613.zip"');
    const dir = tempDir();
    try {
      const zip = join(dir.path, 'e.zip');
      writeFileSync(zip, Buffer.from(await response.arrayBuffer()));
      await run('unzip', ['-tq', zip]);
      await run('unzip', ['-q', zip, '-d', join(dir.path, 'out')]);
      const summary = JSON.parse(readFileSync(join(dir.path, 'out', 'evidence.json'), 'utf8')) as { hashAlgorithm: string; files: Array<{ name: string; sha256: string }>; evidence: { orderId: string; scans: unknown[] } };
      expect(summary.hashAlgorithm).toBe('SHA-256');
      expect(summary.evidence.orderId).toBe('taobao:TB1613');
      expect(summary.evidence.scans).toHaveLength(3);
      expect(summary.files.map((file) => [file.name, file.sha256])).toEqual([
        [`${clip.clipId}.mp4`, clip.video!.sha256],
        [`${clip.clipId}.jpg`, clip.photo!.sha256],
      ]);
      for (const file of summary.files) expect(sha256(readFileSync(join(dir.path, 'out', file.name)))).toBe(file.sha256);
    } finally {
      dir.remove();
    }
  }, 60_000);

  it('a dispute at the hub pins the clip at the station (also when it was away), retention keeps it, closing unpins', async () => {
    const rig = await start(['TB1614', 'TB1615']);
    const a = await pack(rig, 'TB1614');
    const b = await pack(rig, 'TB1615');
    const pinned = (clipId: string) => rig.agent.evidence.stored().find((clip) => clip.clipId === clipId)?.pinned;

    const opened = await hubFetch(rig.hub.httpUrl, rig.token, 'POST', '/evidence/sftb1614/dispute', { note: 'refund-only claim 2026-12-05' });
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({ waybill: 'sftb1614', disputed: true, stations: ['P1'] });
    await until(rig.agent, () => pinned(a.clipId) === true, 'the clip pinned');
    expect(pinned(b.clipId)).toBe(false);
    await rig.tablet.until(() => events(rig.tablet).some((e) => e.body.type === 'cmd.ack' && e.body.cmdType === 'evidence-pins'));
    const again = await hubFetch(rig.hub.httpUrl, rig.token, 'POST', '/evidence/SFTB1614/dispute', {});
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('WAYBILL_DISPUTED');
    const evidence = (await (await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/evidence?waybill=SFTB1614')).json()) as { dispute: { by: string; note: string } };
    expect(evidence.dispute).toMatchObject({ by: 'test manager', note: 'refund-only claim 2026-12-05' });

    // Retention with room for nothing: the unpinned clip goes, the disputed one stays.
    expect(rig.agent.evidence.applyRetention(Date.now(), { maxDays: 0, maxBytes: 1 })).toEqual([b.clipId]);
    expect(existsSync(join(rig.dir, 'P1', a.video!.path))).toBe(true);
    const gone = await get(rig, '/evidence/SFTB1615/clip');
    expect(gone.status).toBe(410);
    expect(await codeOf(gone)).toBe('CLIP_NOT_STORED');

    // Closed while the station is away: its next birth unpins.
    await rig.stopStation();
    const closed = await hubFetch(rig.hub.httpUrl, rig.token, 'POST', '/evidence/SFTB1614/dispute/close', {});
    expect(await closed.json()).toEqual({ waybill: 'SFTB1614', disputed: false, stations: ['P1'] });
    await rig.startStation();
    await until(rig.agent, () => pinned(a.clipId) === false, 'the clip unpinned at the birth');
    expect(await codeOf(await hubFetch(rig.hub.httpUrl, rig.token, 'POST', '/evidence/SFTB1614/dispute/close', {}))).toBe('DISPUTE_NOT_FOUND');
  }, 90_000);

  it('pinned clips over the retention limit: the camera says its storage is full and the hub raises the alert; packing goes on', async () => {
    const rig = await start(['TB1616'], { maxDays: 0, maxBytes: 1 });
    rig.agent.evidence.setDisputed(['SFTB1616']);
    const clip = await pack(rig, 'TB1616');
    expect(existsSync(join(rig.dir, 'P1', clip.video!.path))).toBe(true);
    await until(rig.agent, () => rig.agent.status().camera?.state === 'fault', 'the camera status');
    expect(rig.agent.status().camera?.detail).toMatch(/^storage full: pinned clips hold \d+ bytes, over the 1 retention allows$/);
    await until(rig.agent, () => rig.hub.domainState.alerts.some((alert) => alert.kind === 'station-fault' && alert.message.includes('camera fault: storage full')), 'the hub alert');
  }, 60_000);
});
