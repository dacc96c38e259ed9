import { diskErrorCode } from '../../common/file-io.js';
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

/** Why the station's disk refuses its writes (ENOSPC: full), since when. */
export interface DiskTrouble {
  readonly code: string;
  readonly message: string;
  readonly since: number;
}

/**
 * Runs the pack session for real: every input is one `step` against the station's current
 * context; its events are numbered, written ahead with the new session in the session
 * document (one synchronous write), journaled and sent — all before anything acts on them —
 * and then listeners act (print a label, redraw the screen). A scan the session made no event
 * of still becomes one: a bare `scan` event (invariant 2: every scan becomes an event).
 *
 * Inputs arriving from a listener are applied after the current one, in order.
 *
 * A step whose session or journal write fails on the disk (full, quota, I/O error) is refused,
 * not applied: the session stays as it was, its sequences are taken back, and `diskTrouble`
 * says why until a later step is written (each input tries again). The packer's scan is then
 * not taken, rather than taken and lost (docs/operations.md, "Disk full").
 */
export class PackDriver {
  #session: PackSession;
  #label: LabelClaim | null;
  readonly #queue: Array<{ input: PackInput; scan?: RawScan }> = [];
  #busy = false;
  readonly #listeners = new Set<(applied: Applied) => void>();
  readonly #diskListeners = new Set<() => void>();
  #diskTrouble: DiskTrouble | undefined;
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
      weightTolerance: copy.weightTolerance,
      ...(this.options.warehouse === undefined ? {} : { warehouse: this.options.warehouse }),
      ...(this.options.scale ? { scale: this.options.scale() } : {}),
    };
  }

  /** The screen as it is now (it moves with the clock: the order wait, the gate). */
  display(): Display {
    return displayOf(this.#session, this.context());
  }

  /** Set while the disk refuses the session's writes (the last input was refused). */
  get diskTrouble(): DiskTrouble | undefined {
    return this.#diskTrouble;
  }

  /** Calls `listener` when `diskTrouble` comes or goes. */
  onDiskChange(listener: () => void): () => void {
    this.#diskListeners.add(listener);
    return () => this.#diskListeners.delete(listener);
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
    const label = nextClaim(this.#label, result.state, result.events, now);
    try {
      // Written ahead: the session and its events together, before the journal has them.
      this.options.store.save(result.state, events, label);
      this.options.recorder.commit(events);
    } catch (err) {
      const code = diskErrorCode(err);
      if (code === undefined) throw err;
      return this.#refuse(input, events, code, err as Error);
    }
    this.#label = label;
    this.#session = result.state;
    this.#setDiskTrouble(undefined);
    const applied: Applied = { input, session: result.state, events, display: result.display };
    for (const listener of this.#listeners) {
      try {
        listener(applied);
      } catch (err) {
        log.error({ err: (err as Error).message, input: input.type }, 'a listener failed on a pack step');
      }
    }
  }

  /** The step could not be written: it did not happen. */
  #refuse(input: PackInput, events: readonly StationEvent[], code: string, err: Error): void {
    this.options.recorder.discard(events);
    try {
      // The session document may hold the refused step already: put the session before it back.
      this.options.store.save(this.#session, [], this.#label);
    } catch {
      // Still the full disk. Should the agent stop before it is rewritten, the step is recovered into the journal at start: taken late, not lost.
    }
    log.error({ code, err: err.message, input: input.type }, 'the disk refused a pack step; the input is not taken');
    this.#setDiskTrouble({ code, message: err.message, since: this.#diskTrouble?.since ?? this.#now() });
  }

  #setDiskTrouble(trouble: DiskTrouble | undefined): void {
    if (trouble === undefined && this.#diskTrouble === undefined) return;
    const changed = (trouble === undefined) !== (this.#diskTrouble === undefined);
    this.#diskTrouble = trouble;
    if (trouble === undefined) log.info('the disk takes pack steps again');
    if (changed) for (const listener of this.#diskListeners) listener();
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
