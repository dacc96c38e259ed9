import { Backoff } from '../../../common/backoff.js';
import { PackgateError, errorMessage } from '../../../common/errors.js';
import type { Logger } from '../../../common/log.js';
import { Pump } from '../pump.js';
import { ProgramClient, type ConnectionLoss } from './client.js';
import type { ProgramDialect } from './dialects.js';
import type { WaybillJobDesk } from './job-desk.js';
import type { DocumentOutcome, ProgramMessage } from './messages.js';
import { checkPrinters } from './program-status.js';
import { ProgramWatch } from './program-watch.js';
import { getPrintersRequest, getTaskStatusRequest, printRequest } from './requests.js';
import { PendingRequests } from './requests-pending.js';
import { ResultTimers } from './result-timers.js';
import { matchResult, statusOfDocument } from './results.js';
import type { WaybillJobRecord, WaybillPrintQueueOptions, WaybillStatusReport } from './types.js';

/** How long the rounds wait (ms). */
export interface RoundTiming {
  /** For the program's reply to a request. */
  readonly reply: number;
  /** For the result of a print the program accepted. */
  readonly result: number;
  /** Between two questions about jobs in doubt. */
  readonly poll: number;
}

/**
 * The conversation with one platform's print program: it connects, checks the printer once per
 * connection, sends the next job when none is in flight, judges each job by the program's result
 * for its task and document, asks about jobs in doubt and leaves to a person those the program
 * cannot settle, and waits longer after each failure until one prints.
 */
export class ProgramRounds {
  readonly #client: ProgramClient;
  readonly #requests: PendingRequests;
  readonly #pump: Pump;
  readonly #watch: ProgramWatch;
  readonly #retry: Backoff;
  readonly #resultTimers = new ResultTimers();
  /** No print is sent before this time (epoch ms): the backoff after a failed result. */
  #holdUntil = 0;
  /** Jobs in doubt are asked about again at this time (epoch ms). */
  #askAt = 0;
  #closed = false;

