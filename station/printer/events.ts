import type { PrinterStatusReport } from './printer-status.js';
import type { PrintJobRecord } from './types.js';

/** Why the queue holds a job printed. */
export type PrintedProof = 'status' | 'odometer' | 'written' | 'person';
/** Why the queue may send a job's bytes again. */
export type RetryProof = 'not-sent' | 'odometer-still' | 'partial-cancelled' | 'person';

/**
 * Everything the queue does, for the agent to journal. Each event carries the job as it is
 * after the change.
 */
export type PrintEvent =
  | { readonly type: 'queued'; readonly job: PrintJobRecord }
  /**
   * The job's bytes are about to leave. The queue sends them only after the listener returns,
   * and not at all if it throws: persist the state here, synchronously, and a crash can never
   * turn a job that may have printed back into a queued one.
   */
  | { readonly type: 'sending'; readonly job: PrintJobRecord }
  /** The printer has the job's bytes (a status answer after them proved it). */
  | { readonly type: 'sent'; readonly job: PrintJobRecord }
  | { readonly type: 'printed'; readonly job: PrintJobRecord; readonly proof: PrintedProof }
  /**
   * A send went wrong. `not-sent`: no byte left, the job stays queued. `unknown`: bytes may have
   * reached the printer; the job is not sent again without proof it did not print.
   */
  | { readonly type: 'failed'; readonly job: PrintJobRecord; readonly outcome: 'not-sent' | 'unknown'; readonly code: string; readonly message: string }
  /** An `unknown` or `sent` job is queued again, with the proof that it did not print. */
  | { readonly type: 'retry'; readonly job: PrintJobRecord; readonly proof: Exclude<RetryProof, 'not-sent'> }
  /** Nothing can prove whether an `unknown` job printed: a person must look and `resolve()` it. */
  | { readonly type: 'needs-person'; readonly job: PrintJobRecord }
  | { readonly type: 'reprint'; readonly job: PrintJobRecord; readonly of: string; readonly by: string; readonly reason: string }
  | { readonly type: 'cancelled'; readonly job: PrintJobRecord; readonly by: string; readonly reason: string }
  | { readonly type: 'status'; readonly status: PrinterStatusReport };
