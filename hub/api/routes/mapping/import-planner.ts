import { Worker } from 'node:worker_threads';
import { planMappingImport, type ImportMode, type ImportPlan, type MappingIoErrorCode, type MappingRef, type Problem } from '../../../mapping/catalog/index.js';
import { planView, readUploadedSheet, type PlanView, type SheetFormat } from './import-plan.js';

/** What planning an upload needs: the sheet's bytes and the table as it is. */
export interface PlanInput {
  readonly format: SheetFormat;
  readonly bytes: Uint8Array;
  readonly current: readonly MappingRef[];
  readonly mode: ImportMode;
}

/** The plan (to apply) and its view (to answer), or why the sheet cannot be read. */
export type PlanOutput = { readonly ok: true; readonly plan: ImportPlan; readonly view: PlanView } | Problem<MappingIoErrorCode>;

/** Reads the sheet and plans it against the table, in this thread. */
export async function planSheet(input: PlanInput): Promise<PlanOutput> {
  const sheet = await readUploadedSheet(input.format, input.bytes);
  if (!sheet.ok) return sheet;
  const plan = planMappingImport(input.current, sheet, input.mode);
  return { ok: true, plan, view: planView(plan) };
}

/**
 * {@link planSheet} in a worker thread of its own, so the hub keeps serving stations while a
 * large sheet is read and planned (seconds for 100,000 rows). Compiled code only: the worker
 * runs `import-worker.js` beside this file.
 */
export function planSheetInWorker(input: PlanInput): Promise<PlanOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.js', import.meta.url), { workerData: input });
    worker.once('message', (output: PlanOutput) => {
      resolve(output);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the import worker exited with ${code} before answering`)));
  });
}

/** Where the hub plans an import: in a worker when it runs compiled, in-process from sources (tests). */
export const planImport: (input: PlanInput) => Promise<PlanOutput> = import.meta.url.endsWith('.js') ? planSheetInWorker : planSheet;
