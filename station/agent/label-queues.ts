import type { DeviceStatus } from '../../protocol/index.js';
import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import type { PackParcel } from '../pack/index.js';
import type { PrintEvent } from '../printer/events.js';
import type { PrintQueue } from '../printer/queue.js';
import type { LabelData, PrintJobRecord } from '../printer/types.js';
import type { WaybillPrintQueue } from '../printer/waybill/queue.js';
import type { WaybillJobRecord, WaybillPrintEvent, WaybillPrintQueueOptions, WaybillQueueState } from '../printer/waybill/types.js';
import type { PrintStore } from '../store/print-store.js';

/** A label queue of the station: the ZPL printer's, or one platform's print program's. */
export type LabelQueue = PrintQueue | WaybillPrintQueue;
export type LabelJob = PrintJobRecord | WaybillJobRecord;
export type LabelQueueEvent = PrintEvent | WaybillPrintEvent;

/**
 * A print program the station drives: the agent imports the queue's module only when one is
 * configured, and hands the driver a way to make the queue with the driver's own listener.
 */
export interface PrintProgram {
  readonly platform: WaybillPlatform;
  readonly store: PrintStore<WaybillQueueState>;
  readonly state?: WaybillQueueState;
  create(options: Pick<WaybillPrintQueueOptions, 'onEvent' | 'state'>): WaybillPrintQueue;
}

export function isProgramQueue(queue: LabelQueue): queue is WaybillPrintQueue {
  return 'platform' in queue;
}

/** What a parcel's label is made of: the station's own ZPL label, or the platform's print data. */
export interface LabelSource {
  readonly label: LabelData;
  readonly parcel: PackParcel;
}

/** Queues a parcel's label on its queue: the ZPL queue renders `label`; a print program gets the parcel's print data. */
export function printOn(queue: LabelQueue, key: string, source: LabelSource): LabelJob {
  if (!isProgramQueue(queue)) return queue.print(key, source.label);
  // The queue checks the print data (BAD_PRINT_DATA, WRONG_PLATFORM) and refuses it loudly.
  return queue.print(key, { waybill: source.parcel.waybill, print: source.parcel.print! });
}

/** Queues a printed job's label again, marked as a reprint: a print program needs the print data again. */
export function reprintOn(queue: LabelQueue, jobId: string, act: { readonly by: string; readonly reason: string }, source: LabelSource): LabelJob {
  if (!isProgramQueue(queue)) return queue.reprint(jobId, act);
  return queue.reprint(jobId, { ...act, ...(source.parcel.print ? { print: source.parcel.print } : {}) });
}

export function deviceOf(queue: LabelQueue): DeviceStatus {
  return queue.status().device;
}
