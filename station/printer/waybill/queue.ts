import { Backoff } from '../../../common/backoff.js';
import { PackgateError, errorMessage } from '../../../common/errors.js';
import { createLogger, type Logger } from '../../../common/log.js';
import type { WaybillPrintData } from '../../../protocol/waybill.js';
import { Pump } from '../pump.js';
import { JobBook, cancellation, checkAct, resolution, type BookPatch } from '../queue-state.js';
import type { JobState } from '../types.js';
import { ProgramClient, type ConnectionLoss } from './client.js';
import { dialectOf, type ProgramDialect } from './dialects.js';
import type { DocumentOutcome, ProgramMessage } from './messages.js';
import { checkPrintDoc } from './print-data.js';
import { checkPrinters } from './program-status.js';
import { ProgramWatch } from './program-watch.js';
import { getPrintersRequest, getTaskStatusRequest, printRequest } from './requests.js';
import { PendingRequests } from './requests-pending.js';
import { ResultTimers } from './result-timers.js';
import { WAYBILL_TRANSITIONS, matchResult, statusOfDocument } from './results.js';
import type { WaybillDoc, WaybillJobRecord, WaybillPrintEvent, WaybillPrintQueueOptions, WaybillQueueState, WaybillStatusReport } from './types.js';

export type * from './types.js';

interface Timing {
  readonly reply: number;
  readonly result: number;
  readonly poll: number;
  readonly keep: number;
}

/**
 * Waybills for one platform's print program, sent one at a time, each judged printed only on the
 * program's `printed` result for that task and document, and never sent again under a new task
 * id unless the program (or a person) said the first did not print. docs/printing.md states the
 * guarantee; the API is PrintQueue's, so the agent can drive either.
 */
export class WaybillPrintQueue {
  readonly platform: WaybillPrintQueueOptions['platform'];
  readonly url: string;
  readonly printer: string | undefined;
  readonly #dialect: ProgramDialect;
  readonly #book: JobBook<WaybillJobRecord>;
  readonly #client: ProgramClient;
  readonly #pump: Pump;
  readonly #timing: Timing;
  readonly #log: Logger;
  readonly #retry: Backoff;
  readonly #requests: PendingRequests;
  readonly #watch: ProgramWatch;
  readonly #resultTimers = new ResultTimers();
  readonly #needsPerson = new Set<string>();
  /** No print is sent before this time (epoch ms): the backoff after a failed result. */
  #holdUntil = 0;
  /** Jobs in doubt are asked about again at this time (epoch ms). */
  #askAt = 0;
  #closed = false;

