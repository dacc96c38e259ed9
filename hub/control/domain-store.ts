import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { AtomicJsonFile } from '../../common/atomic-file.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { settledWithin } from '../../common/timeout.js';
import { applyCommand, type CommandResult, type DomainOptions } from '../domain/apply.js';
import type { Audit, CommandContext } from '../domain/audit.js';
import type { DomainEvent, EventData } from '../domain/events.js';
import { MAPPING_WING } from '../mapping/mapping-wing.js';
import type { DomainCommand } from '../domain/schemas.js';
import { createDomainState, restoreDomainState, type DomainState } from '../domain/state.js';
import { buildNodeIndexInBackground } from '../domain/node-index.js';
import type { History, HistoryRecord } from '../store/history.js';
import { domainKeys } from './history-keys.js';

const log = createLogger('hub.domain-store');
/** How long a snapshot waits for the history's sync before it is skipped. */
const SNAPSHOT_SYNC_WAIT_MS = 5000;
const SNAPSHOT_DELAY_MS = 1000;

interface SnapshotDoc {
  /** The history sequence the state includes; commands after it are replayed at start. */
  historySeq: number;
  state: DomainState | null;
}

export type ExecuteResult = CommandResult & { record?: HistoryRecord };

/** Commands refused by the domain since start, by command type, then by code. */
export type CommandRefusals = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * The hub's domain state, kept durable the cheap way: every applied command is appended to
 * the history (one write, safe against kill -9) before anyone is told, and the state itself
 * is snapshotted to a lowdb document at most once a second. At start, the commands after the
 * snapshot are applied again; the domain is pure, so the replay gives the same state.
 */
export class DomainStore {
  #state: DomainState;
  #historySeq: number;
  #snapshotTimer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #indexBuild: { stop(): void; readonly done: Promise<void> } | undefined;
  readonly #refused: Record<string, Record<string, number>> = {};

  private constructor(
    private readonly db: Low<SnapshotDoc>,
    private readonly history: History,
    private readonly options: DomainOptions,
  ) {
    this.#state = createDomainState();
    this.#historySeq = 0;
    if (!db.data.state) return;
    try {
      if (!Number.isSafeInteger(db.data.historySeq) || db.data.historySeq < 0) throw new Error(`historySeq ${String(db.data.historySeq)}`);
      // A history shorter than the snapshot lost its tail (docs/history-store.md, "Recovery"): the snapshot holds what it no longer does.
      if (db.data.historySeq > history.lastSeq) throw new Error(`it includes history up to ${db.data.historySeq}, the history ends at ${history.lastSeq}`);
      this.#state = restoreDomainState(db.data.state);
      this.#historySeq = db.data.historySeq;
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'domain snapshot not valid; rebuilding the domain from the whole history');
    }
  }

  /**
   * Opens the snapshot at `path` (or none) and replays the history after it. The snapshot is a
   * cache of the history: a missing, unreadable or invalid one (a truncated file, say) is
   * rebuilt by replaying every command from the start, with a log line.
   */
  static async open(history: History, path: string | undefined, options: Omit<DomainOptions, 'mapping'> = {}): Promise<DomainStore> {
    if (path) mkdirSync(dirname(path), { recursive: true });
    const db = new Low<SnapshotDoc>(path ? new AtomicJsonFile(path) : new Memory(), { historySeq: 0, state: null });
    try {
      await db.read();
    } catch (err) {
      log.warn({ path, err: errorMessage(err) }, 'domain snapshot unreadable; rebuilding the domain from the whole history');
      db.data = { historySeq: 0, state: null };
    }
    const store = new DomainStore(db, history, { mapping: MAPPING_WING, ...options });
    store.#replay();
    return store;
  }

  get state(): DomainState {
    return this.#state;
  }

  /** Applies a command; on success its record is in the history before this returns. A refusal is counted. */
  execute(command: DomainCommand, context: CommandContext): ExecuteResult {
    const result = applyCommand(this.#state, command, context, this.options);
    if (!result.ok) this.#count(command.type, result.code);
    if (!result.ok || result.events.length === 0) return result;
    const events = result.events.map(withoutAudit);
    const record = this.history.append({
      kind: 'domain',
      command,
      audit: result.events[0]!.audit,
      events,
      keys: domainKeys(events),
    });
    this.#state = result.state;
    this.#historySeq = record.seq;
    this.#scheduleSnapshot();
    return { ...result, record };
  }

  /** How many commands the domain refused since start, by command type and code (`/metrics`). */
  refusals(): CommandRefusals {
    return structuredClone(this.#refused);
  }

  #count(type: string, code: string): void {
    const byCode = (this.#refused[type] ??= {});
    byCode[code] = (byCode[code] ?? 0) + 1;
  }

  /** Writes the snapshot now. */
  async flush(): Promise<void> {
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = undefined;
    // Every domain record up to the history's newest is in the state (a command is stored and
    // applied in one step): the next start replays from there, not from the last command on,
    // which would read every station event after it.
    const data = { historySeq: Math.max(this.#historySeq, this.history.lastSeq), state: this.#state };
    // Never ahead of the history on disk: a snapshot covering records a power cut took back
    // would skip the new records written under their sequences. If the history cannot be
    // synced now, no snapshot (it is a cache; the next start replays the history).
    if (!(await settledWithin(this.history.synced(), SNAPSHOT_SYNC_WAIT_MS))) {
      log.warn('history not synced; domain snapshot skipped');
      return;
    }
    this.db.data = data;
    this.#writing = this.#writing.then(() => this.db.write());
    await this.#writing;
  }

  /** Resolves once the node index of the state is built (it is built in the background after start). */
  indexed(): Promise<void> {
    return this.#indexBuild?.done ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.#indexBuild?.stop();
    await this.flush();
  }

  #scheduleSnapshot(): void {
    this.#snapshotTimer ??= setTimeout(() => {
      this.flush().catch((err: Error) => log.error({ err: err.message }, 'domain snapshot failed; the history still has every command'));
    }, SNAPSHOT_DELAY_MS);
  }

  #replay(): void {
    let replayed = 0;
    for (const record of this.history.scanWithArchive(this.#historySeq)) {
      if (record.kind !== 'domain') continue;
      const result = applyCommand(this.#state, record.command, contextOf(record.audit), this.options);
      if (!result.ok) {
        log.error({ seq: record.seq, code: result.code }, 'a stored command no longer applies; skipped');
        continue;
      }
      this.#state = result.state;
      this.#historySeq = record.seq;
      replayed += 1;
    }
    if (replayed > 0) log.info({ replayed }, 'domain commands replayed after the snapshot');
    // The node index is derived, never saved: built a slice at a time from now on, so that neither
    // the start nor the first patrol pass or funnel request waits for all of it.
    this.#indexBuild = buildNodeIndexInBackground(this.#state);
  }
}

function withoutAudit(event: DomainEvent): EventData {
  const { audit: _audit, ...data } = event;
  return data as EventData;
}

function contextOf(audit: Audit): CommandContext {
  return {
    now: new Date(audit.at),
    actor: audit.actor,
    raw: audit.raw,
    ...(audit.origin !== undefined ? { origin: audit.origin } : {}),
    ...(audit.reason !== undefined ? { reason: audit.reason } : {}),
  };
}
