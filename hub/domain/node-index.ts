import { FULFILMENT_NODES, STUCK_NODES, type FulfilmentNode, type StuckNode } from '../../protocol/fulfilment-vocabulary.js';
import { fulfilmentNodes, waitingAt } from './fulfilment.js';
import { getOwn } from './state.js';
import type { ReadonlyDomainState } from './tx.js';

/** Order ids sorted by an ISO time (UTC, so string order is time order), ties in insertion order. */
export class TimeSortedIds {
  private readonly times: string[] = [];
  private readonly ids: string[] = [];

  /** Fills an empty list at once: one sort, not one insertion per entry (building an index on load). */
  load(times: readonly string[], ids: readonly string[]): void {
    this.loadInOrder(times, ids, times.map((_, i) => i).sort((a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : a - b)));
  }

  /** Fills an empty list with `times` and `ids` taken in `order` (their positions sorted by time, ties in insertion order). */
  loadInOrder(times: readonly string[], ids: readonly string[], order: readonly number[]): void {
    this.times.length = 0;
    this.ids.length = 0;
    for (const i of order) {
      this.times.push(times[i]!);
      this.ids.push(ids[i]!);
    }
  }

  get size(): number {
    return this.times.length;
  }

  /** The number of entries with a time strictly before `time`. */
  private before(time: string): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The number of entries with a time at or before `time`. */
  private atOrBefore(time: string): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(time: string, id: string): void {
    const at = this.atOrBefore(time);
    if (at === this.times.length) {
      this.times.push(time);
      this.ids.push(id);
    } else {
      this.times.splice(at, 0, time);
      this.ids.splice(at, 0, id);
    }
  }

  delete(time: string, id: string): void {
    for (let i = this.before(time); i < this.times.length && this.times[i] === time; i++) {
      if (this.ids[i] !== id) continue;
      this.times.splice(i, 1);
      this.ids.splice(i, 1);
      return;
    }
  }

  /** How many entries have a time in [from, to], both ends included. */
  countIn(from: string, to: string): number {
    return Math.max(0, this.atOrBefore(to) - this.before(from));
  }

  /** Calls `visit` for each entry at or before `cutoff`, oldest first. */
  forEachUpTo(cutoff: string, visit: (id: string, time: string) => void): void {
    const end = this.atOrBefore(cutoff);
    for (let i = 0; i < end; i++) visit(this.ids[i]!, this.times[i]!);
  }
}

interface OrderEntry {
  readonly at: Partial<Record<FulfilmentNode, string>>;
  readonly waiting: { node: StuckNode; since: string } | undefined;
}

/**
 * A derived index of the orders by fulfilment node: for each node, every order that reached it
 * by the time it did (the funnel), and for each node with a limit, the open orders waiting there
 * by the time they reached it (the patrol). Never saved: built from a state, then carried along
 * by {@link applyCommand} to the states it returns, updated for the orders the command touched.
 */
export class NodeIndex {
  readonly reached = Object.fromEntries(FULFILMENT_NODES.map((node) => [node, new TimeSortedIds()])) as Record<FulfilmentNode, TimeSortedIds>;
  readonly waiting = Object.fromEntries(STUCK_NODES.map((node) => [node, new TimeSortedIds()])) as Record<StuckNode, TimeSortedIds>;
  private readonly entries = new Map<string, OrderEntry>();

  /** What the index holds of one order, as `state` holds it; undefined for an order it lacks. */
  private entryOf(state: ReadonlyDomainState, orderId: string): OrderEntry | undefined {
    const order = getOwn(state.orders, orderId);
    if (!order) return undefined;
    const task = order.taskId === undefined ? undefined : getOwn(state.tasks, order.taskId);
    return { at: fulfilmentNodes(state, order).at, waiting: waitingAt(order, task) };
  }

  /** Fills an empty index with every order of `state`: entries collected, then each list sorted once. */
  load(state: ReadonlyDomainState): void {
    for (const _ of this.loadInSlices(state, Infinity)) void _;
  }

