import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import type { EvidenceClipBody, StationEvent } from '../../protocol/index.js';
import { CliProcess } from '../helpers/cli-process.js';
import { BARCODES, seedShop } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * kill -9 of the station agent (the built `packgate station --camera sim`) while an order is
 * being filmed, and again between its label and the cut: after each restart the clip is cut and
 * recorded once, with why it is partial; none is silently lost, none recorded twice.
 */

const SITE = 'camkill';

describe('station agent killed with SIGKILL mid-clip', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('finishes each clip after the restart, or records it partial, exactly once', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: join(dir.path, 'hub') });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1701', 'TB1702']);
    const login = await hub.provisionStation('C1');
    const passwordFile = join(dir.path, 'c1.pass');
    writeFileSync(passwordFile, `${login.password}\n`);
    const stationDir = join(dir.path, 'C1');
    // A killed agent leaves its ffmpeg recording; the next agent ends it, and so does this, whatever happens.
    cleanups.push(() => {
      const pidFile = join(stationDir, 'camera', 'ffmpeg.pid');
      if (!existsSync(pidFile)) return;
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    });
    const args = ['station', '--id', 'C1', '--site', SITE, '--hub', hub.mqttUrl, '--scanner', 'stdin', '--printer', `file:${join(dir.path, 'labels.zpl')}`, '--camera', 'sim'];
    const spawnStation = async () => {
      const child = new CliProcess([...args, '--data', stationDir, '--http-port', '0', '--mqtt-password-file', passwordFile]);
      cleanups.push(() => child.stop('SIGKILL'));
      await child.waitForOutput(/Station C1 running: .*camera sim/);
      return child;
    };
    const tablet = new TabletClient(hub.httpUrl, await hub.createToken('test', 'manager'));
    await tablet.connect();
    cleanups.push(() => tablet.close());
    const bodies = () => tablet.records.flatMap((r) => (r.kind === 'event' ? [(r.event as unknown as StationEvent).body] : []));
    const seen = (predicate: (body: StationEvent['body']) => boolean) => tablet.until(() => bodies().some(predicate));
    const clips = () => bodies().filter((body): body is EvidenceClipBody => body.type === 'evidence.clip');
    const scan = (station: CliProcess, ...codes: string[]) => station.child.stdin.write(codes.map((code) => `${code}\n`).join(''));

    // 1. Killed mid-order: the restored session still holds the order, and its clip goes on.
    let station = await spawnStation();
    scan(station, '$PG:BADGE:W07', '$PG:ORDER:TB1701');
    await seen((body) => body.type === 'pack.order_loaded');
    scan(station, BARCODES.dress);
    await seen((body) => body.type === 'pack.verdict');
    station.child.kill('SIGKILL');
    expect(await station.exited).toBeNull();
    station = await spawnStation();
    scan(station, BARCODES.baby, BARCODES.dress);
    await seen((body) => body.type === 'evidence.clip' && body.orderNo === 'TB1701');

    // 2. Killed after the label, before the clip's tail was cut: the restart cuts it.
    scan(station, '$PG:ORDER:TB1702');
    await seen((body) => body.type === 'pack.order_loaded' && body.order?.orderNo === 'TB1702');
    scan(station, BARCODES.dress, BARCODES.baby, BARCODES.dress);
    await seen((body) => body.type === 'pack.label_printed' && body.order?.orderNo === 'TB1702');
    station.child.kill('SIGKILL');
    await station.exited;
    station = await spawnStation();
    await seen((body) => body.type === 'evidence.clip' && body.orderNo === 'TB1702');
    expect(await station.stop('SIGINT')).toBe(0);

    const [first, second] = ['TB1701', 'TB1702'].map((order) => clips().filter((clip) => clip.orderNo === order));
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    // The first lost the seconds the agent was down (its ffmpeg's unfinished segment): partial, and why.
    expect(first![0]).toMatchObject({ status: 'partial', reason: 'agent_restarted', ending: 'printed' });
    expect(['complete', 'partial']).toContain(second![0]!.status);
    expect(second![0]!.ending).toBe('printed');
    for (const clip of [first![0]!, second![0]!]) {
      const video = join(stationDir, clip.video!.path);
      expect(createHash('sha256').update(readFileSync(video)).digest('hex')).toBe(clip.video!.sha256);
    }
  }, 120_000);
});
