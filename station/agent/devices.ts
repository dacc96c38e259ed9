import { join } from 'node:path';
import type { ScaleHealth } from '../pack/index.js';
import type { WaybillQueueState } from '../printer/waybill/types.js';
import type { ScaleSource } from '../scale/source.js';
import { PrintStore } from '../store/print-store.js';
import type { PrintProgram } from './label-queues.js';
import type { StationOptions } from './options.js';

/** The scale as the release gate sees it: working or not, and the stable weight of a parcel on it now. */
export function scaleHealth(scale: ScaleSource): ScaleHealth {
  const latest = scale.latest();
  const weighed = latest !== undefined && latest.stable && latest.reading.grams > 0;
  return { ready: scale.status().state === 'ok', grams: weighed ? latest.reading.grams : null };
}

/** The print programs' queues, made with their saved state; their module is loaded only when one is configured. */
export async function openPrintPrograms(options: StationOptions): Promise<PrintProgram[]> {
  const specs = options.printPrograms ?? [];
  if (specs.length === 0) return [];
  const { WaybillPrintQueue } = await import('../printer/waybill/queue.js');
  return specs.map((spec) => {
    const { store, state } = PrintStore.open<WaybillQueueState>(join(options.dataDir, `print-queue-${spec.platform}.json`));
    return {
      platform: spec.platform,
      store,
      ...(state ? { state } : {}),
      create: (made) =>
        new WaybillPrintQueue({ ...options.programTiming, ...made, platform: spec.platform, url: spec.url, ...(spec.printer !== undefined ? { printer: spec.printer } : {}) }),
    };
  });
}
