import { PackgateError } from '../../common/errors.js';
import type { JobAct, JobState, PrintJobRecord } from './types.js';

/** What every print job has, a ZPL label's or a print program's: its id and bookkeeping. */
export interface BookedJob {
  readonly id: string;
  readonly taskId: string;
  readonly state: JobState;
  readonly attempts: number;
  /** ISO 8601 times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly unknownSince?: string;
}

/** A queue's persisted state: its jobs and the numbers they used. */
export interface BookState<R extends BookedJob> {
  readonly version: 1;
  readonly jobs: readonly R[];
  readonly lastSeq: Readonly<Record<string, number>>;
  readonly floor?: number;
}

/** Which state may follow which; anything else is a bug and throws JOB_STATE. */
export type Transitions = Readonly<Record<JobState, readonly JobState[]>>;

/** The ZPL queue's transitions (docs/printing.md). */
export const ZPL_TRANSITIONS: Transitions = {
  queued: ['sending', 'cancelled'],
  // Not confirmed yet: the printer has it (sent), printed it, may have it (unknown), or surely not (queued).
  sending: ['sent', 'printed', 'unknown', 'queued'],
  // In the printer's buffer: it prints, or the buffer emptied with no print (power cycle, cancel at the panel).
  sent: ['printed', 'queued'],
  unknown: ['sent', 'printed', 'queued'],
  printed: [],
  cancelled: [],
};

/** A task id becomes part of each job id (`TB123#1`) and of a ZPL comment: a narrow alphabet. */
const TASK_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Tasks whose last job number is remembered: as many as a station holds released tasks. An
 * older task's numbers are at most `floor`, so a job for it later (or for any task not
 * remembered) is numbered above `floor`: never reused, while the state the agent rewrites at
 * every queue event stays small. A number says a job is new, not how many its task had.
 */
export const REMEMBERED_TASKS = 500;

/** What a new job carries besides its id and bookkeeping. */
export type NewJob<R extends BookedJob = PrintJobRecord> = Omit<R, 'id' | 'taskId' | 'state' | 'attempts' | 'createdAt' | 'updatedAt'>;
/** What a transition may change. */
export type BookPatch<R extends BookedJob> = Partial<Omit<R, 'id' | 'taskId' | 'state' | 'createdAt' | 'updatedAt'>>;
export type JobPatch = Partial<Omit<PrintJobRecord, 'id' | 'taskId' | 'label' | 'zpl' | 'state' | 'createdAt' | 'updatedAt'>>;

/**
 * A print queue's jobs without I/O: ids, states and their allowed transitions, pruning, and the
 * plain JSON state the agent persists. Times come from the caller. The ZPL queue and the print
 * programs' queue each keep their own record type and transitions.
 */
export class JobBook<R extends BookedJob = PrintJobRecord> {
  readonly #jobs = new Map<string, R>();
  readonly #lastSeq = new Map<string, number>();
  /** The highest job number of any task no longer in `#lastSeq`. */
  #floor = 0;
  /** `#lastSeq` as the persisted state has it, made again only after it changes. */
  #lastSeqState: Readonly<Record<string, number>> | undefined;

