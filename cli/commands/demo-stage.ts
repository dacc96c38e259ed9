import { errorMessage } from '../../common/errors.js';
import type { PrinterSimulator } from '../../firmware-sim/printer/server.js';
import type { WaybillPrinterSimulator } from '../../firmware-sim/waybill-printer/server.js';
import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import type { StationAgent } from '../../station/agent.js';
import { labelStatus, parcelsOf, type PackSession } from '../../station/pack/index.js';
import type { SimulatedScanner } from '../../station/scanner/sim.js';
import type { ApiCaller } from './demo-api.js';
import { seconds, type Incident, type IncidentKind } from './demo-incidents.js';
import type { DemoPacker } from './demo-packer.js';
import { DEMO_MAPPING_CHANGE } from './demo-shift.js';

/** One bench of the demo: its agent, its devices and its packer. */
export interface Bench {
  readonly agent: StationAgent;
  readonly scanner: SimulatedScanner;
  /** The ZPL label printer: the seller's own-contract orders' labels. */
  readonly printer: PrinterSimulator;
  /** The platforms' print programs: their orders' e-waybills. */
  readonly programs: ReadonlyMap<WaybillPlatform, WaybillPrinterSimulator>;
  readonly packer: DemoPacker;
}

/** What was staged, for a test to follow up on. */
export interface StagedIncident {
  readonly kind: IncidentKind;
  readonly station?: string;
  readonly orderId?: string;
  readonly freezeId?: string;
  /** The master SKU a refund froze (the order's own units of it). */
  readonly sku?: string;
  /** The label job that waited for paper. */
  readonly jobId?: string;
}

export interface StagerOptions {
  readonly benches: ReadonlyMap<string, Bench>;
  /** The refund bot's access to the hub's API (freezes). */
  readonly refundBot: ApiCaller;
  /** The channel's catalog sync (mapping rows). */
  readonly channelSync: ApiCaller;
  readonly intervalMs: number;
  /** Tells the person watching (a console line). */
  readonly say: (word: 'staged' | 'back' | 'failed', text: string) => void;
}

/** An order loaded, some units counted, more to come, nothing blocking: a freeze now lands mid-pack. */
function midPack(session: PackSession): boolean {
  const order = session.order;
  if (!order || session.phase !== 'packing' || session.block) return false;
  const counted = order.counted.reduce((sum, n) => sum + n, 0);
  return counted > 0 && order.task.lines.some((line, i) => (order.counted[i] ?? 0) < line.quantity);
}

/** The order on the bench is being packed and prints a label of its own on the ZPL printer (an own-contract parcel). */
function packingForZpl(session: PackSession): boolean {
  const order = session.order;
  return order !== null && session.phase === 'packing' && labelStatus(order) === 'none' && parcelsOf(order.task).some((parcel) => !parcel.print);
}

/**
 * Carries out the incident schedule against the real parts: the refund freeze and the mapping
 * change over the hub's HTTP API, the scanner's cable and the printer's paper on the simulated
 * devices. Every incident is announced as it is staged and as it ends.
 */
export class IncidentStager {
  readonly staged: StagedIncident[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #abort = new AbortController();
  readonly #running = new Set<Promise<void>>();
  readonly #listeners = new Set<(incident: StagedIncident) => void>();

  constructor(private readonly options: StagerOptions) {}

  start(schedule: readonly Incident[]): void {
    for (const incident of schedule) {
      this.#after(incident.atMs, () => {
        const run = this.#stage(incident).catch((err: unknown) => this.options.say('failed', `${incident.kind}: ${errorMessage(err)}`));
        this.#running.add(run);
        void run.finally(() => this.#running.delete(run));
      });
    }
  }

  /** Calls `listener` with each incident once it is staged and over. */
  onStaged(listener: (incident: StagedIncident) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#abort.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(this.#running);
  }

