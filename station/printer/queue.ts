import { PackgateError, errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { PrintEvent } from './events.js';
import { isIdle, isReady, type HostStatus } from './host-status.js';
import { decide } from './outcome.js';
import { PrinterProbe } from './printer-probe.js';
import { Pump } from './pump.js';
import type { PrinterStatusReport } from './printer-status.js';
import { queueTiming, type PrintQueueOptions, type QueueTiming } from './queue-options.js';
import { JobBook, cancellation, checkAct, resolution, type JobPatch } from './queue-state.js';
import { renderLabel } from './render.js';
import { nothingSent, type PrinterTransport } from './transport.js';
import type { JobState, LabelData, OdometerReading, PrintJobRecord, PrintQueueState } from './types.js';

export type { PrintQueueOptions } from './queue-options.js';

const log = createLogger('station.printer.queue');

/**
 * Print jobs for one printer, sent one at a time and each at most once unless the printer
 * proved the earlier send printed nothing (docs/printing.md states the guarantee). A job that
 * cannot print now stays queued and visible; it prints when the printer recovers.
 */
export class PrintQueue {
  readonly #transport: PrinterTransport;
  readonly #book: JobBook;
  readonly #timing: QueueTiming;
  readonly #stillSince = new Map<string, number>();
  readonly #needsPerson = new Set<string>();
  readonly #probe: PrinterProbe;
  readonly #pump: Pump;

  constructor(private readonly options: PrintQueueOptions) {
    this.#transport = options.transport;
    this.#book = new JobBook(options.state);
    this.#timing = queueTiming(options);
    this.#probe = new PrinterProbe(this.#transport, this.#timing.status, (status) => this.#emit({ type: 'status', status }), options.odometer ?? true);
    this.#pump = new Pump(() => (this.#transport.answersQueries ? this.#tick() : this.#tickUnasked()), () => this.#nextDelay(), log);
  }

  /** Starts asking the printer and sending jobs. */
  start(): void {
    this.#pump.start();
  }

  /** Stops; the transport stays the caller's to close. */
  async close(): Promise<void> {
    await this.#pump.close();
  }

  /** Renders the label (BAD_LABEL if it cannot) and queues it as the task's next job. */
  print(taskId: string, label: LabelData): PrintJobRecord {
    const job = this.#book.add(taskId, (id) => ({ label, zpl: renderLabel(label, { ...this.options.render, jobId: id }) }), new Date());
    return this.#queued(job);
  }

  /** Queues a new job printing a printed job's label again, marked as a reprint. Needs a reason and a person (REPRINT_NEEDS_REASON). */
  reprint(jobId: string, act: { readonly by: string; readonly reason: string }): PrintJobRecord {
    const { by, reason } = checkAct(act, 'REPRINT_NEEDS_REASON', 'a reprint');
    const original = this.#book.get(jobId);
    if (original.state !== 'printed') throw new PackgateError('JOB_STATE', `print job ${jobId} is ${original.state}; only a printed label can be reprinted`);
    const at = new Date();
    const job = this.#book.add(
      original.taskId,
      (id) => ({
        label: original.label,
        zpl: renderLabel(original.label, { ...this.options.render, jobId: id, reprint: { of: original.id } }),
        reprintOf: original.id,
        reprint: { by, reason, at: at.toISOString() },
      }),
      at,
    );
    this.#emit({ type: 'reprint', job, of: original.id, by, reason });
    return this.#queued(job);
  }

  /** A person's word on an `unknown` job: it came out (printed), or it did not (queued to send again). */
  resolve(jobId: string, verdict: { readonly printed: boolean; readonly by: string; readonly reason: string }): PrintJobRecord {
    const resolved = resolution(this.#book.get(jobId), verdict, new Date());
    this.#needsPerson.delete(jobId);
    const job = this.#move(jobId, verdict.printed ? 'printed' : 'queued', { resolved });
    this.#emit(verdict.printed ? { type: 'printed', job, proof: 'person' } : { type: 'retry', job, proof: 'person' });
    this.#pump.kick();
    return job;
  }

  /** Withdraws a job not yet sent (a stop or freeze arrived). */
  cancel(jobId: string, act: { readonly by: string; readonly reason: string }): PrintJobRecord {
    const cancelled = cancellation(this.#book.get(jobId), act, new Date());
    const job = this.#move(jobId, 'cancelled', { cancelled });
    this.#emit({ type: 'cancelled', job, by: cancelled.by, reason: cancelled.reason });
    return job;
  }

  /** Every job, oldest first: queued, in flight, unknown, and the last finished ones. */
  jobs(): readonly PrintJobRecord[] {
    return this.#book.jobs();
  }

  /** The whole state as plain JSON, to persist and pass back as `options.state`. */
  state(): PrintQueueState {
    return this.#book.state();
  }

  /** The printer's status as last seen. */
  status(): PrinterStatusReport {
    return this.#probe.report;
  }

  #queued(job: PrintJobRecord): PrintJobRecord {
    this.#emit({ type: 'queued', job });
    this.#pump.kick();
    return job;
  }

  /** How long until the next round: soon while there is work or trouble. */
  #nextDelay(): number {
    const busy = this.#probe.report.device.state !== 'ok' || this.jobs().some((job) => ['queued', 'sending', 'sent'].includes(job.state) || (job.state === 'unknown' && !this.#needsPerson.has(job.id)));
    return busy ? this.#timing.poll : this.#timing.idle;
  }

  /** One round: ask, settle jobs in the printer or in doubt, then send the next job if nothing is in flight. */
  async #tick(): Promise<void> {
    const probe = await this.#probe.hostStatus();
    if (!('host' in probe)) return;
    for (const job of this.#book.inState('sent', 'unknown')) {
      if (this.#needsPerson.has(job.id)) continue;
      if (!(await this.#judge(job, probe.host))) return;
    }
    const inFlight = this.#book.inState('sending', 'sent', 'unknown').some((job) => !this.#needsPerson.has(job.id));
    if (inFlight || !isReady(probe.host) || !isIdle(probe.host)) return;
    const next = this.#book.nextQueued();
    if (next) await this.#send(next);
  }

  async #send(queued: PrintJobRecord): Promise<void> {
    const before = await this.#probe.odometer();
    // A person may have cancelled it while the printer was being asked.
    if (before === 'failed' || this.#book.get(queued.id).state !== 'queued') return;
    const job = this.#move(queued.id, 'sending', { attempts: queued.attempts + 1, odometerBefore: before, unknownSince: undefined });
    if (!this.#announce(job, queued)) return;
    try {
      await this.#transport.send(Buffer.from(job.zpl, 'utf8'), this.#timing.send);
    } catch (err) {
      return this.#sendFailed(job, err);
    }
    const after = await this.#probe.hostStatus();
    if (!('host' in after)) return this.#sendFailed(job, after.error);
    const sent = this.#move(job.id, 'sent');
    this.#emit({ type: 'sent', job: sent });
    await this.#judge(sent, after.host);
  }

  #sendFailed(job: PrintJobRecord, err: unknown): void {
    const at = new Date().toISOString();
    const lastError = { code: err instanceof PackgateError ? err.code : 'PRINTER_IO', message: errorMessage(err), at };
    if (nothingSent(err)) {
      this.#probe.unreachable(err);
      const back = this.#move(job.id, 'queued', { lastError });
      this.#emit({ type: 'failed', job: back, outcome: 'not-sent', code: lastError.code, message: lastError.message });
      return;
    }
    this.#transport.abort();
    const doubtful = this.#move(job.id, 'unknown', { lastError, unknownSince: at });
    log.warn({ job: job.id, err: lastError.message }, 'print job outcome unknown');
    this.#emit({ type: 'failed', job: doubtful, outcome: 'unknown', code: lastError.code, message: lastError.message });
    if (!this.#transport.answersQueries) this.#askPerson(doubtful);
  }

  /** Applies `decide()` to a job in the printer or in doubt; false when the printer stopped answering. */
  async #judge(asked: PrintJobRecord, host: HostStatus): Promise<boolean> {
    let odometer: OdometerReading | undefined;
    if (asked.odometerBefore) {
      const reading = await this.#probe.odometer();
      if (reading === 'failed') return false;
      odometer = reading;
    }
    // A person may have resolved it meanwhile.
    const job = this.#book.get(asked.id);
    if (job.state !== 'sent' && job.state !== 'unknown') return true;
    const { outcome, stillSince } = decide(job, { host, odometer, at: Date.now() }, this.#stillSince.get(job.id), this.#timing.settle);
    if (stillSince === undefined) this.#stillSince.delete(job.id);
    else this.#stillSince.set(job.id, stillSince);
    switch (outcome.kind) {
      case 'wait':
        return true;
      case 'printed':
        this.#emit({ type: 'printed', job: this.#move(job.id, 'printed'), proof: outcome.proof });
        return true;
      case 'in-printer':
        this.#emit({ type: 'sent', job: this.#move(job.id, 'sent') });
        return true;
      case 'cancel-partial':
        if (!(await this.#probe.cancelAll(this.#timing.send))) return false;
        this.#emit({ type: 'retry', job: this.#move(job.id, 'queued'), proof: 'partial-cancelled' });
        return true;
      case 'not-printed':
        this.#emit({ type: 'retry', job: this.#move(job.id, 'queued'), proof: 'odometer-still' });
        return true;
      case 'needs-person':
        this.#askPerson(job);
        return true;
    }
  }

  #askPerson(job: PrintJobRecord): void {
    if (this.#needsPerson.has(job.id)) return;
    this.#needsPerson.add(job.id);
    this.#emit({ type: 'needs-person', job });
  }

  /** A file cannot be asked anything: a completed append is a printed label. */
  async #tickUnasked(): Promise<void> {
    for (let queued = this.#book.nextQueued(); queued; queued = this.#book.nextQueued()) {
      const job = this.#move(queued.id, 'sending', { attempts: queued.attempts + 1 });
      if (!this.#announce(job, queued)) return;
      try {
        await this.#transport.send(Buffer.from(job.zpl, 'utf8'), this.#timing.send);
      } catch (err) {
        return this.#sendFailed(job, err);
      }
      this.#probe.written();
      this.#emit({ type: 'printed', job: this.#move(job.id, 'printed'), proof: 'written' });
    }
  }

  #move(id: string, state: JobState, patch?: JobPatch): PrintJobRecord {
    const job = this.#book.update(id, state, new Date(), patch);
    if (state === 'printed' || state === 'cancelled') {
      this.#stillSince.delete(id);
      this.#book.prune(this.#timing.keep);
    }
    return job;
  }

  /** Emits `sending`; if the listener could not take it (persist it), the job goes back to queued unsent. */
  #announce(job: PrintJobRecord, queued: PrintJobRecord): boolean {
    if (this.#emit({ type: 'sending', job })) return true;
    this.#move(job.id, 'queued', { attempts: queued.attempts, odometerBefore: queued.odometerBefore });
    return false;
  }

  #emit(event: PrintEvent): boolean {
    try {
      this.options.onEvent?.(event);
      return true;
    } catch (err) {
      log.error({ err: errorMessage(err), event: event.type }, 'print event listener threw');
      return false;
    }
  }
}
