import type { Logger } from '../../../common/log.js';
import type { DeviceStatus } from '../../../protocol/schemas.js';
import type { WaybillPrintData } from '../../../protocol/waybill.js';
import type { WaybillPlatform } from '../../../protocol/waybill-vocabulary.js';
import type { BookState } from '../queue-state.js';
import type { JobAct, JobState } from '../types.js';

/**
 * One platform e-waybill (电子面单) to print through its platform's print program, as plain JSON.
 * States are the ZPL queue's; docs/printing.md says what each means here.
 */
export interface WaybillJobRecord {
  /** `{taskId}#{n}`: the task's n-th label, reprints included. */
  readonly id: string;
  readonly taskId: string;
  readonly platform: WaybillPlatform;
  /** The parcel's waybill (a child waybill where the carrier uses them). */
  readonly waybill: string;
  /** The program's `documentID`: the print data's, else the waybill. */
  readonly documentId: string;
  /**
   * The program's `taskID` of the latest send: the job id and the attempt (`TB123#1.2`), so a
   * send made again after proof is told apart from the first.
   */
  readonly programTaskId?: string;
  readonly state: JobState;
  /** How many times a print request was handed to the connection. */
  readonly attempts: number;
  /** ISO 8601 times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the program accepted the latest print request. */
  readonly sentAt?: string;
  /** When the program said it rendered the document (not printed). */
  readonly renderedAt?: string;
  /** When the job became `unknown`. */
  readonly unknownSince?: string;
  readonly lastError?: { readonly code: string; readonly message: string; readonly at: string };
  /** Set on a reprint: the job it reprints, and who asked why. */
  readonly reprintOf?: string;
  readonly reprint?: JobAct;
  /** Set when a person resolved an `unknown` job. */
  readonly resolved?: JobAct & { readonly printed: boolean };
  readonly cancelled?: JobAct;
  /**
   * The platform's print data, opaque: never logged, never in a status. Dropped from the record
   * once the job is printed or cancelled.
   */
  readonly print?: WaybillPrintData;
}

/** The queue's whole state, for the agent to persist and hand back at start. */
export type WaybillQueueState = BookState<WaybillJobRecord>;

/** The print program as the packer's screen and the hub see it. */
export interface WaybillStatusReport {
  /** `kind` is the platform (`cainiao`, `pdd`, `douyin`, `kuaishou`). */
  readonly device: DeviceStatus;
  /** Messages from the program that were not used, by reason (messages.ts RejectReason). */
  readonly rejected: Readonly<Record<string, number>>;
}

/** Why the queue holds a job printed: the program's `printed` result for it, or a person. */
export type WaybillPrintedProof = 'program' | 'person';
/**
 * Why the queue may send a job again: the program reported its document failed (or refused the
 * request), or a person said it did not print.
 */
export type WaybillRetryProof = 'program-failed' | 'person';

/** The ZPL queue's event vocabulary (events.ts), with this queue's jobs and proofs. */
export type WaybillPrintEvent =
  | { readonly type: 'queued'; readonly job: WaybillJobRecord }
  /**
   * The print request is about to leave. The queue sends it only after the listener returns, and
   * not at all if it throws: persist the state here, synchronously.
   */
  | { readonly type: 'sending'; readonly job: WaybillJobRecord }
  /** The program accepted the print request; this says nothing about printing. */
  | { readonly type: 'sent'; readonly job: WaybillJobRecord }
  | { readonly type: 'printed'; readonly job: WaybillJobRecord; readonly proof: WaybillPrintedProof }
  /**
   * A send went wrong. `not-sent`: the request never reached the program, or the program refused
   * it; the job stays queued. `unknown`: it may be printing; it is not sent again without proof.
   */
  | { readonly type: 'failed'; readonly job: WaybillJobRecord; readonly outcome: 'not-sent' | 'unknown'; readonly code: string; readonly message: string }
  /** A sent or unknown job is queued again, with the proof that it did not print. */
  | { readonly type: 'retry'; readonly job: WaybillJobRecord; readonly proof: WaybillRetryProof }
  /** Nothing the program says proves whether an `unknown` job printed: a person must look and `resolve()` it. */
  | { readonly type: 'needs-person'; readonly job: WaybillJobRecord }
  | { readonly type: 'reprint'; readonly job: WaybillJobRecord; readonly of: string; readonly by: string; readonly reason: string }
  | { readonly type: 'cancelled'; readonly job: WaybillJobRecord; readonly by: string; readonly reason: string }
  | { readonly type: 'status'; readonly status: WaybillStatusReport };

/** What `print()` takes: one parcel. */
export interface WaybillDoc {
  readonly waybill: string;
  readonly print: WaybillPrintData;
}

export interface WaybillPrintQueueOptions {
  readonly platform: WaybillPlatform;
  /** `ws://` or `wss://` address of the program (dialects.ts has each one's default). */
  readonly url: string;
  /** The printer's name as the program lists it; absent: the program's default printer. */
  readonly printer?: string;
  /** Called for every event, in order, for the agent to journal. */
  readonly onEvent?: (event: WaybillPrintEvent) => void;
  /** A state from `state()` to carry on from. */
  readonly state?: WaybillQueueState;
  /** How long the program may take to answer a request (default 10000 ms). */
  readonly replyTimeoutMs?: number;
  /** How long after accepting a print the program may take to report its result (default 60000 ms). */
  readonly resultTimeoutMs?: number;
  /** How often to ask the program about jobs in doubt (default 5000 ms). */
  readonly pollMs?: number;
  /** Wait before sending again after a failed result: growing from min to max (default 2000–30000 ms). */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  /** Wait before connecting again: growing from min to max (default 500–10000 ms). */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** Printed and cancelled jobs kept in the state (default 200). */
  readonly keepFinished?: number;
  /** The module logger by default; tests pass their own to read what is logged. */
  readonly logger?: Logger;
}