  /**
   * Restores a persisted state. A job caught `sending` by a crash may have reached the printer,
   * so it comes back `unknown`, never `queued`.
   */
  constructor(
    state?: BookState<R>,
    now: Date = new Date(),
    private readonly next: Transitions = ZPL_TRANSITIONS,
  ) {
    this.#floor = Number.isSafeInteger(state?.floor) ? state!.floor! : 0;
    for (const [task, seq] of Object.entries(state?.lastSeq ?? {})) this.#remember(task, seq);
    for (const job of state?.jobs ?? []) {
      const restored: R =
        job.state === 'sending' ? { ...job, state: 'unknown', unknownSince: now.toISOString(), updatedAt: now.toISOString() } : job;
      this.#jobs.set(job.id, restored);
      const seq = Number(job.id.slice(job.id.lastIndexOf('#') + 1));
      if (Number.isInteger(seq) && seq > (this.#lastSeq.get(job.taskId) ?? 0)) this.#remember(job.taskId, seq);
    }
  }

  /** Adds a job as `queued`, numbered after every earlier job of its task. Throws BAD_TASK_ID. */
  add(taskId: string, make: (id: string) => NewJob<R>, now: Date): R {
    if (!TASK_ID.test(taskId)) throw new PackgateError('BAD_TASK_ID', `task id must be 1–64 of A–Z a–z 0–9 . _ : -, not "${taskId.slice(0, 80)}"`);
    const seq = (this.#lastSeq.get(taskId) ?? this.#floor) + 1;
    const id = `${taskId}#${seq}`;
    const at = now.toISOString();
    const job = { id, taskId, ...make(id), state: 'queued', attempts: 0, createdAt: at, updatedAt: at } as R;
    this.#remember(taskId, seq);
    this.#jobs.set(id, job);
    return job;
  }

  /** Throws JOB_NOT_FOUND. */
  get(id: string): R {
    const job = this.#jobs.get(id);
    if (!job) throw new PackgateError('JOB_NOT_FOUND', `no print job ${id}`);
    return job;
  }

  /** Moves a job to `state`, merging `patch`; throws JOB_STATE for a transition the table forbids. */
  update(id: string, state: JobState, now: Date, patch: BookPatch<R> = {}): R {
    const job = this.get(id);
    if (job.state !== state && !this.next[job.state].includes(state)) {
      throw new PackgateError('JOB_STATE', `print job ${id} cannot go from ${job.state} to ${state}`);
    }
    const next = { ...job, ...patch, state, updatedAt: now.toISOString() } as R;
    this.#jobs.set(id, next);
    return next;
  }

  /** Every job, oldest first. */
  jobs(): R[] {
    return [...this.#jobs.values()];
  }

  inState(...states: JobState[]): R[] {
    return this.jobs().filter((job) => states.includes(job.state));
  }

  /** The oldest job waiting to be sent. */
  nextQueued(): R | undefined {
    return this.jobs().find((job) => job.state === 'queued');
  }

  /** Drops the oldest finished (printed or cancelled) jobs beyond `keep`; job numbers are never reused. */
  prune(keep: number): void {
    const finished = this.inState('printed', 'cancelled');
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) this.#jobs.delete(job.id);
  }

  state(): BookState<R> {
    this.#lastSeqState ??= Object.fromEntries(this.#lastSeq);
    return { version: 1, jobs: this.jobs(), lastSeq: this.#lastSeqState, floor: this.#floor };
  }

  /** Remembers a task's last job number as the newest, forgetting the oldest task beyond REMEMBERED_TASKS. */
  #remember(taskId: string, seq: number): void {
    this.#lastSeqState = undefined;
    this.#lastSeq.delete(taskId);
    this.#lastSeq.set(taskId, seq);
    if (this.#lastSeq.size <= REMEMBERED_TASKS) return;
    const [oldest, oldestSeq] = this.#lastSeq.entries().next().value as [string, number];
    this.#lastSeq.delete(oldest);
    this.#floor = Math.max(this.#floor, oldestSeq);
  }
}

/** A person's reason for an act: required, trimmed, at most 200 characters. */
export function checkAct(act: { readonly by?: unknown; readonly reason?: unknown }, code: 'RESOLVE_NEEDS_REASON' | 'CANCEL_NEEDS_REASON' | 'REPRINT_NEEDS_REASON', what: string): { by: string; reason: string } {
  const reason = typeof act.reason === 'string' ? act.reason.trim() : '';
  const by = typeof act.by === 'string' ? act.by.trim() : '';
  if (reason.length === 0 || reason.length > 200) throw new PackgateError(code, `${what} needs a reason (1–200 characters)`);
  if (by.length === 0 || by.length > 64) throw new PackgateError(code, `${what} needs the id of the person asking`);
  return { by, reason };
}

/**
 * A person's word on a job in doubt, checked: a reason and a person (RESOLVE_NEEDS_REASON), and
 * the job `unknown` (JOB_STATE). Both queues take it the same way.
 */
export function resolution(
  job: BookedJob,
  verdict: { readonly printed: boolean; readonly by: string; readonly reason: string },
  now: Date,
): JobAct & { readonly printed: boolean } {
  const { by, reason } = checkAct(verdict, 'RESOLVE_NEEDS_REASON', 'resolving a print job');
  if (job.state !== 'unknown') throw new PackgateError('JOB_STATE', `print job ${job.id} is not unknown`);
  return { by, reason, at: now.toISOString(), printed: verdict.printed };
}

/** A person's withdrawal of a job not yet sent, checked: a reason and a person (CANCEL_NEEDS_REASON), and the job `queued` (JOB_STATE). */
export function cancellation(job: BookedJob, act: { readonly by: string; readonly reason: string }, now: Date): JobAct {
  const { by, reason } = checkAct(act, 'CANCEL_NEEDS_REASON', 'cancelling a print job');
  if (job.state !== 'queued') throw new PackgateError('JOB_STATE', `print job ${job.id} is no longer queued`);
  return { by, reason, at: now.toISOString() };
}
