import { PackgateError, errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { DeviceStatus } from '../../protocol/index.js';
import { mayRelease, parcelsOf, requestedParcel, type GateResult, type PackParcel } from '../pack/index.js';
import type { PrintEvent } from '../printer/events.js';
import { PrintQueue, type PrintQueueOptions } from '../printer/queue.js';
import type { PrinterTransport } from '../printer/transport.js';
import type { PrintJobRecord, PrintQueueState } from '../printer/types.js';
import type { PrintStore } from '../store/print-store.js';
import { labelFor, labelJobKey } from './label-data.js';
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

/** The label the session is waiting for: its claim, the parcel's job key, and the queue that prints it. */
interface Claimed {
  readonly jobId: string | null;
  readonly parcel: number;
  readonly key: string;
  readonly queue: PrintQueue;
}

/**
 * The printer layer of the agent. In the print-after-verify flow it asks the session for the
 * next parcel's label once the whole order is verified and the gate is open (and logs one
 * refusal per reason while it is shut); in either flow it prints what the session let print
 * (`pack.label_requested`: one parcel's label, a REPRINT included) through that parcel's queue,
 * and reports the queue's outcome back (`label_printed`, `label_failed`, with the parcel).
 *
 * Invariant 1 holds to the last moment: just before a job's bytes leave (the queue's `sending`
 * event) the gate is asked again. Hub silence holds the job queued until the hub is heard; a
 * block, a stop or freeze, or an order that no longer wants the label withdraws it.
 */
export class LabelDriver {
  /** The ZPL printer's queue. */
  readonly queue: PrintQueue;
  #refused: string | null = null;
  readonly #unsubscribe: () => void;

  constructor(private readonly options: LabelDriverOptions) {
    this.queue = new PrintQueue({
      transport: options.transport,
      onEvent: (event) => this.#onQueueEvent(this.queue, event),
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

  /**
   * The queue that prints a parcel's label. Every parcel prints in ZPL today; a parcel that
   * carries its platform's print data (`parcel.print`) is where a print program's queue will be
   * chosen, by `parcel.print.platform`. Every other place asks this function or `#queues()`.
   */
  queueFor(_parcel: PackParcel): PrintQueue {
    return this.queue;
  }

  /** Every label queue of the station, for the jobs they hold. */
  #queues(): readonly PrintQueue[] {
    return [this.queue];
  }

  /**
   * Asks for the next parcel's label of a verified order when the gate is open (called after
   * steps, on ticks, when the hub is heard): print-after-verify only, one parcel at a time, and
   * not while a parcel's label failed (the packer's REPRINT asks again).
   */
  check(): void {
    const { driver } = this.options;
    const s = driver.session;
    const order = s.order;
    if (!order || order.flow !== 'print-after-verify' || s.phase !== 'verified' || s.block || !s.packer) return;
    const statuses = order.parcels.map((parcel) => parcel.label.status);
    if (statuses.includes('requested') || statuses.includes('failed') || !statuses.includes('none')) return;
    const gate = this.#gate();
    const refusal = gate.ok ? null : `${order.task.taskId}:${gate.reason}`;
    if (refusal !== null && refusal === this.#refused) return;
    this.#refused = refusal;
    driver.input({ type: 'label_requested' });
  }

  #gate(): GateResult {
    const { driver } = this.options;
    const ctx = driver.context();
    return mayRelease(driver.session, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse);
  }

  /** The label the session waits for, if any: the requested parcel, its job key and queue, and the job once claimed. */
  #claimed(): Claimed | null {
    const { driver } = this.options;
    const order = driver.session.order;
    const parcel = order ? requestedParcel(order) : 0;
    const source = order ? parcelsOf(order.task)[parcel - 1] : undefined;
    if (!order || !source) return null;
    const claim = driver.label;
    const jobId = claim?.taskId === order.task.taskId && claim.parcel === parcel ? claim.jobId : null;
    return { jobId, parcel, key: labelJobKey(order.task, parcel), queue: this.queueFor(source) };
  }

  #afterStep(applied: Applied): void {
    if (applied.events.some((event) => event.body.type === 'pack.label_requested')) this.#print();
    this.#withdrawStale();
    this.check();
  }

  /**
   * Queues the parcel's label the session just let print: a reprint of that parcel's last
   * printed job when it printed before and the job is still held; otherwise a new job (a
   * pre-printed label replaced at the bench is this station's first print of it).
   */
  #print(): void {
    const { driver } = this.options;
    const s = driver.session;
    const claimed = this.#claimed();
    const label = claimed ? labelFor(s, claimed.parcel) : undefined;
    const state = claimed ? s.order?.parcels[claimed.parcel - 1] : undefined;
    if (!claimed || !label || !state) return;
    const { queue, key, parcel } = claimed;
    try {
      const original = state.label.printed > 0 ? this.#jobsOf(queue, key).findLast((job) => job.state === 'printed') : undefined;
      const job = original
        ? queue.reprint(original.id, { by: s.packer ?? s.station, reason: 'REPRINT card at the station' })
        : queue.print(key, label);
      driver.claimJob(job.id);
    } catch (err) {
      log.error({ err: errorMessage(err), job: key }, 'label could not be queued');
      driver.input({ type: 'label_failed', reason: err instanceof PackgateError ? err.code : 'PRINT_FAILED', parcel });
    }
  }

  /** Queued jobs the session no longer wants printed are withdrawn; so is the current one while the gate is shut for a reason other than hub silence. */
  #withdrawStale(): void {
    for (const queue of this.#queues()) {
      for (const job of queue.jobs()) {
        if (job.state !== 'queued') continue;
        const why = this.#isCurrent(queue, job) ? this.#shutFor() : 'the order no longer wants this label';
        if (why !== null && why !== 'hub_silent') this.#cancel(queue, job, why);
      }
    }
  }

  /** Why the current label may not print now, or null. */
  #shutFor(): string | null {
    if (this.#claimed() === null) return 'no label requested';
    const gate = this.#gate();
    return gate.ok ? null : gate.reason;
  }

  #cancel(queue: PrintQueue, job: PrintJobRecord, reason: string): void {
    try {
      queue.cancel(job.id, { by: this.options.driver.session.station, reason });
    } catch (err) {
      log.warn({ job: job.id, err: errorMessage(err) }, 'print job could not be withdrawn');
    }
  }

  #onQueueEvent(queue: PrintQueue, event: PrintEvent): void {
    if (event.type === 'status') return this.options.onStatus(event.status.device);
    if (event.type === 'sending') this.#lastChance(queue, event.job);
    if (queue === this.queue) this.options.store.save(queue.state());
    if (!('job' in event)) return;
    const parcel = this.#isCurrent(queue, event.job) ? this.#claimed()?.parcel : undefined;
    if (parcel === undefined) return;
    const { driver } = this.options;
    if (event.type === 'printed') driver.input({ type: 'label_printed', parcel });
    if (event.type === 'cancelled') driver.input({ type: 'label_failed', reason: `withdrawn: ${event.reason}`, parcel });
    if (event.type === 'needs-person') driver.input({ type: 'label_failed', reason: UNKNOWN_OUTCOME, parcel });
  }

  /**
   * Whether the job carries the label the session is waiting for: the requested parcel's queue
   * and job. A queue may start sending inside `print()`, before the job's id is recorded: then
   * the parcel's job key decides.
   */
  #isCurrent(queue: PrintQueue, job: PrintJobRecord): boolean {
    const claimed = this.#claimed();
    if (!claimed || claimed.queue !== queue) return false;
    return claimed.jobId === null ? claimed.key === job.taskId : claimed.jobId === job.id;
  }

  /** The gate, once more, just before the bytes leave; throwing keeps the job queued, unsent. */
  #lastChance(queue: PrintQueue, job: PrintJobRecord): void {
    const why = this.#isCurrent(queue, job) ? this.#shutFor() : 'the order no longer wants this label';
    if (why === null) return;
    if (why !== 'hub_silent') setImmediate(() => this.#cancel(queue, job, why));
    throw new PackgateError('LABEL_GATE_SHUT', `label ${job.id} held: ${why}`);
  }

  #jobsOf(queue: PrintQueue, key: string): PrintJobRecord[] {
    return queue.jobs().filter((job) => job.taskId === key);
  }

  /**
   * After a restart: the outstanding parcel label's job is found in that parcel's queue (and its
   * outcome fed back), or queued again. Parcels whose labels printed before the crash are the
   * session's already; the next one is asked for by `check()` as usual.
   */
  #recover(): void {
    const { driver } = this.options;
    const order = driver.session.order;
    const claimed = this.#claimed();
    if (!order || !claimed) return;
    const claim = driver.label;
    const since = claim?.parcel === claimed.parcel ? claim.requestedAt : order.loadedAt;
    const job = this.#jobsOf(claimed.queue, claimed.key)
      .filter((candidate) => (claimed.jobId ? candidate.id === claimed.jobId : Date.parse(candidate.createdAt) >= since))
      .at(-1);
    if (!job) return this.#print();
    driver.claimJob(job.id);
    const parcel = claimed.parcel;
    if (job.state === 'printed') driver.input({ type: 'label_printed', parcel });
    else if (job.state === 'cancelled') driver.input({ type: 'label_failed', reason: 'withdrawn before the restart', parcel });
    // Caught mid-send by the crash, on a printer that cannot be asked (a file): only a person can tell.
    else if (job.state === 'unknown' && !this.options.transport.answersQueries) driver.input({ type: 'label_failed', reason: UNKNOWN_OUTCOME, parcel });
  }
}
