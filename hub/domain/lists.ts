import { getOwn, type FreezeList, type FreezeListEntry, type StopList, type StopListEntry } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/**
 * The site-wide stop list: one entry per active stop of a released task and one per blocked
 * task, ordered by task (oldest first), then time. A cancelled task stays listed through its
 * `refund` stop, marked `cancelled`. Held orders have no task, so they are not listed.
 */
export function stopListEntries(state: ReadonlyDomainState): StopListEntry[] {
  const entries: Array<StopListEntry & { no: number }> = [];
  for (const stop of Object.values(state.stops)) {
    const taskId = getOwn(state.orders, stop.orderId)?.taskId;
    const task = taskId === undefined ? undefined : getOwn(state.tasks, taskId);
    if (!task) continue;
    entries.push({
      no: task.no,
      taskId: task.id,
      orderId: task.orderId,
      reason: stop.reason,
      since: stop.since,
      ...(task.cancelled ? { cancelled: true as const } : {}),
    });
  }
  for (const task of Object.values(state.tasks)) {
    if (!task.block) continue;
    entries.push({ no: task.no, taskId: task.id, orderId: task.orderId, reason: task.block.reason, since: task.block.since });
  }
  entries.sort((a, b) => a.no - b.no || a.since.localeCompare(b.since) || a.reason.localeCompare(b.reason));
  return entries.map(({ no: _no, ...entry }) => entry);
}

/**
 * Units frozen by pending freezes, summed per SKU, batch and warehouse, sorted; each entry says
 * whether it leaves no unit of its lot free ({@link isExhausted}).
 */
export function freezeListEntries(state: ReadonlyDomainState): FreezeListEntry[] {
  const sums = new Map<string, Omit<FreezeListEntry, 'exhausted'>>();
  for (const freeze of Object.values(state.freezes)) {
    if (freeze.status !== 'pending') continue;
    for (const line of freeze.lines) {
      const key = JSON.stringify([line.sku, line.batch ?? '', line.warehouse ?? '']);
      const entry = sums.get(key);
      if (entry) entry.quantity += line.quantity;
      else sums.set(key, { ...line });
    }
  }
  const entries = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
  return entries.map((entry) => ({ ...entry, exhausted: isExhausted(state, entry, entries) }));
}

type Lot = { readonly sku: string; readonly batch?: string | undefined; readonly warehouse?: string | undefined };

/** Whether `inner` lies within `outer`'s lot: same SKU, and the batch and warehouse `outer` names, if any. */
function within(inner: Lot, outer: Lot): boolean {
  return (
    inner.sku === outer.sku &&
    (outer.batch === undefined || inner.batch === outer.batch) &&
    (outer.warehouse === undefined || inner.warehouse === outer.warehouse)
  );
}

/**
 * An entry is exhausted when the units frozen within its lot (its own and those of narrower
 * entries) reach the on-hand of its lot's recorded stock lots: no unit of the lot is free, so
 * a station may refuse any unit of it on sight. A lot with no stock recorded (an untracked SKU,
 * a batch or warehouse never counted) is not known to be exhausted.
 */
function isExhausted(state: ReadonlyDomainState, entry: Lot, entries: ReadonlyArray<Lot & { quantity: number }>): boolean {
  const lots = (getOwn(state.stock, entry.sku) ?? []).filter((lot) => within({ ...lot, sku: entry.sku }, entry));
  if (lots.length === 0) return false;
  const onHand = lots.reduce((sum, lot) => sum + lot.onHand, 0);
  const frozen = entries.reduce((sum, other) => (within(other, entry) ? sum + other.quantity : sum), 0);
  return frozen >= onHand;
}

/**
 * The stop list as it should be published: `previous` itself when the entries are unchanged,
 * otherwise the new entries with `previous.version + 1`. The state keeps the current list
 * (`state.stopList`), brought up to date by every command.
 */
export function deriveStopList(
  state: ReadonlyDomainState,
  previous: Immutable<StopList> = state.stopList,
): Immutable<StopList> {
  return next<Immutable<StopListEntry>>(previous, stopListEntries(state));
}

/** The freeze list, versioned like {@link deriveStopList}. */
export function deriveFreezeList(
  state: ReadonlyDomainState,
  previous: Immutable<FreezeList> = state.freezeList,
): Immutable<FreezeList> {
  return next<Immutable<FreezeListEntry>>(previous, freezeListEntries(state));
}

function next<E>(previous: Versioned<E>, entries: E[]): Versioned<E> {
  if (JSON.stringify(entries) === JSON.stringify(previous.entries)) return previous;
  return { version: previous.version + 1, entries };
}

type Versioned<E> = { readonly version: number; readonly entries: readonly E[] };

/** Brings both lists in the state up to date and emits `*-list.changed` for each that changed. */
export function refreshLists(tx: Tx): void {
  const stops = deriveStopList(tx.state);
  if (stops !== tx.state.stopList) {
    tx.setList('stopList', stops);
    tx.emit({ type: 'stop-list.changed', version: stops.version });
  }
  const freezes = deriveFreezeList(tx.state);
  if (freezes !== tx.state.freezeList) {
    tx.setList('freezeList', freezes);
    tx.emit({ type: 'freeze-list.changed', version: freezes.version });
  }
}
