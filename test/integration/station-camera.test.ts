import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { EvidenceClipBody, StationEvent } from '../../protocol/index.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';
import type { TabletClient } from '../helpers/tablet-client.js';

/*
 * Packing evidence with the simulated camera (Debian's ffmpeg, lavfi testsrc2) against a real
 * hub and broker: a packed order gets a playable clip and a photo whose hashes the hub holds; a
 * killed ffmpeg leaves a recorded gap; no camera still packs, and says the clip is missing.
 */

const SITE = 'cam';
const LEAD_MS = 2000;
const TAIL_MS = 1000;
const run = promisify(execFile);

async function ffprobe(path: string): Promise<{ format: { duration: string }; streams: Array<{ codec_type: string; codec_name: string }> }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name', '-of', 'json', path]);
  return JSON.parse(stdout);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const events = (tablet: TabletClient): StationEvent[] => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event as unknown as StationEvent] : []));
const clipRecords = (tablet: TabletClient) => events(tablet).flatMap((e) => (e.body.type === 'evidence.clip' ? [e.body] : []));

async function start(orders: readonly string[], camera: 'sim' | 'none' = 'sim'): Promise<StationRig> {
  const rig = await StationRig.start({
    site: SITE,
    shop: orders,
    station: { ...(camera === 'sim' ? { camera: { kind: 'sim' } } : {}), evidence: { leadMs: LEAD_MS, tailMs: TAIL_MS, stallMs: 4000 } },
  });
  // The lead-in must already be in the buffer when the order loads.
  if (camera === 'sim') expect(await rig.agent.camera!.reached(Date.now() + LEAD_MS, 15_000)).toBe(true);
  return rig;
}

async function pack(rig: StationRig, orderNo: string, between?: () => Promise<void>): Promise<void> {
  const { agent, scanner } = rig;
  scanner.scan('$PG:BADGE:W07');
  scanner.scan(`$PG:ORDER:${orderNo}`);
  await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
  scanner.scan(BARCODES.dress);
  await between?.();
  scanner.scan(BARCODES.baby);
  scanner.scan(BARCODES.dress);
  await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
}

async function clipOf(rig: StationRig, orderNo: string): Promise<EvidenceClipBody> {
  await rig.tablet.until(() => clipRecords(rig.tablet).some((clip) => clip.orderNo === orderNo));
  return clipRecords(rig.tablet).find((clip) => clip.orderNo === orderNo)!;
}

function timeOf(tablet: TabletClient, type: string): number {
  return Date.parse(events(tablet).find((e) => e.body.type === type)!.at);
}

