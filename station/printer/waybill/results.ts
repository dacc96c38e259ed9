import type { Transitions } from '../queue-state.js';
import type { DocumentOutcome, ProgramMessage } from './messages.js';
import type { WaybillJobRecord } from './types.js';

/**
 * The ZPL queue's states, with the print programs' ways between them: a `sent` job (accepted by
 * the program) goes `unknown` when its result does not come or the connection drops, and back
 * to `queued` on the program's `failed` result for its document.
 */
export const WAYBILL_TRANSITIONS: Transitions = {
  queued: ['sending', 'cancelled'],
  sending: ['sent', 'printed', 'unknown', 'queued'],
  sent: ['printed', 'queued', 'unknown'],
  unknown: ['printed', 'queued'],
  printed: [],
  cancelled: [],
};

/** What a program's print result says for the queue's jobs. */
export type ResultMatch =
  /** The result of a job's latest attempt, for its document. */
  | { readonly kind: 'job'; readonly job: WaybillJobRecord; readonly doc: DocumentOutcome }
  /** For an earlier attempt of one of the queue's jobs. */
  | { readonly kind: 'stale' }
  /** For a job's latest attempt, without its document. */
  | { readonly kind: 'unknown-document' }
  /** For a job already printed, withdrawn or back in the queue. */
  | { readonly kind: 'settled' }
  /** For a task that is not the queue's. */
  | { readonly kind: 'not-ours' };

/** Finds the job and document a print result is about (a program task id is `<job id>.<attempt>`); pure. */
export function matchResult(jobs: readonly WaybillJobRecord[], message: Extract<ProgramMessage, { kind: 'print-result' }>): ResultMatch {
  const job = jobs.find((candidate) => candidate.programTaskId === message.taskId);
  if (!job) {
    const owner = message.taskId.slice(0, message.taskId.lastIndexOf('.'));
    return jobs.some((candidate) => candidate.id === owner) ? { kind: 'stale' } : { kind: 'not-ours' };
  }
  if (job.state !== 'sending' && job.state !== 'sent' && job.state !== 'unknown') return { kind: 'settled' };
  const doc = message.documents.find((entry) => entry.documentId === job.documentId);
  return doc ? { kind: 'job', job, doc } : { kind: 'unknown-document' };
}

/** The job's document in the program's answer to `getTaskStatus`, if the program knows it; pure. */
export function statusOfDocument(reply: ProgramMessage | undefined, job: WaybillJobRecord): DocumentOutcome | undefined {
  const task = reply?.kind === 'task-status' ? reply.tasks.find((entry) => entry.taskId === job.programTaskId) : undefined;
  return task?.documents.find((entry) => entry.documentId === job.documentId);
}