  constructor(
    private readonly options: WaybillPrintQueueOptions,
    private readonly desk: WaybillJobDesk,
    private readonly dialect: ProgramDialect,
    private readonly timing: RoundTiming,
    private readonly log: Logger,
  ) {
    this.#retry = new Backoff(options.retryMinMs ?? 2000, options.retryMaxMs ?? 30_000);
    this.#watch = new ProgramWatch({ platform: options.platform, name: dialect.name, url: options.url, log, onReport: (status) => desk.emit({ type: 'status', status }) });
    this.#client = new ProgramClient({
      dialect,
      url: options.url,
      onOpen: () => this.#opened(),
      onClose: (loss) => this.#lost(loss),
      onMessage: (message) => this.#received(message),
      reconnectMinMs: options.reconnectMinMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 10_000,
      log,
    });
    this.#requests = new PendingRequests((text) => this.#client.send(text), `the ${dialect.name} print program`);
    this.#pump = new Pump(() => this.#step(), () => this.#nextDelay(), log);
  }

  /** The program as last seen, and the count of its messages that were not used. */
  get report(): WaybillStatusReport {
    return this.#watch.report;
  }

  start(): void {
    this.#client.start();
    this.#pump.start();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#client.close();
    this.#requests.failAll('the print queue closed');
    await this.#pump.close();
    this.#resultTimers.clearAll();
  }

  /** Jobs changed: run a round now. */
  kick(): void {
    this.#pump.kick();
  }

  // --- the connection ---------------------------------------------------------------------

  #opened(): void {
    this.#askAt = 0;
    this.#watch.opened();
    this.#pump.kick();
  }

  #lost(loss: ConnectionLoss): void {
    this.#watch.lost(loss.reason);
    this.#requests.failAll(`connection to the ${this.dialect.name} print program lost (${loss.reason})`);
    // Its result was to come on this connection: whether it printed is now a question for the program.
    for (const job of this.desk.book.inState('sent')) {
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
        if (!this.#requests.answer(message)) this.log.debug({ kind: message.kind }, 'a reply nobody waits for');
    }
  }

  // --- the rounds -------------------------------------------------------------------------

  #inFlight(): boolean {
    return this.desk.book.inState('sending', 'sent', 'unknown').some((job) => !this.desk.needsPerson.has(job.id));
  }

  #nextDelay(): number {
    if (this.#closed || !this.#watch.connected) return 0;
    const now = Date.now();
    if (this.desk.book.inState('unknown').length > 0) return Math.max(1, this.#askAt - now);
    if (this.desk.book.nextQueued() && !this.#inFlight()) return Math.max(1, this.#holdUntil - now);
    return 0;
  }

  /** One round: check the printer once per connection, ask about jobs in doubt, then send the next job if none is in flight. */
  async #step(): Promise<void> {
    if (!this.#client.connected) return;
    if (!this.#watch.printersAsked) await this.#askPrinters();
    const doubtful = this.desk.book.inState('unknown');
    if (doubtful.length > 0 && Date.now() >= this.#askAt) await this.#ask(doubtful);
    if (!this.#client.connected || this.#inFlight() || Date.now() < this.#holdUntil) return;
    const next = this.desk.book.nextQueued();
    if (next) await this.#send(next);
  }

  async #askPrinters(): Promise<void> {
    this.#watch.askingPrinters();
    let reply: ProgramMessage;
    try {
      reply = await this.#requests.request((id) => getPrintersRequest(id), this.timing.reply);
    } catch (err) {
      this.#watch.printersChecked({ ok: false, problem: `no printer list: ${errorMessage(err)}` });
      return;
    }
    this.#watch.printersChecked(checkPrinters(reply, this.options.printer));
  }

  async #send(queued: WaybillJobRecord): Promise<void> {
    const attempts = queued.attempts + 1;
    const job = this.desk.move(queued.id, 'sending', {
      attempts,
      programTaskId: `${queued.id}.${attempts}`,
      sentAt: undefined,
      renderedAt: undefined,
      unknownSince: undefined,
    });
    if (!this.desk.emit({ type: 'sending', job })) {
      this.desk.move(job.id, 'queued', { attempts: queued.attempts, programTaskId: queued.programTaskId });
      return;
    }
    const doc = { taskId: job.programTaskId!, documentId: job.documentId, waybill: job.waybill, contents: job.print?.contents ?? [], printer: this.options.printer };
    try {
      // Handled as it arrives: the program's result may follow its reply in the same breath.
      await this.#requests.request((id) => printRequest(this.dialect, id, doc), this.timing.reply, (reply) => this.#answered(job.id, reply));
    } catch (err) {
      this.#sendFailed(job.id, err);
    }
  }

  /** The program's reply to a print request. */
  #answered(jobId: string, reply: ProgramMessage): void {
    if (this.desk.book.get(jobId).state !== 'sending') return;
    if (reply.kind === 'print-accepted') {
      const sent = this.desk.move(jobId, 'sent', { sentAt: new Date().toISOString() });
      this.desk.emit({ type: 'sent', job: sent });
      this.#resultTimers.arm(jobId, this.timing.result, () => {
        const now = this.desk.book.get(jobId);
        if (now.state === 'sent' && now.programTaskId === sent.programTaskId) {
          this.#doubt(now, 'PROGRAM_NO_RESULT', `no result from the program in ${this.timing.result} ms`);
        }
      });
      return;
    }
    // The program refused the task (a wrong printer, data it cannot read): it took nothing to print.
    const message = reply.kind === 'error' ? reply.detail : `unexpected ${reply.kind} reply`;
    const back = this.desk.move(jobId, 'queued', { lastError: { code: 'PROGRAM_REFUSED', message, at: new Date().toISOString() } });
    this.desk.emit({ type: 'failed', job: back, outcome: 'not-sent', code: 'PROGRAM_REFUSED', message });
    this.#hold(`print refused: ${message}`);
  }

  #sendFailed(jobId: string, err: unknown): void {
    const job = this.desk.book.get(jobId);
    if (job.state !== 'sending') return;
    const code = err instanceof PackgateError ? err.code : 'PROGRAM_IO';
    const message = errorMessage(err);
    if (code === 'PROGRAM_UNREACHABLE') {
      const back = this.desk.move(jobId, 'queued', { lastError: { code, message, at: new Date().toISOString() } });
      this.desk.emit({ type: 'failed', job: back, outcome: 'not-sent', code, message });
      return;
    }
    this.#doubt(job, code, message);
  }

  /** A job that may be printing, with nothing to say whether it did: `unknown`, and the program is asked. */
  #doubt(job: WaybillJobRecord, code: string, message: string): void {
    this.#resultTimers.clear(job.id);
    const at = new Date().toISOString();
    const doubtful = this.desk.move(job.id, 'unknown', { lastError: { code, message, at }, unknownSince: at });
    this.#askAt = 0;
    this.log.warn({ job: job.id, task: job.programTaskId, code }, 'print job outcome unknown');
    this.desk.emit({ type: 'failed', job: doubtful, outcome: 'unknown', code, message });
    this.#pump.kick();
  }

  /** Asks the program about jobs in doubt: `getTaskStatus` for their program task ids. */
  async #ask(jobs: readonly WaybillJobRecord[]): Promise<void> {
    this.#askAt = Date.now() + this.timing.poll;
    const ids = jobs.map((job) => job.programTaskId).filter((id): id is string => id !== undefined);
    let reply: ProgramMessage | undefined;
    if (ids.length > 0) {
      try {
        reply = await this.#requests.request((id) => getTaskStatusRequest(id, ids), this.timing.reply);
      } catch (err) {
        // Asked again on the next connection; a program that stays silent leaves it to a person.
        if (!this.#client.connected) return;
        this.log.warn({ err: errorMessage(err) }, 'getTaskStatus not answered');
      }
    }
    for (const asked of jobs) {
      const job = this.desk.book.get(asked.id);
      if (job.state !== 'unknown' || job.programTaskId !== asked.programTaskId) continue;
      const doc = statusOfDocument(reply, job);
      // Not known to the program (restarted, or never got it) proves nothing either way.
      if (!doc) this.#askPerson(job);
      else this.#apply(job, doc);
    }
  }

  #askPerson(job: WaybillJobRecord): void {
    if (this.desk.needsPerson.has(job.id)) return;
    this.desk.needsPerson.add(job.id);
    this.desk.emit({ type: 'needs-person', job });
    this.#pump.kick();
  }

  // --- results ----------------------------------------------------------------------------

  #onResult(message: Extract<ProgramMessage, { kind: 'print-result' }>): void {
    const match = matchResult(this.desk.book.jobs(), message);
    switch (match.kind) {
      case 'job':
        return this.#apply(match.job, match.doc);
      case 'stale':
        return this.#watch.reject('STALE_RESULT', { task: message.taskId });
      case 'unknown-document':
        return this.#watch.reject('UNKNOWN_DOCUMENT', { task: message.taskId });
      case 'not-ours':
        return void this.log.debug({ task: message.taskId }, 'a result for a task that is not ours');
      case 'settled':
        return;
    }
  }

  /** What one document's outcome, for the job's latest attempt, does to the job. */
  #apply(job: WaybillJobRecord, doc: DocumentOutcome): void {
    switch (doc.status) {
      case 'printed': {
        this.#resultTimers.clear(job.id);
        this.desk.needsPerson.delete(job.id);
        const printed = this.desk.move(job.id, 'printed');
        this.#retry.reset();
        this.#holdUntil = 0;
        this.#watch.printed();
        this.desk.emit({ type: 'printed', job: printed, proof: 'program' });
        this.#pump.kick();
        return;
      }
      case 'failed': {
        this.#resultTimers.clear(job.id);
        this.desk.needsPerson.delete(job.id);
        const message = doc.detail ?? 'the program reported the print failed';
        const back = this.desk.move(job.id, 'queued', { lastError: { code: 'PROGRAM_FAILED', message, at: new Date().toISOString() } });
        this.desk.emit({ type: 'retry', job: back, proof: 'program-failed' });
        this.#hold(`last print failed: ${message}`);
        return;
      }
      case 'rendered':
        this.desk.move(job.id, job.state, { renderedAt: new Date().toISOString() });
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
}
