import { PackgateError, errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { DeviceStatus } from '../../protocol/index.js';
import { mayRelease, parcelsOf, requestedParcel, type GateResult, type PackParcel } from '../pack/index.js';
import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import { PrintQueue, type PrintQueueOptions } from '../printer/queue.js';
import type { PrinterTransport } from '../printer/transport.js';
import type { PrintQueueState } from '../printer/types.js';
import type { PrintStore } from '../store/print-store.js';
import { labelFor, labelJobKey } from './label-data.js';
import { deviceOf, isProgramQueue, printOn, reprintOn, type LabelJob, type LabelQueue, type LabelQueueEvent, type PrintProgram } from './label-queues.js';
import type { Applied, PackDriver } from './pack-driver.js';

const log = createLogger('station.labels');

/** Why a parcel's label has nowhere to print: the station lacks its platform's program, or a ZPL printer. */
function missingQueue(parcel: PackParcel): PackgateError {
  const platform = parcel.print?.platform;
  return platform
    ? new PackgateError('NO_PRINT_PROGRAM', `waybill ${parcel.waybill} prints through the ${platform} print program; start the station with --printer ${platform}:URL`)
    : new PackgateError('NO_LABEL_PRINTER', `waybill ${parcel.waybill} needs a ZPL label printer; start the station with --printer tcp:|serial:|file:`);
}

/** Gate reasons that hold a queued label rather than withdraw it: they pass by themselves (the hub is heard, the scale works again, a weight settles). */
const HELD: readonly string[] = ['hub_silent', 'scale_not_ready', 'awaiting_weight'];
const UNKNOWN_OUTCOME = 'the printer did not say whether it printed: look at the printer before a reprint';

/** Printed and cancelled jobs the station keeps in its print state (each holds its ZPL). */
const KEEP_FINISHED = 20;

/** Queue timings the agent may set (tests shorten them). */
export type PrintTiming = Pick<PrintQueueOptions, 'statusTimeoutMs' | 'sendTimeoutMs' | 'pollMs' | 'idlePollMs' | 'settleMs' | 'odometer'>;

export interface LabelDriverOptions {
  readonly driver: PackDriver;
  /** The ZPL label printer, if the station has one. */
  readonly transport?: PrinterTransport;
  readonly store: PrintStore;
  /** The platforms' print programs the station drives, at most one per platform. */
  readonly programs?: readonly PrintProgram[];
  readonly state?: PrintQueueState;
  readonly timing?: PrintTiming;
  /** IANA time zone for the label's verification time. */
  readonly timeZone?: string;
  /** A printer's or a print program's status changed. */
  readonly onStatus: (status: DeviceStatus) => void;
}

/** A queue and where its state is kept. */
interface Held {
  readonly queue: LabelQueue;
  /** Writes the queue's state where it is kept. */
  readonly save: () => void;
}

/** The label the session is waiting for: its claim, the parcel's job key, and the queue that prints it. */
interface Claimed {
  readonly jobId: string | null;
  readonly parcel: number;
  readonly key: string;
  /** Absent when the station has no queue for the parcel (no ZPL printer, or not its platform's program). */
  readonly queue: LabelQueue | undefined;
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
  readonly #zpl: PrintQueue | undefined;
  readonly #programs = new Map<WaybillPlatform, LabelQueue>();
  readonly #held: Held[] = [];
  #refused: string | null = null;
  readonly #unsubscribe: () => void;

  constructor(private readonly options: LabelDriverOptions) {
    if (options.transport) {
      const zpl: PrintQueue = new PrintQueue({
        transport: options.transport,
        onEvent: (event) => this.#onQueueEvent(held, event),
        keepFinished: KEEP_FINISHED,
        ...(options.state ? { state: options.state } : {}),
        ...(options.timeZone ? { render: { timeZone: options.timeZone } } : {}),
        ...options.timing,
      });
      const held: Held = { queue: zpl, save: () => options.store.save(zpl.state()) };
      this.#zpl = zpl;
      this.#held.push(held);
    }
    for (const program of options.programs ?? []) {
      if (this.#programs.has(program.platform)) throw new PackgateError('BAD_PRINTER_SPEC', `two print programs for ${program.platform}`);
      const queue = program.create({ onEvent: (event) => this.#onQueueEvent(held, event), ...(program.state ? { state: program.state } : {}) });
      const held: Held = { queue, save: () => program.store.save(queue.state()) };
      this.#programs.set(program.platform, queue);
      this.#held.push(held);
    }
    this.#unsubscribe = options.driver.onApplied((applied) => this.#afterStep(applied));
  }

  /** The ZPL printer's queue; NO_LABEL_PRINTER when the station has none. */
  get queue(): PrintQueue {
    if (!this.#zpl) throw new PackgateError('NO_LABEL_PRINTER', 'this station has no ZPL label printer (--printer tcp:|serial:|file:|sim)');
    return this.#zpl;
  }

  /** A print program's queue, if the station drives that platform's program. */
  programQueue(platform: WaybillPlatform): LabelQueue | undefined {
    return this.#programs.get(platform);
  }

  /** Settles a label left outstanding by a crash, then starts the queues. */
  start(): void {
    this.#recover();
    for (const { queue } of this.#held) queue.start();
    this.check();
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    for (const { queue } of this.#held) await queue.close();
  }

  /** The label printer's status: the ZPL printer's, or the first print program's on a station without one. */
  status(): DeviceStatus {
    const first = this.#held[0];
    return first ? deviceOf(first.queue) : { kind: 'none', state: 'absent', detail: 'no label printer or print program configured' };
  }

  /** Every print program's status, in the order configured. */
  programStatuses(): DeviceStatus[] {
    return [...this.#programs.values()].map(deviceOf);
  }

  /**
   * The queue that prints a parcel's label: its platform's print program when the parcel
   * carries print data (`parcel.print`), the ZPL printer otherwise; undefined when the station
   * has no such queue (the label then fails with the reason, never prints elsewhere). Every
   * other place asks this function or `#queues()`.
   */
  queueFor(parcel: PackParcel): LabelQueue | undefined {
    return parcel.print ? this.#programs.get(parcel.print.platform) : this.#zpl;
  }

  /** Every label queue of the station, for the jobs they hold. */
  #queues(): readonly LabelQueue[] {
    return this.#held.map((held) => held.queue);
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
    return mayRelease(driver.session, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse, ctx.scale);
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
    const source = { label, parcel: parcelsOf(s.order!.task)[parcel - 1]! };
    try {
      if (!queue) throw missingQueue(source.parcel);
      const original = state.label.printed > 0 ? this.#jobsOf(queue, key).findLast((job) => job.state === 'printed') : undefined;
      const job = original
        ? reprintOn(queue, original.id, { by: s.packer ?? s.station, reason: 'REPRINT card at the station' }, source)
        : printOn(queue, key, source);
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
        if (why !== null && !HELD.includes(why)) this.#cancel(queue, job, why);
      }
    }
  }

  /** Why the current label may not print now, or null. */
  #shutFor(): string | null {
    if (this.#claimed() === null) return 'no label requested';
    const gate = this.#gate();
    return gate.ok ? null : gate.reason;
  }

  #cancel(queue: LabelQueue, job: LabelJob, reason: string): void {
    try {
      queue.cancel(job.id, { by: this.options.driver.session.station, reason });
    } catch (err) {
      log.warn({ job: job.id, err: errorMessage(err) }, 'print job could not be withdrawn');
    }
  }

  #onQueueEvent({ queue, save }: Held, event: LabelQueueEvent): void {
    if (event.type === 'status') return this.options.onStatus(event.status.device);
    if (event.type === 'sending') this.#lastChance(queue, event.job);
    save();
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
  #isCurrent(queue: LabelQueue, job: LabelJob): boolean {
    const claimed = this.#claimed();
    if (!claimed || claimed.queue !== queue) return false;
    return claimed.jobId === null ? claimed.key === job.taskId : claimed.jobId === job.id;
  }

  /** The gate, once more, just before the bytes leave; throwing keeps the job queued, unsent. */
  #lastChance(queue: LabelQueue, job: LabelJob): void {
    const why = this.#isCurrent(queue, job) ? this.#shutFor() : 'the order no longer wants this label';
    if (why === null) return;
    if (!HELD.includes(why)) setImmediate(() => this.#cancel(queue, job, why));
    throw new PackgateError('LABEL_GATE_SHUT', `label ${job.id} held: ${why}`);
  }

  #jobsOf(queue: LabelQueue, key: string): LabelJob[] {
    return (queue.jobs() as readonly LabelJob[]).filter((job) => job.taskId === key);
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
    if (!claimed.queue) return this.#print();
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
    else if (job.state === 'unknown' && !isProgramQueue(claimed.queue) && !this.options.transport?.answersQueries) driver.input({ type: 'label_failed', reason: UNKNOWN_OUTCOME, parcel });
  }
}