  constructor(private readonly options: WaybillPrintQueueOptions) {
    this.platform = options.platform;
    this.url = options.url;
    this.printer = options.printer;
    this.#dialect = dialectOf(options.platform);
    this.#log = options.logger ?? createLogger('station.printer.waybill');
    this.#timing = {
      reply: options.replyTimeoutMs ?? 10_000,
      result: options.resultTimeoutMs ?? 60_000,
      poll: options.pollMs ?? 5000,
      keep: options.keepFinished ?? 200,
    };
    this.#retry = new Backoff(options.retryMinMs ?? 2000, options.retryMaxMs ?? 30_000);
    const foreign = options.state?.jobs.find((job) => job.platform !== options.platform);
    if (foreign) throw new PackgateError('BAD_QUEUE_STATE', `job ${foreign.id} is for ${foreign.platform}, not ${options.platform}`);
    const now = new Date();
    this.#book = new JobBook(options.state, now, WAYBILL_TRANSITIONS);
    // The result of a job the program had accepted went to a connection that is gone.
    for (const job of this.#book.inState('sent')) this.#book.update(job.id, 'unknown', now, { unknownSince: now.toISOString() });
    this.#watch = new ProgramWatch({ platform: this.platform, name: this.#dialect.name, url: this.url, log: this.#log, onReport: (status) => this.#emit({ type: 'status', status }) });
    this.#client = new ProgramClient({
      dialect: this.#dialect,
      url: options.url,
      onOpen: () => this.#opened(),
      onClose: (loss) => this.#lost(loss),
      onMessage: (message) => this.#received(message),
      reconnectMinMs: options.reconnectMinMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 10_000,
      log: this.#log,
    });
    this.#requests = new PendingRequests((text) => this.#client.send(text), `the ${this.#dialect.name} print program`);
    this.#pump = new Pump(() => this.#step(), () => this.#nextDelay(), this.#log);
  }

  /** Connects to the program and starts sending jobs. */
  start(): void {
    this.#client.start();
    this.#pump.start();
  }

  /** Stops and disconnects; jobs stay as they are in `state()`. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#client.close();
    this.#requests.failAll('the print queue closed');
    await this.#pump.close();
    this.#resultTimers.clearAll();
  }

  /**
   * Queues one parcel's waybill as the task's next job. Throws BAD_TASK_ID, BAD_PRINT_DATA,
   * WRONG_PLATFORM or PRINT_DATA_TOO_LARGE.
   */
  print(taskId: string, doc: WaybillDoc): WaybillJobRecord {
    const checked = checkPrintDoc(this.platform, doc?.waybill, doc?.print);
    const job = this.#book.add(taskId, () => ({ platform: this.platform, ...checked }), new Date());
    return this.#queued(job);
  }

  /**
   * Queues a printed job's waybill again, marked as a reprint: needs a person, a reason
   * (REPRINT_NEEDS_REASON) and the print data again (REPRINT_NEEDS_PRINT_DATA), which the
   * printed job no longer holds.
   */
  reprint(jobId: string, act: { readonly by: string; readonly reason: string; readonly print?: WaybillPrintData }): WaybillJobRecord {
    const { by, reason } = checkAct(act, 'REPRINT_NEEDS_REASON', 'a reprint');
    const original = this.#book.get(jobId);
    if (original.state !== 'printed') throw new PackgateError('JOB_STATE', `print job ${jobId} is ${original.state}; only a printed waybill can be reprinted`);
    if (act.print === undefined) throw new PackgateError('REPRINT_NEEDS_PRINT_DATA', `a reprint of ${jobId} needs its print data again`);
    const checked = checkPrintDoc(this.platform, original.waybill, act.print);
    const at = new Date();
    const job = this.#book.add(
      original.taskId,
      () => ({ platform: this.platform, ...checked, reprintOf: original.id, reprint: { by, reason, at: at.toISOString() } }),
      at,
    );
    this.#emit({ type: 'reprint', job, of: original.id, by, reason });
    return this.#queued(job);
  }

  /** A person's word on an `unknown` job: it came out (printed), or it did not (queued to send again). */
  resolve(jobId: string, verdict: { readonly printed: boolean; readonly by: string; readonly reason: string }): WaybillJobRecord {
    const resolved = resolution(this.#book.get(jobId), verdict, new Date());
    this.#needsPerson.delete(jobId);
    const job = this.#move(jobId, verdict.printed ? 'printed' : 'queued', { resolved });
    this.#emit(verdict.printed ? { type: 'printed', job, proof: 'person' } : { type: 'retry', job, proof: 'person' });
    this.#pump.kick();
    return job;
  }

  /** Withdraws a job not yet sent (a stop or freeze arrived). */
  cancel(jobId: string, act: { readonly by: string; readonly reason: string }): WaybillJobRecord {
    const cancelled = cancellation(this.#book.get(jobId), act, new Date());
    const job = this.#move(jobId, 'cancelled', { cancelled });
    this.#emit({ type: 'cancelled', job, by: cancelled.by, reason: cancelled.reason });
    return job;
  }

  /** Every job, oldest first: queued, in flight, unknown, and the last finished ones. */
  jobs(): readonly WaybillJobRecord[] {
    return this.#book.jobs();
  }

  /** The whole state as plain JSON, to persist and pass back as `options.state`. */
  state(): WaybillQueueState {
    return this.#book.state();
  }

  /** The program as last seen, and the count of its messages that were not used. */
  status(): WaybillStatusReport {
    return this.#watch.report;
  }

  #queued(job: WaybillJobRecord): WaybillJobRecord {
    this.#emit({ type: 'queued', job });
    this.#pump.kick();
    return job;
  }

  // --- the connection ---------------------------------------------------------------------

  #opened(): void {
    this.#askAt = 0;
    this.#watch.opened();
    this.#pump.kick();
  }

  #lost(loss: ConnectionLoss): void {
    this.#watch.lost(loss.reason);
    this.#requests.failAll(`connection to the ${this.#dialect.name} print program lost (${loss.reason})`);
    // Its result was to come on this connection: whether it printed is now a question for the program.
    for (const job of this.#book.inState('sent')) {
      this.#doubt(job, 'PROGRAM_IO', `connection lost (${loss.reason}) before the program's result`);
    }
    this.#watch.refresh();
  }

  #received(message: ProgramMessage): void {
    switch (message.kind) {
      case 'unknown':
        this.#watch.reject(message.reason, { cmd: message.cmd, detail: message.detail });
        return;
      case 'notice':
        return;
      case 'print-result':
        this.#onResult(message);
        return;
      default:
        if (!this.#requests.answer(message)) this.#log.debug({ kind: message.kind }, 'a reply nobody waits for');
    }
  }

  // --- the rounds -------------------------------------------------------------------------

  #inFlight(): boolean {
    return this.#book.inState('sending', 'sent', 'unknown').some((job) => !this.#needsPerson.has(job.id));
  }

  #nextDelay(): number {
    if (this.#closed || !this.#watch.connected) return 0;
    const now = Date.now();
    if (this.#book.inState('unknown').length > 0) return Math.max(1, this.#askAt - now);
    if (this.#book.nextQueued() && !this.#inFlight()) return Math.max(1, this.#holdUntil - now);
    return 0;
  }

  /** One round: check the printer once per connection, ask about jobs in doubt, then send the next job if none is in flight. */
  async #step(): Promise<void> {
    if (!this.#client.connected) return;
    if (!this.#watch.printersAsked) await this.#askPrinters();
    const doubtful = this.#book.inState('unknown');
    if (doubtful.length > 0 && Date.now() >= this.#askAt) await this.#ask(doubtful);
    if (!this.#client.connected || this.#inFlight() || Date.now() < this.#holdUntil) return;
    const next = this.#book.nextQueued();
    if (next) await this.#send(next);
  }

  async #askPrinters(): Promise<void> {
    this.#watch.askingPrinters();
    let reply: ProgramMessage;
    try {
      reply = await this.#requests.request((id) => getPrintersRequest(id), this.#timing.reply);
    } catch (err) {
      this.#watch.printersChecked({ ok: false, problem: `no printer list: ${errorMessage(err)}` });
      return;
    }
    this.#watch.printersChecked(checkPrinters(reply, this.printer));
  }

  async #send(queued: WaybillJobRecord): Promise<void> {
    const attempts = queued.attempts + 1;
    const job = this.#move(queued.id, 'sending', {
      attempts,
      programTaskId: `${queued.id}.${attempts}`,
      sentAt: undefined,
      renderedAt: undefined,
      unknownSince: undefined,
    });
    if (!this.#emit({ type: 'sending', job })) {
      this.#move(job.id, 'queued', { attempts: queued.attempts, programTaskId: queued.programTaskId });
      return;
    }
    const doc = { taskId: job.programTaskId!, documentId: job.documentId, waybill: job.waybill, contents: job.print?.contents ?? [], printer: this.printer };
    try {
      // Handled as it arrives: the program's result may follow its reply in the same breath.
      await this.#requests.request((id) => printRequest(this.#dialect, id, doc), this.#timing.reply, (reply) => this.#answered(job.id, reply));
    } catch (err) {
      this.#sendFailed(job.id, err);
    }
  }

  /** The program's reply to a print request. */
  #answered(jobId: string, reply: ProgramMessage): void {
    if (this.#book.get(jobId).state !== 'sending') return;
    if (reply.kind === 'print-accepted') {
      const sent = this.#move(jobId, 'sent', { sentAt: new Date().toISOString() });
      this.#emit({ type: 'sent', job: sent });
      this.#resultTimers.arm(jobId, this.#timing.result, () => {
        const now = this.#book.get(jobId);
        if (now.state === 'sent' && now.programTaskId === sent.programTaskId) {
          this.#doubt(now, 'PROGRAM_NO_RESULT', `no result from the program in ${this.#timing.result} ms`);
        }
      });
      return;
    }
    // The program refused the task (a wrong printer, data it cannot read): it took nothing to print.
    const message = reply.kind === 'error' ? reply.detail : `unexpected ${reply.kind} reply`;
    const back = this.#move(jobId, 'queued', { lastError: { code: 'PROGRAM_REFUSED', message, at: new Date().toISOString() } });
    this.#emit({ type: 'failed', job: back, outcome: 'not-sent', code: 'PROGRAM_REFUSED', message });
    this.#hold(`print refused: ${message}`);
  }

  #sendFailed(jobId: string, err: unknown): void {
    const job = this.#book.get(jobId);
    if (job.state !== 'sending') return;
    const code = err instanceof PackgateError ? err.code : 'PROGRAM_IO';
    const message = errorMessage(err);
    if (code === 'PROGRAM_UNREACHABLE') {
      const back = this.#move(jobId, 'queued', { lastError: { code, message, at: new Date().toISOString() } });
      this.#emit({ type: 'failed', job: back, outcome: 'not-sent', code, message });
      return;
    }
    this.#doubt(job, code, message);
  }

  /** A job that may be printing, with nothing to say whether it did: `unknown`, and the program is asked. */
  #doubt(job: WaybillJobRecord, code: string, message: string): void {
    this.#resultTimers.clear(job.id);
    const at = new Date().toISOString();
    const doubtful = this.#move(job.id, 'unknown', { lastError: { code, message, at }, unknownSince: at });
    this.#askAt = 0;
    this.#log.warn({ job: job.id, task: job.programTaskId, code }, 'print job outcome unknown');
    this.#emit({ type: 'failed', job: doubtful, outcome: 'unknown', code, message });
    this.#pump.kick();
  }

  /** Asks the program about jobs in doubt: `getTaskStatus` for their program task ids. */
  async #ask(jobs: readonly WaybillJobRecord[]): Promise<void> {
    this.#askAt = Date.now() + this.#timing.poll;
    const ids = jobs.map((job) => job.programTaskId).filter((id): id is string => id !== undefined);
    let reply: ProgramMessage | undefined;
    if (ids.length > 0) {
      try {
        reply = await this.#requests.request((id) => getTaskStatusRequest(id, ids), this.#timing.reply);
      } catch (err) {
        // Asked again on the next connection; a program that stays silent leaves it to a person.
        if (!this.#client.connected) return;
        this.#log.warn({ err: errorMessage(err) }, 'getTaskStatus not answered');
      }
    }
    for (const asked of jobs) {
      const job = this.#book.get(asked.id);
      if (job.state !== 'unknown' || job.programTaskId !== asked.programTaskId) continue;
      const doc = statusOfDocument(reply, job);
      // Not known to the program (restarted, or never got it) proves nothing either way.
      if (!doc) this.#askPerson(job);
      else this.#apply(job, doc);
    }
  }

  #askPerson(job: WaybillJobRecord): void {
    if (this.#needsPerson.has(job.id)) return;
    this.#needsPerson.add(job.id);
    this.#emit({ type: 'needs-person', job });
    this.#pump.kick();
  }

  // --- results ----------------------------------------------------------------------------

  #onResult(message: Extract<ProgramMessage, { kind: 'print-result' }>): void {
    const match = matchResult(this.#book.jobs(), message);
    switch (match.kind) {
      case 'job':
        return this.#apply(match.job, match.doc);
      case 'stale':
        return this.#watch.reject('STALE_RESULT', { task: message.taskId });
      case 'unknown-document':
        return this.#watch.reject('UNKNOWN_DOCUMENT', { task: message.taskId });
      case 'not-ours':
        return void this.#log.debug({ task: message.taskId }, 'a result for a task that is not ours');
      case 'settled':
        return;
    }
  }

  /** What one document's outcome, for the job's latest attempt, does to the job. */
  #apply(job: WaybillJobRecord, doc: DocumentOutcome): void {
    switch (doc.status) {
      case 'printed': {
        this.#resultTimers.clear(job.id);
        this.#needsPerson.delete(job.id);
        const printed = this.#move(job.id, 'printed');
        this.#retry.reset();
        this.#holdUntil = 0;
        this.#watch.printed();
        this.#emit({ type: 'printed', job: printed, proof: 'program' });
        this.#pump.kick();
        return;
      }
      case 'failed': {
        this.#resultTimers.clear(job.id);
        this.#needsPerson.delete(job.id);
        const message = doc.detail ?? 'the program reported the print failed';
        const back = this.#move(job.id, 'queued', { lastError: { code: 'PROGRAM_FAILED', message, at: new Date().toISOString() } });
        this.#emit({ type: 'retry', job: back, proof: 'program-failed' });
        this.#hold(`last print failed: ${message}`);
        return;
      }
      case 'rendered':
        this.#move(job.id, job.state, { renderedAt: new Date().toISOString() });
        return;
      case 'pending':
        return;
    }
  }

  /** After a failure: show it, and wait before the next send, longer each time until one prints. */
  #hold(failure: string): void {
    this.#holdUntil = Date.now() + this.#retry.next();
    this.#watch.failed(failure);
    this.#pump.kick();
  }

  // --- bookkeeping ------------------------------------------------------------------------

  #move(id: string, state: JobState, patch: BookPatch<WaybillJobRecord> = {}): WaybillJobRecord {
    // The print data goes once the waybill printed or the job was withdrawn.
    const drop = state === 'printed' || state === 'cancelled' ? { print: undefined } : {};
    const job = this.#book.update(id, state, new Date(), { ...patch, ...drop });
    if (state === 'printed' || state === 'cancelled') {
      this.#needsPerson.delete(id);
      this.#book.prune(this.#timing.keep);
    }
    return job;
  }

  #emit(event: WaybillPrintEvent): boolean {
    try {
      this.options.onEvent?.(event);
      return true;
    } catch (err) {
      this.#log.error({ err: errorMessage(err), event: event.type }, 'print event listener threw');
      return false;
    }
  }
}