describe('packing evidence with the simulated camera', () => {
  it('a packed order gets a playable clip (lead-in + packing + tail, with its text track) and a photo, hashed', async () => {
    const rig = await start(['TB1601']);
    // The packer takes a while between scans: the recording moves on 2.5 s.
    await pack(rig, 'TB1601', async () => void (await rig.agent.camera!.reached(Date.now() + 2500, 10_000)));
    const clip = await clipOf(rig, 'TB1601');
    expect(clip).toMatchObject({ status: 'complete', reason: null, ending: 'printed', waybills: ['SFTB1601'], packer: 'W07', overlay: 'mov_text', gaps: [] });
    const packingMs = timeOf(rig.tablet, 'pack.label_printed') - timeOf(rig.tablet, 'pack.order_loaded');

    const video = join(rig.dir, 'P1', clip.video!.path);
    const photo = join(rig.dir, 'P1', clip.photo!.path);
    expect(sha256(video)).toBe(clip.video!.sha256);
    expect(sha256(photo)).toBe(clip.photo!.sha256);
    expect(readFileSync(video).length).toBe(clip.video!.bytes);

    const probed = await ffprobe(video);
    expect(probed.streams).toEqual(expect.arrayContaining([{ codec_type: 'video', codec_name: 'h264' }, { codec_type: 'subtitle', codec_name: 'mov_text' }]));
    const seconds = Number(probed.format.duration);
    expect(Math.abs(seconds * 1000 - (packingMs + LEAD_MS + TAIL_MS))).toBeLessThan(1000);
    expect((await ffprobe(photo)).streams).toEqual([{ codec_type: 'video', codec_name: 'mjpeg' }]);
    // The overlay names the order and the verdicts.
    const { stdout: text } = await run('ffmpeg', ['-v', 'error', '-i', video, '-map', '0:s', '-f', 'srt', '-']);
    expect(text).toContain('TB1601 | SFTB1601 | P1 | W07');
    for (const verdict of ['OK counted DRESS-RED-M 1/2', 'OK counted BABY-SH-01 1/1', 'OK counted DRESS-RED-M 2/2', 'label printed SFTB1601']) expect(text).toContain(verdict);

    // The hub's evidence record for the waybill (any case) holds the scans, the label's proof and both hashes.
    const response = await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/evidence?waybill=sftb1601');
    expect(response.status).toBe(200);
    const evidence = (await response.json()) as { orderId: string; scans: Array<{ verdict: string; sku: string }>; releases: Array<{ type: string; waybill: string }>; clips: Array<{ record: EvidenceClipBody }> };
    expect(evidence.orderId).toBe('taobao:TB1601');
    expect(evidence.scans.map((scan) => `${scan.verdict} ${scan.sku}`)).toEqual(['counted DRESS-RED-M', 'counted BABY-SH-01', 'counted DRESS-RED-M']);
    expect(evidence.releases).toMatchObject([{ type: 'label_printed', waybill: 'SFTB1601' }]);
    expect(evidence.clips.map((c) => [c.record.video!.sha256, c.record.photo!.sha256])).toEqual([[sha256(video), sha256(photo)]]);
    expect((await hubFetch(rig.hub.httpUrl, rig.token, 'GET', '/evidence?waybill=NOPE1')).status).toBe(404);
  }, 60_000);

  it('ffmpeg killed mid-order: the watchdog restarts it and the clip records the gap', async () => {
    const rig = await start(['TB1602']);
    const camera = rig.agent.camera!;
    await pack(rig, 'TB1602', async () => {
      process.kill(camera.pid!, 'SIGKILL');
      await until(rig.agent, () => camera.restarts >= 1 && camera.status().state === 'ok', 'the camera restarted', 20_000);
      expect(rig.agent.status().camera).toEqual({ kind: 'sim', state: 'ok', detail: 'recording' });
    });
    const clip = await clipOf(rig, 'TB1602');
    expect(clip).toMatchObject({ status: 'partial', reason: 'camera_gap' });
    expect(clip.gaps.length).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(rig.dir, 'P1', clip.video!.path))).toBe(true);
  }, 60_000);

  it('retention deletes the oldest clips first and never a pinned one', async () => {
    const rig = await start(['TB1604', 'TB1605', 'TB1606']);
    const clips: EvidenceClipBody[] = [];
    for (const order of ['TB1604', 'TB1605', 'TB1606']) {
      await pack(rig, order);
      clips.push(await clipOf(rig, order));
    }
    const [a, b, c] = clips as [EvidenceClipBody, EvidenceClipBody, EvidenceClipBody];
    const files = (clip: EvidenceClipBody) => [clip.video!.path, clip.photo!.path].map((path) => join(rig.dir, 'P1', path));
    const bytes = (clip: EvidenceClipBody) => clip.video!.bytes + clip.photo!.bytes;
    expect(rig.agent.evidence.pin('SFTB1604')).toBe(true);
    // Room for two: the oldest unpinned (b) goes; a is pinned though older.
    expect(rig.agent.evidence.applyRetention(Date.now(), { maxDays: 0, maxBytes: bytes(a) + bytes(c) })).toEqual([b.clipId]);
    for (const file of files(b)) expect(existsSync(file)).toBe(false);
    for (const file of [...files(a), ...files(c)]) expect(existsSync(file)).toBe(true);
    // Forty days on, only the pinned clip is left.
    expect(rig.agent.evidence.applyRetention(Date.now() + 40 * 24 * 3600 * 1000, { maxDays: 30, maxBytes: 0 })).toEqual([c.clipId]);
    expect(rig.agent.evidence.stored().map((clip) => clip.clipId)).toEqual([a.clipId]);
    for (const file of files(a)) expect(existsSync(file)).toBe(true);
  }, 90_000);

  it('no camera: the order still packs, and its record says the clip is missing and why', async () => {
    const rig = await start(['TB1603'], 'none');
    await pack(rig, 'TB1603');
    const clip = await clipOf(rig, 'TB1603');
    expect(clip).toMatchObject({ status: 'missing', reason: 'no_camera', video: null, photo: null, durationMs: 0, overlay: 'none' });
    expect(rig.agent.status().camera).toEqual({ kind: 'none', state: 'absent', detail: 'no camera configured' });
  }, 30_000);
});