  async #stage(incident: Incident): Promise<void> {
    const bench = incident.station === undefined ? undefined : this.options.benches.get(incident.station);
    let staged: StagedIncident | undefined;
    switch (incident.kind) {
      case 'refund-freeze':
        staged = bench && (await this.#refund(incident.station!, bench));
        break;
      case 'scanner-unplugged':
        staged = bench && (await this.#unplug(incident.station!, bench, incident.forMs ?? 0));
        break;
      case 'mapping-change':
        staged = await this.#remap();
        break;
      case 'printer-paper-out':
        staged = bench && (await this.#paperOut(incident.station!, bench, incident.forMs ?? 0));
        break;
    }
    if (!staged) return;
    this.staged.push(staged);
    for (const listener of this.#listeners) listener(staged);
  }

  /** A refund-only request for the order the bench is packing: its packer pauses until the stop has reached the bench. */
  async #refund(station: string, bench: Bench): Promise<StagedIncident | undefined> {
    const { agent, packer } = bench;
    if (!(await this.#until(agent, () => midPack(agent.driver.session)))) return undefined;
    packer.pause();
    try {
      const order = agent.driver.session.order!;
      const line = order.task.lines[0]!;
      const { freeze } = await this.options.refundBot.call<{ freeze: { id: string } }>('POST', '/freezes', {
        orderId: order.task.orderId,
        sku: line.masterSku,
        note: 'refund-only request (demo refund bot)',
      });
      this.options.say(
        'staged',
        `refund-only request freezes order ${order.task.orderId} mid-pack at ${station} (freeze ${freeze.id}): the packer puts it aside; approve or reject it in Frozen stock`,
      );
      await this.#until(agent, () => agent.driver.session.block?.scope === 'order', 20 * this.options.intervalMs);
      return { kind: 'refund-freeze', station, orderId: order.task.orderId, freezeId: freeze.id, sku: line.masterSku };
    } finally {
      packer.resume();
    }
  }

  async #unplug(station: string, bench: Bench, forMs: number): Promise<StagedIncident | undefined> {
    bench.scanner.unplug('USB cable pulled');
    this.options.say('staged', `scanner ${station} unplugged (station fault on the tablet) — plugged back in ${seconds(forMs)}`);
    if (!(await this.#sleep(forMs))) return undefined;
    bench.scanner.plug();
    this.options.say('back', `scanner ${station} plugged back in (station recovered)`);
    return { kind: 'scanner-unplugged', station };
  }

  async #remap(): Promise<StagedIncident> {
    const { channel, channelSku, from, to } = DEMO_MAPPING_CHANGE;
    await this.options.channelSync.call('PUT', '/mappings', { channel, channelSku, masterSku: to });
    this.options.say(
      'staged',
      `${channel} changed ${channelSku} from ${from} to ${to}: orders with ${from} are held until a person confirms or rolls back (Mapping view: old and new side by side); packers put them aside`,
    );
    return { kind: 'mapping-change' };
  }

  /**
   * The ZPL printer runs out of paper as the bench takes up an order it prints (the seller's own
   * contract; the platforms' orders print through their programs), so that order's label is the
   * one that waits, queued; refilled once it has waited `forMs`.
   */
  async #paperOut(station: string, bench: Bench, forMs: number): Promise<StagedIncident | undefined> {
    const { agent, printer } = bench;
    const idle = () => !agent.printQueue.jobs().some((job) => job.state === 'sending' || job.state === 'sent');
    if (!(await this.#until(agent, () => packingForZpl(agent.driver.session) && idle()))) return undefined;
    printer.setConditions({ paperOut: true });
    this.options.say(
      'staged',
      `label printer ${station} out of paper while it packs own-contract order ${agent.driver.session.order?.task.orderNo ?? '?'} — its label waits in the queue; refilled ${seconds(forMs)} after`,
    );
    // Queued as a rule; sent into the printer's buffer when the last status before it still said ready.
    const waitingJob = () =>
      agent.status().printer?.state === 'fault' ? agent.printQueue.jobs().find((job) => ['queued', 'sending', 'sent'].includes(job.state)) : undefined;
    if (!(await this.#until(agent, () => waitingJob() !== undefined))) return undefined;
    const job = waitingJob()!;
    if (!(await this.#sleep(forMs))) return undefined;
    printer.setConditions({ paperOut: false });
    this.options.say('back', `label printer ${station} refilled: label ${job.id} prints once`);
    return { kind: 'printer-paper-out', station, jobId: job.id };
  }

  /** Resolves true once `predicate` holds at the agent (checked at each of its updates), false if closed or after `timeoutMs`. */
  #until(agent: StationAgent, predicate: () => boolean, timeoutMs?: number): Promise<boolean> {
    return new Promise((resolve) => {
      const signal = this.#abort.signal;
      let timer: NodeJS.Timeout | undefined;
      const finish = (ok: boolean) => {
        stop();
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
        resolve(ok);
      };
      const aborted = () => finish(false);
      const stop = agent.onUpdate(() => {
        if (predicate()) finish(true);
      });
      if (signal.aborted) return finish(false);
      signal.addEventListener('abort', aborted);
      if (timeoutMs !== undefined) timer = setTimeout(() => finish(false), timeoutMs);
      if (predicate()) finish(true);
    });
  }

  /** Resolves true after `ms`, false if closed first. */
  #sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.#abort.signal.aborted) return resolve(false);
      const aborted = () => resolve(false);
      this.#abort.signal.addEventListener('abort', aborted, { once: true });
      this.#after(ms, () => {
        this.#abort.signal.removeEventListener('abort', aborted);
        resolve(true);
      });
    });
  }

  #after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      action();
    }, ms);
    this.#timers.add(timer);
  }
}
