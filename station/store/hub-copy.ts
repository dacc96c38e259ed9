import { basename, dirname, join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { AtomicJsonFile } from '../../common/atomic-file.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { FreezeListPayload, HoldCommand, MappingDeltaPayload, MappingSnapshotPayload, SitePolicyPayload, StopListPayload } from '../../protocol/index.js';
import { DEFAULT_WEIGHT_TOLERANCE, sameTolerance, type WeightTolerance } from '../../protocol/pack-vocabulary.js';
import { isPackTask, packPolicy, type FreezeList, type MappingSnapshot, type PackPolicy, type PackTask, type StopEntry, type StopList } from '../pack/index.js';

import { MappingCopy } from './mapping-copy.js';
import { TaskLog } from './task-log.js';

const log = createLogger('station.store.hub-copy');

/** A hold the hub commanded before its retained stop list said so (a stop list that is on its way). */
interface ProvisionalStop extends StopEntry {
  /** The stop-list version that will carry it; a list at least this new replaces it. */
  readonly stopListVersion: number;
}

/** The station's copy of what the hub publishes, as lowdb keeps it in `hub-copy.json`. */
export interface HubCopyDoc {
  v: 1;
  stops: StopListPayload | null;
  freezes: FreezeListPayload | null;
  provisional: ProvisionalStop[];
  /** Overrides of the pack policy (the offline policy included); defaults fill the rest. */
  policy: Partial<PackPolicy>;
  /** The hub's last site policy (the weight tolerance); absent until one arrives. */
  site?: SitePolicyPayload;
}

const EMPTY: HubCopyDoc = { v: 1, stops: null, freezes: null, provisional: [], policy: {} };

/** What older copies held in the document itself; now in the task log beside it. */
interface LegacyTasks {
  tasks?: { version: number; list: unknown[] };
}

/** The versions the station reports in its status. */
export interface HeldVersions {
  readonly stops: number | null;
  readonly freezes: number | null;
  readonly mapping: number | null;
  readonly tasks: number | null;
}

/**
 * The hub's lists, mapping snapshot and released tasks as this station holds them, with the
 * offline policy. Every update is whole: the caller has validated the payload against its
 * protocol schema; it replaces what was held in memory in one assignment and on disk in one
 * lowdb write (a temporary file, fsynced, renamed over the old one), so a crash or a power cut
 * leaves the old copy or the new one, never a mix. What changes too often or is too large to rewrite whole at every
 * change has its own files beside the document: the mapping snapshot (`MappingCopy`,
 * `hub-mapping.json`) and the released tasks (`TaskLog`, `hub-tasks.jsonl`). Reads are from
 * memory.
 */
export class HubCopy {
  #stopList: StopList | null = null;
  #policy: PackPolicy;
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Low<HubCopyDoc>,
    private readonly mappingCopy: MappingCopy,
    private readonly taskLog: TaskLog,
  ) {
    this.#policy = packPolicy(db.data.policy);
    this.#refreshStopList();
  }

  /** Opens `path` (or memory only), applying `policy` overrides given at start. */
  static async open(path: string | undefined, policy: Partial<PackPolicy> = {}): Promise<HubCopy> {
    const adapter = path ? new AtomicJsonFile<HubCopyDoc>(path) : new Memory<HubCopyDoc>();
    const db = new Low<HubCopyDoc>(adapter, structuredClone(EMPTY));
    try {
      await db.read();
    } catch (err) {
      log.error({ path, err: errorMessage(err) }, 'hub copy unreadable; starting empty (the hub sends everything again)');
      db.data = structuredClone(EMPTY);
    }
    if (db.data?.v !== 1) {
      if (db.data) log.warn('hub copy of another version; starting empty (the hub sends everything again)');
      db.data = structuredClone(EMPTY);
    }
    // Older copies held the mapping in this document; it now has its own files.
    delete (db.data as { mapping?: unknown }).mapping;
    const beside = (name: string, extension: string) => path && join(dirname(path), basename(path).replace(/^hub-copy/, name).replace(/\.json$/, '') + extension);
    const taskLog = TaskLog.open(beside('hub-tasks', '.jsonl'));
    adoptLegacyTasks(db.data as HubCopyDoc & LegacyTasks, taskLog);
    const copy = new HubCopy(db, MappingCopy.open(beside('hub-mapping', '.json')), taskLog);
    if (Object.keys(policy).length > 0) copy.setPolicy({ ...db.data.policy, ...policy });
    return copy;
  }

  get stopList(): StopList | null {
    return this.#stopList;
  }

  get freezeList(): FreezeList | null {
    return this.db.data.freezes;
  }

  get mapping(): MappingSnapshot {
    return this.mappingCopy.snapshot;
  }

  /** Master SKUs whose mapping change awaits confirmation at the hub, for `PackContext.pendingSkus`. */
  get pendingSkus(): readonly string[] {
    return this.mappingCopy.pending;
  }

  /** Released tasks by key, for `PackContext.tasks`. */
  get tasks(): Readonly<Record<string, PackTask>> {
    return this.taskLog.index;
  }

  get policy(): PackPolicy {
    return this.#policy;
  }

  /** The site's weight tolerance: the last the hub sent, kept across restarts; the default until one arrives. */
  get weightTolerance(): WeightTolerance {
    return this.db.data.site?.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE;
  }

  versions(): HeldVersions {
    const { stops, freezes } = this.db.data;
    return { stops: stops?.version ?? null, freezes: freezes?.version ?? null, mapping: this.mappingCopy.version, tasks: this.taskLog.version };
  }

  /** The hub's stop list replaces the one held; holds it now carries are no longer provisional. */
  replaceStops(list: StopListPayload): void {
    this.#update((doc) => {
      doc.stops = list;
      doc.provisional = doc.provisional.filter((hold) => hold.stopListVersion > list.version);
    });
  }

  replaceFreezes(list: FreezeListPayload): void {
    this.#update((doc) => void (doc.freezes = list));
  }

  /** The hub's site policy replaces the one held; the same settings again (at every connect) write nothing. */
  replaceSitePolicy(policy: SitePolicyPayload): void {
    const held = this.db.data.site?.weightTolerance;
    if (held && sameTolerance(held, policy.weightTolerance)) return;
    this.#update((doc) => void (doc.site = policy));
  }

  /** The mapping snapshot replaces the one held; GTIN keys are held as GTIN-14, as the session looks them up. */
  replaceMapping(snapshot: MappingSnapshotPayload): void {
    this.mappingCopy.replace(snapshot);
  }

  /** Applies a mapping delta whole if it continues the version held; false (nothing changed) otherwise. */
  applyMappingDelta(delta: MappingDeltaPayload): boolean {
    return this.mappingCopy.applyDelta(delta);
  }

  /**
   * A stop or block the hub commanded: held at once, before the retained list that carries it
   * arrives (the hub's lists are authoritative; this only ever adds a hold). A release drops
   * the provisional holds of the task; only a newer list can lift a listed one.
   */
  applyHold(command: HoldCommand): void {
    this.#update((doc) => {
      doc.provisional = doc.provisional.filter((hold) => hold.taskId !== command.taskId);
      if (command.type === 'task-released') return;
      if (doc.stops && doc.stops.version >= command.stopListVersion) return;
      doc.provisional.push({ taskId: command.taskId, orderId: command.orderId, reason: command.reason ?? command.type, stopListVersion: command.stopListVersion });
    });
  }

  /** A task the hub sent; it replaces an older copy of the same task. False if it is not a usable task. */
  addTask(task: PackTask): boolean {
    if (!isPackTask(task)) return false;
    this.taskLog.add(task);
    return true;
  }

  /** Drops a task's platform print data from the tasks held, on disk too (`TaskLog.dropPrintData`). */
  dropPrintData(taskId: string): boolean {
    return this.taskLog.dropPrintData(taskId);
  }

  setPolicy(policy: Partial<PackPolicy>): void {
    const checked = packPolicy(policy);
    this.#update((doc) => void (doc.policy = { ...policy }));
    this.#policy = checked;
  }

  /** Resolves once every update so far is on disk. */
  async flush(): Promise<void> {
    await Promise.all([this.#writing, this.mappingCopy.flush()]);
  }

  /** Flushes and releases the mapping's delta log and the task log. */
  async close(): Promise<void> {
    await this.flush();
    this.mappingCopy.close();
    this.taskLog.close();
  }

  #update(change: (doc: HubCopyDoc) => void): void {
    const next = structuredClone(this.db.data);
    change(next);
    this.db.data = next;
    this.#refreshStopList();
    this.#writing = this.#writing.then(() => this.db.write()).catch((err: Error) => log.error({ err: err.message }, 'hub copy not written; kept in memory'));
  }

  #refreshStopList(): void {
    const { stops, provisional } = this.db.data;
    const entries: StopEntry[] = [...(stops?.entries ?? []), ...provisional.map(({ taskId, orderId, reason }) => ({ taskId, orderId, reason }))];
    // Provisional holds alone are no stop list: the gate stays shut (`no_stop_list`) until one arrives.
    this.#stopList = stops ? { version: stops.version, entries } : null;
  }
}

/**
 * Moves the tasks an older copy held in its document into the task log, once: a log that holds
 * tasks already has them. The document drops them at its next write.
 */
function adoptLegacyTasks(doc: HubCopyDoc & LegacyTasks, taskLog: TaskLog): void {
  const legacy = doc.tasks;
  delete doc.tasks;
  if (!legacy || !Array.isArray(legacy.list) || taskLog.version > 0) return;
  for (const task of legacy.list) if (isPackTask(task)) taskLog.add(task);
}
