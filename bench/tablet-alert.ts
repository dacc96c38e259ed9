import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startFleetInWorker } from '../firmware-sim/fleet/in-worker.js';
import { provisionFleet } from '../firmware-sim/fleet/provision.js';
import type { CommandContext } from '../hub/domain/audit.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../common/chromium.js';
import { Hub } from '../hub/hub.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const SITE = 'bench-tablet';

/**
 * Runs in the page: notes when each alert card first appears (epoch ms, the same clock as the
 * bench's `performance.timeOrigin + performance.now()`).
 */
const OBSERVE_CARDS = `(() => {
  const seen = (window.__packgateRendered = {});
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    for (const card of document.querySelectorAll('.alert-card[data-key]')) {
      if (!(card.dataset.key in seen)) seen[card.dataset.key] = now;
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

/**
 * A stop posted to the API until its alert is rendered on the tablet page in Chromium, while 20
 * simulated stations scan at 5 scans a second each (a worker-thread fleet). One stop at a time,
 * 50 ms apart. The page notes each card's first appearance with a MutationObserver; both clocks
 * are the machine's. Target: p99 under 250 ms.
 */
export const tabletAlertBenchmark: Benchmark = {
  name: 'tablet-alert',
  async run(): Promise<Record<string, number | string>> {
    if (!existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH}` };
    const stationCount = Number(process.env.PACKGATE_BENCH_TABLET_STATIONS ?? 20);
    const rate = Number(process.env.PACKGATE_BENCH_TABLET_RATE ?? 5);
    const stops = Number(process.env.PACKGATE_BENCH_TABLET_STOPS ?? 200);
    // A pause between stops, so the page takes scans in between as it would on the floor.
    const gapMs = Number(process.env.PACKGATE_BENCH_TABLET_GAP_MS ?? 50);
    const dataDir = mkdtempSync(join(tmpdir(), 'packgate-bench-'));
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir });
    let browser: Browser | undefined;
    let fleet: Awaited<ReturnType<typeof startFleetInWorker>> | undefined;
    try {
      const token = await hub.createToken('bench manager', 'manager');
      const context = (): CommandContext => ({ now: new Date(), actor: { kind: 'system', id: 'bench' } });
      hub.execute({ type: 'setMapping', channel: 'taobao', channelSku: 'BENCH-SKU', masterSku: 'BENCH' }, context());
      for (let i = 0; i < stops; i += 1) {
        hub.execute(
          {
            type: 'createOrder',
            channel: 'taobao',
            orderNo: `T${i}`,
            waybill: `TW${i}`,
            label: { name: 'bench', phone: '13800000000', address: 'bench' },
            lines: [{ channelSku: 'BENCH-SKU', quantity: 1 }],
          },
          context(),
        );
      }
      const credentials = await provisionFleet(hub, stationCount);

      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
      const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' })).newPage();
      await page.goto(`${hub.httpUrl}/#token=${token}`);
      await page.locator('.connection.connected').waitFor();
      await page.evaluate(OBSERVE_CARDS);

      // Enough scans to outlast the stops; the worker is terminated when they are done.
      fleet = await startFleetInWorker({
        url: hub.mqttUrl,
        site: SITE,
        stations: stationCount,
        eventsPerStation: rate * 600,
        ratePerStation: rate,
        credentials,
        waitFor: 'published',
      });
      // Not awaited: the fleet's answer never comes once its worker is terminated below.
      void fleet.go().catch(() => undefined);
      const scansBefore = hub.health().ingest.accepted;
      const latencies: number[] = [];
      const started = performance.now();
      for (let i = 0; i < stops; i += 1) {
        const postedAt = performance.timeOrigin + performance.now();
        const response = await fetch(`${hub.httpUrl}/api/v1/stops`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ orderId: `taobao:T${i}`, reason: 'manual' }),
        });
        if (response.status !== 201) throw new Error(`stop refused: ${response.status} ${await response.text()}`);
        const { stop } = (await response.json()) as { stop: { id: string } };
        const alert = hub.domainState.alerts.findLast((a) => a.target.stopId === stop.id);
        if (!alert) throw new Error(`no alert for stop ${stop.id}`);
        const rendered = await page.waitForFunction(`window.__packgateRendered[${JSON.stringify(`a${alert.seq}`)}]`, undefined, { timeout: 10_000 });
        latencies.push(((await rendered.jsonValue()) as number) - postedAt);
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      const seconds = (performance.now() - started) / 1000;
      const scans = hub.health().ingest.accepted - scansBefore;
      return {
        stations: stationCount,
        stops,
        scans_during_run: scans,
        scans_per_s: Math.round(scans / seconds),
        api_to_rendered_p50_ms: round(percentile(latencies, 50)),
        api_to_rendered_p99_ms: round(percentile(latencies, 99)),
        api_to_rendered_max_ms: round(Math.max(...latencies)),
        target_p99_ms_max: 250,
      };
    } finally {
      await fleet?.terminate();
      await browser?.close();
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
