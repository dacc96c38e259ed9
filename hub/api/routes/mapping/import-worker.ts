import { parentPort, workerData } from 'node:worker_threads';
import { planSheet, type PlanInput } from './import-planner.js';

// The worker thread of `planSheetInWorker`: plans one upload and answers once.
parentPort!.postMessage(await planSheet(workerData as PlanInput));