  /**
   * {@link load} a slice at a time: yields after about `slice` orders collected or `slice` steps
   * of a sort, so that a large index is built between other work (the hub at start). The lists
   * come out as `load` makes them: sorted by time, ties in the order of `state.orders`.
   */
  *loadInSlices(state: ReadonlyDomainState, slice: number): Generator<void, void, undefined> {
    const lists = new Map<TimeSortedIds, { times: string[]; ids: string[] }>();
    const push = (list: TimeSortedIds, time: string, id: string) => {
      let raw = lists.get(list);
      if (!raw) lists.set(list, (raw = { times: [], ids: [] }));
      raw.times.push(time);
      raw.ids.push(id);
    };
    let collected = 0;
    for (const id in state.orders) {
      const entry = this.entryOf(state, id)!;
      for (const node of FULFILMENT_NODES) if (entry.at[node] !== undefined) push(this.reached[node], entry.at[node], id);
      if (entry.waiting) push(this.waiting[entry.waiting.node], entry.waiting.since, id);
      this.entries.set(id, entry);
      if (++collected >= slice) {
        collected = 0;
        yield;
      }
    }
    for (const [list, raw] of lists) {
      if (slice === Infinity) list.load(raw.times, raw.ids);
      else list.loadInOrder(raw.times, raw.ids, yield* stableOrder(raw.times, slice * SORT_STEPS_PER_ORDER));
    }
  }

  /** Brings the index up to date for one order, as `state` now holds it (or its absence). */
  update(state: ReadonlyDomainState, orderId: string): void {
    const old = this.entries.get(orderId);
    if (old) {
      for (const node of FULFILMENT_NODES) if (old.at[node] !== undefined) this.reached[node].delete(old.at[node], orderId);
      if (old.waiting) this.waiting[old.waiting.node].delete(old.waiting.since, orderId);
      this.entries.delete(orderId);
    }
    const entry = this.entryOf(state, orderId);
    if (!entry) return;
    const { at, waiting } = entry;
    for (const node of FULFILMENT_NODES) if (at[node] !== undefined) this.reached[node].add(at[node], orderId);
    if (waiting) this.waiting[waiting.node].add(waiting.since, orderId);
    this.entries.set(orderId, entry);
  }
}

/** A step of a merge costs about this fraction of collecting one order's entry: a slice of sorting does this many. */
const SORT_STEPS_PER_ORDER = 16;

/**
 * The positions of `times` sorted by time, ties in position order (as `TimeSortedIds.load`
 * sorts): a bottom-up merge sort that yields after every `slice` steps.
 */
