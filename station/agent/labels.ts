import { PackgateError, errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { DeviceStatus } from '../../protocol/index.js';
import { mayPrintLabel, type GateResult } from '../pack/index.js';
import type { PrintEvent } from '../printer/events.js';
import { PrintQueue, type PrintQueueOptions } from '../printer/queue.js';
import type { PrinterTransport } from '../printer/transport.js';
import type { PrintJobRecord, PrintQueueState } from '../printer/types.js';
import type { PrintStore } from '../store/print-store.js';
import { labelFor } from './label-data.js';
import type { Applied, PackDriver } from './pack-driver.js';

const log = createLogger('station.labels');

const UNKNOWN_OUTCOME = 'the printer did not say whether it printed: look at the printer before a reprint';

/** Printed and cancelled jobs the station keeps in its print state (each holds its ZPL). */
const KEEP_FINISHED = 20;

/** Queue timings the agent may set (tests shorten them). */
export type PrintTiming = Pick<PrintQueueOptions, 'statusTimeoutMs' | 'sendTimeoutMs' | 'pollMs' | 'idlePollMs' | 'settleMs' | 'odometer'>;

export interface LabelDriverOptions {
  readonly driver: PackDriver;
  readonly transport: PrinterTransport;
  readonly store: PrintStore;
  readonly state?: PrintQueueState;
  readonly timing?: PrintTiming;
  /** IANA time zone for the label's verification time. */
  readonly timeZone?: string;
  /** The printer's status changed. */
  readonly onStatus: (status: DeviceStatus) => void;
}

/**
 * The printer layer of the agent. It asks the session for a label once the order is verified
 * and the gate is open (and logs one refusal per reason while it is shut), prints what the
 * session let print (`pack.label_requested`) through the print queue, and reports the queue's
 * outcome back (`label_printed`, `label_failed`).
 *
 * Invariant 1 holds to the last moment: just before a job's bytes leave (the queue's `sending`
 * event) the gate is asked again. Hub silence holds the job queued until the hub is heard; a
 * block, a stop or freeze, or an order that no longer wants the label withdraws it.
 */
export class LabelDriver {
  readonly queue: PrintQueue;
  #refused: string | null = null;
  readonly #unsubscribe: () => void;

  constructor(private readonly options: LabelDriverOptions) {
    this.queue = new PrintQueue({
      transport: options.transport,
      onEvent: (event) => this.#onQueueEvent(event),
      keepFinished: KEEP_FINISHED,
      ...(options.state ? { state: options.state } : {}),
      ...(options.timeZone ? { render: { timeZone: options.timeZone } } : {}),
      ...options.timing,
    });
    this.#unsubscribe = options.driver.onApplied((applied) => this.#afterStep(applied));
  }

  /** Settles a label left outstanding by a crash, then starts the queue. */
  start(): void {
    this.#recover();
    this.queue.start();
    this.check();
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await this.queue.close();
  }

  status(): DeviceStatus {
    return this.queue.status().device;
  }

  /** Asks for the label of a verified order when the gate is open (called after steps, on ticks, when the hub is heard). */
  check(): void {
    const { driver } = this.options;
    const s = driver.session;
    const order = s.order;
    if (!order || s.phase !== 'verified' || order.label.status !== 'none' || s.block || !s.packer) return;
    const gate = this.#gate();
    const refusal = gate.ok ? null : `${order.task.taskId}:${gate.reason}`;
    if (refusal !== null && refusal === this.#refused) return;
    this.#refused = refusal;
    driver.input({ type: 'label_requested' });
  }

  #gate(): GateResult {
    const { driver } = this.options;
    const ctx = driver.context();
    return mayPrintLabel(driver.session, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse);
  }

  #afterStep(applied: Applied): void {
    if (applied.events.some((event) => event.body.type === 'pack.label_requested')) this.#print();
    this.#withdrawStale();
    this.check();
  }

  /** Queues the label the session just let print: a reprint of the last printed job when there is one. */
  #print(): void {
    const { driver } = this.options;
    const s = driver.session;
    const label = labelFor(s);
    const taskId = s.order?.task.taskId;
    if (!label || taskId === undefined || s.order?.label.status !== 'requested') return;
    try {
      const original = s.phase === 'printed' ? this.#jobsOf(taskId).findLast((job) => job.state === 'printed') : undefined;
      const job = original
        ? this.queue.reprint(original.id, { by: s.packer ?? s.station, reason: 'REPRINT card at the station' })
        : this.queue.print(taskId, label);
      driver.claimJob(job.id);
    } catch (err) {
      log.error({ err: errorMessage(err), task: taskId }, 'label could not be queued');
      driver.input({ type: 'label_failed', reason: err instanceof PackgateError ? err.code : 'PRINT_FAILED' });
    }
  }

  /** Queued jobs the session no longer wants printed are withdrawn; so is the current one while the gate is shut for a reason other than hub silence. */
  #withdrawStale(): void {
    for (const job of this.queue.jobs()) {
      if (job.state !== 'queued') continue;
      const why = this.#isCurrent(job) ? this.#shutFor() : 'the order no longer wants this label';
      if (why !== null && why !== 'hub_silent') this.#cancel(job, why);
    }
  }

  /** Why the current label may not print now, or null. */
  #shutFor(): string | null {
    const s = this.options.driver.session;
    if (s.order?.label.status !== 'requested') return 'no label requested';
    const gate = this.#gate();
    return gate.ok ? null : gate.reason;
  }

  #cancel(job: PrintJobRecord, reason: string): void {
    try {
      this.queue.cancel(job.id, { by: this.options.driver.session.station, reason });
    } catch (err) {
      log.warn({ job: job.id, err: errorMessage(err) }, 'print job could not be withdrawn');
    }
  }

  #onQueueEvent(event: PrintEvent): void {
    if (event.type === 'status') return this.options.onStatus(event.status.device);
    if (event.type === 'sending') this.#lastChance(event.job);
    this.options.store.save(this.queue.state());
    if (!('job' in event) || !this.#isCurrent(event.job)) return;
    if (event.type === 'printed') this.options.driver.input({ type: 'label_printed' });
    if (event.type === 'cancelled') this.options.driver.input({ type: 'label_failed', reason: `withdrawn: ${event.reason}` });
    if (event.type === 'needs-person') this.options.driver.input({ type: 'label_failed', reason: UNKNOWN_OUTCOME });
  }

  /**
   * Whether the job carries the label the session is waiting for. A queue may start sending
   * inside `print()`, before the job's id is recorded: then the claim's task decides.
   */
  #isCurrent(job: PrintJobRecord): boolean {
    const claim = this.options.driver.label;
    return claim !== null && (claim.jobId === null ? claim.taskId === job.taskId : claim.jobId === job.id);
  }

  /** The gate, once more, just before the bytes leave; throwing keeps the job queued, unsent. */
  #lastChance(job: PrintJobRecord): void {
    const why = this.#isCurrent(job) ? this.#shutFor() : 'the order no longer wants this label';
    if (why === null) return;
    if (why !== 'hub_silent') setImmediate(() => this.#cancel(job, why));
    throw new PackgateError('LABEL_GATE_SHUT', `label ${job.id} held: ${why}`);
  }

  #jobsOf(taskId: string): PrintJobRecord[] {
    return this.queue.jobs().filter((job) => job.taskId === taskId);
  }

  /** After a restart: the outstanding label's job is found (and its outcome fed back), or queued again. */
  #recover(): void {
    const { driver } = this.options;
    const s = driver.session;
    const order = s.order;
    if (!order || order.label.status !== 'requested') return;
    const claim = driver.label;
    const since = claim?.requestedAt ?? order.loadedAt;
    const job = this.#jobsOf(order.task.taskId)
      .filter((candidate) => (claim?.jobId ? candidate.id === claim.jobId : Date.parse(candidate.createdAt) >= since))
      .at(-1);
    if (!job) return this.#print();
    driver.claimJob(job.id);
    if (job.state === 'printed') driver.input({ type: 'label_printed' });
    else if (job.state === 'cancelled') driver.input({ type: 'label_failed', reason: 'withdrawn before the restart' });
    // Caught mid-send by the crash, on a printer that cannot be asked (a file): only a person can tell.
    else if (job.state === 'unknown' && !this.options.transport.answersQueries) driver.input({ type: 'label_failed', reason: UNKNOWN_OUTCOME });
  }
}
