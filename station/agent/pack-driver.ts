import { createLogger } from '../../common/log.js';
import type { StationEvent, StationEventBody } from '../../protocol/index.js';
import {
  requestedParcel,
  scanInput,
  step,
  display as displayOf,
  type Display,
  type PackContext,
  type PackEvent,
  type PackInput,
  type PackSession,
  type ScaleHealth,
} from '../pack/index.js';
import type { RawScan } from '../scanner/source.js';
import type { HubCopy } from '../store/hub-copy.js';
import type { LabelClaim, SessionStore } from '../store/session-store.js';
import type { Recorder } from './recorder.js';

const log = createLogger('station.pack-driver');

/** One input applied: what the session did, as the rest of the agent sees it. */
export interface Applied {
  readonly input: PackInput;
  readonly session: PackSession;
  readonly events: readonly StationEvent[];
  readonly display: Display;
}

export interface PackDriverOptions {
  readonly station: string;
  readonly session: PackSession;
  readonly label: LabelClaim | null;
  readonly store: SessionStore;
  readonly copy: HubCopy;
  readonly recorder: Recorder;
  /** When the hub was last heard (the link's presence). */
  readonly lastHeardAt: (now: number) => number | null;
  readonly warehouse?: string;
  /** The bench scale as the gate sees it, for a station that has one. */
  readonly scale?: () => ScaleHealth;
  /** The clock (epoch ms); injectable for tests. */
  readonly now?: () => number;
}

/**
 * Runs the pack session for real: every input is one `step` against the station's current
 * context; its events are numbered, written ahead with the new session in the session
 * document (one synchronous write), journaled and sent — all before anything acts on them —
 * and then listeners act (print a label, redraw the screen). A scan the session made no event
 * of still becomes one: a bare `scan` event (invariant 2: every scan becomes an event).
 *
 * Inputs arriving from a listener are applied after the current one, in order.
 */
export class PackDriver {
  #session: PackSession;
  #label: LabelClaim | null;
  readonly #queue: Array<{ input: PackInput; scan?: RawScan }> = [];
  #busy = false;
  readonly #listeners = new Set<(applied: Applied) => void>();
  readonly #now: () => number;

  constructor(private readonly options: PackDriverOptions) {
    this.#session = options.session;
    this.#label = options.label;
    this.#now = options.now ?? Date.now;
  }

  get session(): PackSession {
    return this.#session;
  }

  /** The label the session let print (which parcel's) and its job, while it is outstanding. */
  get label(): LabelClaim | null {
    return this.#label;
  }

  now(): number {
    return this.#now();
  }

  /** The context an input is judged in, now. */
  context(now = this.#now()): PackContext {
    const { copy } = this.options;
    return {
      now,
      tasks: copy.tasks,
      mapping: copy.mapping,
      stopList: copy.stopList,
      freezeList: copy.freezeList,
      pendingSkus: copy.pendingSkus,
      link: { lastHeardAt: this.options.lastHeardAt(now) },
      policy: copy.policy,
      ...(this.options.warehouse === undefined ? {} : { warehouse: this.options.warehouse }),
      ...(this.options.scale ? { scale: this.options.scale() } : {}),
    };
  }

  /** The screen as it is now (it moves with the clock: the order wait, the gate). */
  display(): Display {
    return displayOf(this.#session, this.context());
  }

  onApplied(listener: (applied: Applied) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A framed scan from the scanner. */
  scan(scan: RawScan): void {
    this.#enqueue({ input: scanInput(scan.bytes, this.#now()), scan });
  }

  input(input: PackInput): void {
    this.#enqueue({ input });
  }

  /** Records the print job carrying the label the session is waiting for (written at once). */
  claimJob(jobId: string): void {
    const order = this.#session.order;
    const parcel = order ? requestedParcel(order) : 0;
    if (!order || parcel === 0) return;
    const same = this.#label?.taskId === order.task.taskId && this.#label.parcel === parcel;
    const requestedAt = same && this.#label ? this.#label.requestedAt : this.#now();
    this.#label = { taskId: order.task.taskId, parcel, requestedAt, jobId };
    this.options.store.save(this.#session, [], this.#label);
  }

  #enqueue(item: { input: PackInput; scan?: RawScan }): void {
    this.#queue.push(item);
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) this.#apply(next.input, next.scan);
    } finally {
      this.#busy = false;
    }
  }

  #apply(input: PackInput, scan: RawScan | undefined): void {
    const now = this.#now();
    const result = step(this.#session, input, this.context(now));
    const bodies: StationEventBody[] = [...result.events];
    if (scan && bodies.length === 0) bodies.push(bareScan(scan, input));
    const events = this.options.recorder.build(bodies, now);
    this.#label = nextClaim(this.#label, result.state, result.events, now);
    // Written ahead: the session and its events together, before the journal has them.
    this.options.store.save(result.state, events, this.#label);
    this.options.recorder.commit(events);
    this.#session = result.state;
    const applied: Applied = { input, session: result.state, events, display: result.display };
    for (const listener of this.#listeners) {
      try {
        listener(applied);
      } catch (err) {
        log.error({ err: (err as Error).message, input: input.type }, 'a listener failed on a pack step');
      }
    }
  }
}

/** The label claim after a step: a new one when the session let a parcel's label print, none once it is settled. */
function nextClaim(claim: LabelClaim | null, session: PackSession, events: readonly PackEvent[], now: number): LabelClaim | null {
  const order = session.order;
  const parcel = order ? requestedParcel(order) : 0;
  if (!order || parcel === 0) return null;
  const taskId = order.task.taskId;
  if (events.some((event) => event.type === 'pack.label_requested')) return { taskId, parcel, requestedAt: now, jobId: null };
  return claim?.taskId === taskId && claim.parcel === parcel ? claim : null;
}

function bareScan(scan: RawScan, input: PackInput): StationEventBody {
  const raw = input.type === 'scan' ? input.raw : Buffer.from(scan.bytes).toString('base64');
  const bytes = Buffer.from(raw, 'base64');
  return {
    type: 'scan',
    data: bytes.toString('utf8'),
    raw,
    source: scan.source,
    ...(input.type === 'scan' && input.truncated === true ? { truncated: true as const } : {}),
  };
}
