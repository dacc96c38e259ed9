import type { Audit } from './audit.js';
import type { DomainEvent, EventData } from './events.js';
import type { Alert, ChannelSkuResolver, DomainConfig, DomainState, FreezeList, MappingLogEntry, StopList, WeightToleranceChange } from './state.js';

/** A deeply read-only view of plain data. */
export type Immutable<T> = T extends ReadonlyArray<infer U>
  ? ReadonlyArray<Immutable<U>>
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

/** The state as queries and handlers read it; a `DomainState` is one. */
export type ReadonlyDomainState = Immutable<DomainState>;

/** The collections of the state that hold records by id. */
export type Collection =
  | 'mappings'
  | 'pendingMappings'
  | 'templates'
  | 'pendingTemplates'
  | 'channelResolution'
  | 'catalog'
  | 'boxTypes'
  | 'weighings'
  | 'orders'
  | 'waybills'
  | 'tasks'
  | 'stops'
  | 'freezes'
  | 'stations'
  | 'stock'
  | 'carrierEvents'
  | 'stuck'
  | 'handovers'
  | 'intercepts'
  | 'conditions'
  | 'disputes';
type EntityOf<K extends Collection> = DomainState[K][string];

/**
 * One command being applied, copy-on-write: handlers read `state` (the state as changed so far,
 * read-only) and change a record only through `edit`/`put`/`remove`, which copy what they touch
 * into the new state. The input state is never changed, and a command costs what it touches,
 * not the size of the state. A rejected command's new state is dropped, so a handler may
 * change things before it finds a reason to refuse.
 */
export interface Tx {
  readonly state: ReadonlyDomainState;
  readonly now: Date;
  /** `now` as an ISO string: every timestamp the command writes. */
  readonly at: string;
  readonly config: Readonly<DomainConfig>;
  readonly resolve: ChannelSkuResolver;
  readonly audit: Audit;
  readonly events: DomainEvent[];
  emit(event: EventData): void;
  /** A writable copy of a record, or undefined if there is none with this id. */
  edit<K extends Collection>(collection: K, id: string): EntityOf<K> | undefined;
  put<K extends Collection>(collection: K, id: string, value: EntityOf<K>): void;
  remove(collection: Collection, id: string): void;
  /** Appends an alert with the next sequence number. */
  addAlert(alert: Omit<Alert, 'seq'>): Alert;
  /** A writable copy of the alert at this index of `state.alerts`. */
  editAlert(index: number): Alert;
  setList(name: 'stopList', list: Immutable<StopList>): void;
  setList(name: 'freezeList', list: Immutable<FreezeList>): void;
  /** Appends a mapping log entry; the mapping version becomes its version. */
  appendMappingLog(entry: MappingLogEntry): void;
  /** Appends a change of the site's weight tolerance. */
  appendWeightToleranceLog(entry: WeightToleranceChange): void;
  /** Raises the catalog version by one and returns it. */
  nextCatalogVersion(): number;
  /** The next id of a kind: `T1`, `S1`, `F1` … */
  nextId(kind: 'task' | 'stop' | 'freeze' | 'handover' | 'weighing'): string;
  /** The new state: the input's records, with copies of what was changed. */
  result(): DomainState;
  /** The state the transaction started from (unchanged). */
  readonly base: ReadonlyDomainState;
  /** Ids of the orders, tasks and handover batches this transaction edited, put or removed (the derived indexes follow them). */
  readonly touched: Touched;
}

export interface Touched {
  readonly orders: ReadonlySet<string>;
  readonly tasks: ReadonlySet<string>;
  readonly handovers: ReadonlySet<string>;
}

/** The transactions under way, by their state (their `tx.state`), until `result()`. */
const drafts = new WeakMap<ReadonlyDomainState, { readonly base: ReadonlyDomainState; readonly touched: Touched }>();

/**
 * If `state` is the state of a command under way (a `tx.state`), where it started and what it has
 * touched so far: a derived index of the base is true for every record not touched.
 */
export function draftOf(state: ReadonlyDomainState): { readonly base: ReadonlyDomainState; readonly touched: Touched } | undefined {
  return drafts.get(state);
}

const PREFIX = { task: 'T', stop: 'S', freeze: 'F', handover: 'H', weighing: 'W' } as const;

export function createTx(
  base: DomainState,
  now: Date,
  config: Readonly<DomainConfig>,
  resolve: ChannelSkuResolver,
  audit: Audit,
): Tx {
  const events: DomainEvent[] = [];
  const draft: DomainState = { ...base, counters: { ...base.counters } };
  const copied = new Set<Collection | 'alerts' | 'mappingLog'>();
  const owned = new WeakSet<object>();
  const touched = { orders: new Set<string>(), tasks: new Set<string>(), handovers: new Set<string>() };
  const touch = (collection: Collection, id: string): void => {
    if (collection === 'orders' || collection === 'tasks' || collection === 'handovers') touched[collection].add(id);
  };
  drafts.set(draft, { base, touched });

  function records<K extends Collection>(collection: K): Record<string, EntityOf<K>> {
    if (!copied.has(collection)) {
      (draft as Record<Collection, unknown>)[collection] = { ...draft[collection] };
      copied.add(collection);
    }
    return draft[collection] as Record<string, EntityOf<K>>;
  }
  function alerts(): Alert[] {
    if (!copied.has('alerts')) {
      draft.alerts = [...draft.alerts];
      copied.add('alerts');
    }
    return draft.alerts;
  }

  return {
    state: draft,
    now,
    at: now.toISOString(),
    config,
    resolve,
    audit,
    events,
    emit: (event) => void events.push({ ...event, audit } as DomainEvent),
    edit<K extends Collection>(collection: K, id: string): EntityOf<K> | undefined {
      const table = draft[collection] as Record<string, EntityOf<K>>;
      const current = Object.hasOwn(table, id) ? table[id] : undefined;
      if (current === undefined || owned.has(current)) return current;
      const copy = structuredClone(current);
      owned.add(copy);
      touch(collection, id);
      records(collection)[id] = copy;
      return copy;
    },
    put(collection, id, value) {
      owned.add(value);
      touch(collection, id);
      records(collection)[id] = value;
    },
    remove(collection, id) {
      touch(collection, id);
      delete records(collection)[id];
    },
    addAlert(fields) {
      draft.counters.alert += 1;
      const alert: Alert = { seq: draft.counters.alert, ...fields };
      owned.add(alert);
      alerts().push(alert);
      return alert;
    },
    editAlert(index) {
      const list = alerts();
      const current = list[index]!;
      if (owned.has(current)) return current;
      const copy = structuredClone(current);
      owned.add(copy);
      list[index] = copy;
      return copy;
    },
    setList(name: 'stopList' | 'freezeList', list: Immutable<StopList | FreezeList>) {
      (draft as Record<typeof name, unknown>)[name] = list;
    },
    appendMappingLog(entry) {
      if (!copied.has('mappingLog')) {
        draft.mappingLog = [...draft.mappingLog];
        copied.add('mappingLog');
      }
      draft.mappingLog.push(entry);
      draft.mappingVersion = entry.version;
    },
    appendWeightToleranceLog(entry) {
      draft.weightToleranceLog = [...draft.weightToleranceLog, entry];
    },
    nextCatalogVersion() {
      draft.catalogVersion += 1;
      return draft.catalogVersion;
    },
    nextId(kind) {
      const next = (draft.counters[kind] ?? 0) + 1;
      draft.counters[kind] = next;
      return `${PREFIX[kind]}${next}`;
    },
    result: () => {
      drafts.delete(draft);
      return draft;
    },
    base,
    touched,
  };
}
