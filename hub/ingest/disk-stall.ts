import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { parseStationTopic, type SiteTopics } from '../../protocol/index.js';

const log = createLogger('hub.ingest.stall');
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * Whether ingest can store: `stalled` while the disk refuses the history's writes (ENOSPC,
 * EDQUOT, EIO …). Nothing is stored or acked then; stations keep their outboxes.
 */
export type IngestStorage =
  | { readonly state: 'ok'; readonly deferred: number }
  | {
      readonly state: 'stalled';
      /** The errno of the failed write (ENOSPC: disk full). */
      readonly code: string;
      readonly message: string;
      readonly since: string;
      /** When the next try is due. */
      readonly retryAt: string;
      /** Station payloads not stored since the hub started, to be sent again by their stations (cumulative). */
      readonly deferred: number;
    };

export interface StationPayload {
  readonly topic: string;
  readonly payload: Buffer;
}

/** What a stall held when it ended: the payload to store first, then what to ask for again. */
export interface StallHeld {
  readonly code: string;
  readonly since: Date;
  readonly delayMs: number;
  readonly failed: StationPayload;
  /** Stations whose events were passed over: asked to send again from their first missing sequence. */
  readonly replay: ReadonlySet<string>;
  /** Each station's newest status not stored (one per station). */
  readonly statuses: ReadonlyMap<string, Buffer>;
}

interface Stall extends StallHeld {
  readonly message: string;
  readonly retryAt: Date;
  readonly timer: NodeJS.Timeout;
  readonly replay: Set<string>;
  readonly statuses: Map<string, Buffer>;
}

/**
 * Ingest's bookkeeping while the disk refuses the history's writes: the one payload whose write
 * failed (tried again on a backoff from `firstRetryMs`, doubling to 30 s), the stations whose
 * events were passed over, each station's newest status. Bounded: one payload, one status per
 * station. `retry` is called when a try is due; it ends the stall (`end`) and stores.
 */
export class DiskStall {
  #stall: Stall | undefined;
  #deferred = 0;

  constructor(
    private readonly topics: SiteTopics,
    private readonly retry: () => void,
    private readonly firstRetryMs = FIRST_RETRY_MS,
  ) {}

  get active(): boolean {
    return this.#stall !== undefined;
  }

  /** The disk refused the write of `failed` (`previous`: a retry of an earlier stall failed again). */
  begin(code: string, err: unknown, failed: StationPayload, previous?: StallHeld): void {
    if (!previous) log.error({ code, err: errorMessage(err) }, 'the disk refused a history write: storing and acking nothing until it takes writes again');
    const delayMs = previous ? Math.min(previous.delayMs * 2, MAX_RETRY_MS) : this.firstRetryMs;
    this.#stall = {
      code,
      message: errorMessage((err as Error).cause ?? err),
      since: previous?.since ?? new Date(),
      delayMs,
      retryAt: new Date(Date.now() + delayMs),
      timer: setTimeout(this.retry, delayMs),
      failed,
      replay: new Set(previous?.replay),
      statuses: new Map(previous?.statuses),
    };
    this.#note(this.#stall, failed);
  }

  /** A payload arriving while stalled: its station sends it again later (events), or it is kept (the newest status). */
  defer(payload: StationPayload): void {
    if (!this.#stall) return;
    this.#deferred += 1;
    this.#note(this.#stall, payload);
  }

  /** Ends the stall; what it held. */
  end(): StallHeld | undefined {
    const stall = this.#stall;
    if (stall) clearTimeout(stall.timer);
    this.#stall = undefined;
    return stall;
  }

  storage(): IngestStorage {
    const stall = this.#stall;
    if (!stall) return { state: 'ok', deferred: this.#deferred };
    const { code, message } = stall;
    return { state: 'stalled', code, message, since: stall.since.toISOString(), retryAt: stall.retryAt.toISOString(), deferred: this.#deferred };
  }

  #note(stall: Stall, { topic, payload }: StationPayload): void {
    const target = parseStationTopic(this.topics, topic);
    if (target?.leaf === 'events') stall.replay.add(target.station);
    else if (target?.leaf === 'status' && payload.byteLength > 0) stall.statuses.set(target.station, payload);
  }
}
