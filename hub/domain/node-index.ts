import { FULFILMENT_NODES, STUCK_NODES, type FulfilmentNode, type StuckNode } from '../../protocol/fulfilment-vocabulary.js';
import { fulfilmentNodes } from './fulfilment.js';
import { waitingAt } from './patrol.js';
import { getOwn } from './state.js';
import type { ReadonlyDomainState } from './tx.js';

/** Order ids sorted by an ISO time (UTC, so string order is time order), ties in insertion order. */
export class TimeSortedIds {
  private readonly times: string[] = [];
  private readonly ids: string[] = [];

  /** Fills an empty list at once: one sort, not one insertion per entry (building an index on load). */
  load(times: readonly string[], ids: readonly string[]): void {
    const order = times.map((_, i) => i).sort((a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : a - b));
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
    const lists = new Map<TimeSortedIds, { times: string[]; ids: string[] }>();
    const push = (list: TimeSortedIds, time: string, id: string) => {
      let raw = lists.get(list);
      if (!raw) lists.set(list, (raw = { times: [], ids: [] }));
      raw.times.push(time);
      raw.ids.push(id);
    };
    for (const id in state.orders) {
      const entry = this.entryOf(state, id)!;
      for (const node of FULFILMENT_NODES) if (entry.at[node] !== undefined) push(this.reached[node], entry.at[node], id);
      if (entry.waiting) push(this.waiting[entry.waiting.node], entry.waiting.since, id);
      this.entries.set(id, entry);
    }
    for (const [list, raw] of lists) list.load(raw.times, raw.ids);
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

/** Each state's index, while it is the newest state derived from its line (see {@link nodeIndexOf}). */
const indexes = new WeakMap<ReadonlyDomainState, NodeIndex>();

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
  let index = indexes.get(state);
  if (!index) indexes.set(state, (index = buildNodeIndex(state)));
  return index;
}

/**
 * Moves the index of `before` (if it has one) to `after`, updated for the touched orders and
 * tasks. The earlier state loses it (a later read of it rebuilds one), so an index is never
 * shared by two states. Without an index on `before`, nothing is done: `after`'s is built when read.
 */
export function carryNodeIndex(
  before: ReadonlyDomainState,
  after: ReadonlyDomainState,
  touched: { readonly orders: ReadonlySet<string>; readonly tasks: ReadonlySet<string> },
): void {
  const index = indexes.get(before);
  if (!index || before === after) return;
  indexes.delete(before);
  const orders = new Set(touched.orders);
  for (const taskId of touched.tasks) {
    const task = getOwn(after.tasks, taskId) ?? getOwn(before.tasks, taskId);
    if (task) orders.add(task.orderId);
  }
  for (const orderId of orders) index.update(after, orderId);
  indexes.set(after, index);
}