function* stableOrder(times: readonly string[], slice: number): Generator<void, number[], undefined> {
  const n = times.length;
  let from = times.map((_, i) => i);
  let to = new Array<number>(n);
  let steps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        // `<=`: of equal times the left run's comes first, so the sort is stable.
        to[k] = j >= hi || (i < mid && times[from[i]!]! <= times[from[j]!]!) ? from[i++]! : from[j++]!;
        if (++steps >= slice) {
          steps = 0;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Each state's index, while it is the newest state derived from its line (see {@link nodeIndexOf}). */
const indexes = new WeakMap<ReadonlyDomainState, NodeIndex>();

/**
 * An index being built a slice at a time (see {@link buildNodeIndexInBackground}): the orders of
 * the state it started from are loaded while commands go on; it follows the line of states
 * `applyCommand` derives (as {@link carryNodeIndex} carries an index), noting the orders they
 * touch, and brings those up to date when the load is done.
 */
class IndexBuild {
  readonly #index = new NodeIndex();
  readonly #steps: Generator<void, void, undefined>;
  readonly #touched = new Set<string>();
  #head: ReadonlyDomainState;
  #done = false;

  constructor(base: ReadonlyDomainState, slice: number) {
    this.#head = base;
    this.#steps = this.#index.loadInSlices(base, slice);
    building.set(base, this);
  }

  /** Moves the build on from `before` (its newest state) to `after`, which changed `orders`. */
  follow(before: ReadonlyDomainState, after: ReadonlyDomainState, orders: Iterable<string>): void {
    building.delete(before);
    for (const orderId of orders) this.#touched.add(orderId);
    this.#head = after;
    building.set(after, this);
  }

  /** Builds one more slice; when the load is done, the index is its newest state's. Returns `done`. */
  step(): boolean {
    if (!this.#done && this.#steps.next().done === true) this.#complete();
    return this.#done;
  }

  /** The rest of the build now (a reader that cannot wait); the index of the newest state. */
  finish(): NodeIndex {
    while (!this.step());
    return this.#index;
  }

  #complete(): void {
    this.#done = true;
    building.delete(this.#head);
    for (const orderId of this.#touched) this.#index.update(this.#head, orderId);
    indexes.set(this.#head, this.#index);
  }
}

/** Builds in progress, by the newest state of their line. */
const building = new WeakMap<ReadonlyDomainState, IndexBuild>();

/** Orders a command touched: its orders, and the order of each task it touched. */
function touchedOrders(
  before: ReadonlyDomainState,
  after: ReadonlyDomainState,
  touched: { readonly orders: ReadonlySet<string>; readonly tasks: ReadonlySet<string> },
): Set<string> {
  const orders = new Set(touched.orders);
  for (const taskId of touched.tasks) {
    const task = getOwn(after.tasks, taskId) ?? getOwn(before.tasks, taskId);
    if (task) orders.add(task.orderId);
  }
  return orders;
}

/** Orders loaded per slice of a background build (a few ms each). */
export const NODE_INDEX_SLICE = 2000;

/**
 * Builds the index of `state` a slice at a time, one slice per turn of the event loop, instead
 * of at once (about 10 s per million orders, which a hub at start must not spend). Commands
 * applied meanwhile are followed; a patrol pass or funnel query that needs the index first
 * finishes the build then. Returns the stop (the build is then dropped; a later read builds one).
 */
export function buildNodeIndexInBackground(state: ReadonlyDomainState, slice = NODE_INDEX_SLICE): { stop(): void; readonly done: Promise<void> } {
  if (indexes.has(state) || building.has(state)) return { stop: () => {}, done: Promise.resolve() };
  const build = new IndexBuild(state, slice);
  let timer: NodeJS.Immediate | undefined;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const next = () => {
    timer = undefined;
    if (build.step()) return settle();
    // Not unref'd: an unref'd immediate waits for other I/O to wake the loop.
    timer = setImmediate(next);
  };
  next();
  return {
    stop: () => {
      if (timer) clearImmediate(timer);
      settle();
    },
    done,
  };
}

/** Builds the index of a state from scratch: one walk over its orders (on load, replay, or a state never indexed). */
export function buildNodeIndex(state: ReadonlyDomainState): NodeIndex {
  const index = new NodeIndex();
  index.load(state);
  return index;
}

/**
 * The node index of a state: the one carried to it by `applyCommand`, else built now (and kept).
 * States are immutable, so the index stays true for as long as the state is kept.
 */
export function nodeIndexOf(state: ReadonlyDomainState): NodeIndex {
  let index = indexes.get(state) ?? building.get(state)?.finish();
  if (!index) indexes.set(state, (index = buildNodeIndex(state)));
  return index;
}

/**
 * Moves the index of `before` (if it has one) to `after`, updated for the touched orders and
 * tasks. The earlier state loses it (a later read of it rebuilds one), so an index is never
 * shared by two states. A build in progress on `before` (see {@link buildNodeIndexInBackground}) moves on
 * to `after` the same way. Without either, nothing is done: `after`'s is built when read.
 */
export function carryNodeIndex(
  before: ReadonlyDomainState,
  after: ReadonlyDomainState,
  touched: { readonly orders: ReadonlySet<string>; readonly tasks: ReadonlySet<string> },
): void {
  if (before === after) return;
  const index = indexes.get(before);
  if (!index) return building.get(before)?.follow(before, after, touchedOrders(before, after, touched));
  indexes.delete(before);
  for (const orderId of touchedOrders(before, after, touched)) index.update(after, orderId);
  indexes.set(after, index);
}
