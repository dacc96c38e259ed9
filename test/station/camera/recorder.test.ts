import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraRecorder } from '../../../station/camera/recorder.js';
import { tempDir } from '../../helpers/temp-dir.js';

/*
 * The recorder with Debian's ffmpeg and the simulated camera (lavfi testsrc2): segments are
 * indexed with wall-clock times, a killed ffmpeg is restarted and its gap shows, a stalled one
 * is killed by the watchdog.
 */

const opened: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

function recorder(options: Partial<ConstructorParameters<typeof CameraRecorder>[0]> = {}): CameraRecorder {
  const dir = tempDir('packgate-camera-');
  const camera = new CameraRecorder({ spec: { kind: 'sim' }, dir: join(dir.path, 'camera'), pollMs: 100, ...options });
  opened.push(dir.remove, () => camera.close());
  return camera;
}

describe('CameraRecorder', () => {
  it('records segments with wall-clock times and reports ok while recording', async () => {
    const camera = recorder();
    const startedAt = Date.now();
    camera.start();
    expect(camera.status()).toEqual({ kind: 'sim', state: 'absent', detail: 'starting' });
    expect(await camera.reached(startedAt + 4000, 15_000)).toBe(true);
    expect(camera.status()).toEqual({ kind: 'sim', state: 'ok', detail: 'recording' });
    const segments = camera.segments();
    expect(segments.length).toBeGreaterThanOrEqual(2);
    // The first segment starts about when ffmpeg did (its start-up, not seconds off).
    expect(Math.abs(segments[0]!.start - startedAt)).toBeLessThan(1500);
    for (const segment of segments) expect(existsSync(segment.file)).toBe(true);
    expect(camera.gaps()).toEqual([]);
  }, 30_000);

  it('restarts a killed ffmpeg and the gap shows in the index', async () => {
    const camera = recorder();
    camera.start();
    expect(await camera.reached(Date.now() + 2000, 15_000)).toBe(true);
    const pid = camera.pid!;
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(camera.status()).toMatchObject({ state: 'fault', detail: expect.stringMatching(/^restarting: ffmpeg killed by SIGKILL/) }), { timeout: 5000 });
    expect(await camera.reached(Date.now() + 2000, 20_000)).toBe(true);
    expect(camera.pid).not.toBe(pid);
    expect(camera.restarts).toBe(1);
    expect(camera.status().state).toBe('ok');
    const gaps = camera.gaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.to - gaps[0]!.from).toBeGreaterThan(400);
  }, 40_000);

  it('kills an ffmpeg that makes no segment and says it restarts', async () => {
    const dir = tempDir('packgate-fake-ffmpeg-');
    opened.push(dir.remove);
    const fake = join(dir.path, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(fake, 0o755);
    const camera = recorder({ ffmpeg: fake, stallMs: 500 });
    camera.start();
    await vi.waitFor(() => expect(camera.restarts).toBeGreaterThanOrEqual(1), { timeout: 5000 });
    expect(camera.status()).toMatchObject({ state: 'fault', detail: expect.stringContaining('stalled') });
    expect(camera.segments()).toEqual([]);
  }, 15_000);

  it('says absent when there is no ffmpeg to run', async () => {
    const camera = recorder({ ffmpeg: '/nonexistent/ffmpeg' });
    camera.start();
    await vi.waitFor(() => expect(camera.status()).toEqual({ kind: 'sim', state: 'absent', detail: 'ffmpeg not found' }), { timeout: 5000 });
  });
});
