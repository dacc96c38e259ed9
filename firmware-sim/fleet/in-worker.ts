import { Worker } from 'node:worker_threads';
import type { FleetOptions, FleetResult } from './fleet.js';

export interface WorkerFleet {
  /** Starts publishing; resolves with the fleet's own result. */
  go(): Promise<FleetResult>;
  terminate(): Promise<void>;
}

/** Connects a fleet inside a worker thread (compiled code only: the worker runs dist/ JavaScript). */
export async function startFleetInWorker(options: FleetOptions): Promise<WorkerFleet> {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: options });
  const message = (type: string) =>
    new Promise<{ type: string; result?: FleetResult }>((resolve, reject) => {
      const onMessage = (data: { type: string; result?: FleetResult }) => {
        if (data.type !== type) return;
        worker.off('message', onMessage);
        resolve(data);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  await message('ready');
  return {
    async go() {
      const done = message('result');
      worker.postMessage({ type: 'go' });
      return (await done).result!;
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
