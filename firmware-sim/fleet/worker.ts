import { parentPort, workerData } from 'node:worker_threads';
import { Fleet, type FleetOptions } from './fleet.js';

/**
 * Runs a fleet in a worker thread, so that the stations do not share a core with the
 * broker and hub being measured. Protocol: posts `ready`, waits for `go`, posts the result.
 */
const fleet = await Fleet.connect(workerData as FleetOptions);
parentPort!.postMessage({ type: 'ready' });
parentPort!.once('message', async () => {
  const result = await fleet.run();
  await fleet.close();
  parentPort!.postMessage({ type: 'result', result });
});
