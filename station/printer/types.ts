/** One verified order line: the warehouse SKU and how many units the packer scanned for it. */
export interface VerifiedLine {
  readonly sku: string;
  readonly quantity: number;
}

/** Where the parcel goes. The phone is printed masked except its last four digits. */
export interface ShipTo {
  readonly name: string;
  readonly phone: string;
  /** The whole address, Chinese or Latin; the renderer wraps it onto up to three lines. */
  readonly address: string;
}

/** The proof printed in the label's verification box: which station verified which lines, and when. */
export interface Verification {
  readonly station: string;
  /** ISO 8601 time the order was fully verified. */
  readonly at: string;
  readonly lines: readonly VerifiedLine[];
}

/** Everything a shipping label shows. Every string is field data and is escaped, never trusted as ZPL. */
export interface LabelData {
  /** The order (or pack task) number, e.g. `TB123`. */
  readonly orderId: string;
  /** The carrier's waybill number, printed as Code 128; printable ASCII only. */
  readonly waybill: string;
  /** Carrier name printed above the barcode, e.g. `SF Express 顺丰`. */
  readonly carrier?: string;
  readonly shipTo: ShipTo;
  /** The packer's id. */
  readonly packer: string;
  readonly verification: Verification;
}

/**
 * Where a print job is. `unknown` means its bytes may have reached the printer but nothing
 * proved whether the label came out; see docs/printing.md for how it is resolved.
 */
export type JobState = 'queued' | 'sending' | 'sent' | 'printed' | 'unknown' | 'cancelled';

/** A person's act on a job: who and why. */
export interface JobAct {
  readonly by: string;
  readonly reason: string;
  /** ISO 8601. */
  readonly at: string;
}

/** The printer's print-length odometer (`~HQOD` TOTAL NONRESETTABLE) at one moment. */
export interface OdometerReading {
  readonly total: number;
  /** As the printer prints it: `"` (inches) or `cm`. */
  readonly unit: string;
}

/** One print job, as plain JSON: the queue's state is a list of these. */
export interface PrintJobRecord {
  /** `{taskId}#{n}`: the task's n-th label, reprints included. */
  readonly id: string;
  readonly taskId: string;
  readonly label: LabelData;
  /** The exact bytes sent (and re-sent only with proof the first send printed nothing). */
  readonly zpl: string;
  readonly state: JobState;
  /** How many times the bytes were handed to the transport. */
  readonly attempts: number;
  /** ISO 8601 times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The odometer just before the latest send, when the printer answers `~HQOD`. */
  readonly odometerBefore?: OdometerReading;
  /** When the job became `unknown`; resolution waits until the connection has settled. */
  readonly unknownSince?: string;
  readonly lastError?: { readonly code: string; readonly message: string; readonly at: string };
  /** Set on a reprint: the job it reprints, and who asked why. */
  readonly reprintOf?: string;
  readonly reprint?: JobAct;
  /** Set when a person resolved an `unknown` job or cancelled a queued one. */
  readonly resolved?: JobAct & { readonly printed: boolean };
  readonly cancelled?: JobAct;
}

/** The queue's whole state, for the agent to persist and hand back at start. */
export interface PrintQueueState {
  readonly version: 1;
  readonly jobs: readonly PrintJobRecord[];
  /** The last job number used per task, for the newest tasks (queue-state.ts REMEMBERED_TASKS). */
  readonly lastSeq: Readonly<Record<string, number>>;
  /** Every job number of a task not in `lastSeq` is at most this (absent: 0), so ids never repeat. */
  readonly floor?: number;
}
