import { condition, endCondition, raiseAlert } from './alerts.js';
import { pendingSkus } from './resolution.js';
import { onHandOf } from './stock.js';
import { stationOf } from './stops.js';
import { getOwn, isFinished, type BlockReason, type Freeze, type StockLot, type Task } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/** One active task's need of one SKU: all of it, and the part not already held by its freeze. */
interface Need {
  task: Immutable<Task>;
  full: number;
  net: number;
}

interface SkuDemand {
  /** Units held by pending freezes (see {@link stockView}). */
  frozen: number;
  /** Active tasks needing the SKU, oldest first. */
  needs: Need[];
}

/** Active: neither cancelled nor finished (labelled or sealed), so its units are reserved on the shelf. */
function isActive(task: Immutable<Task>): boolean {
  return !task.cancelled && !isFinished(task);
}

function frozenOf(freeze: Immutable<Freeze> | undefined, sku: string): number {
  return freeze?.lines.reduce((sum, line) => (line.sku === sku ? sum + line.quantity : sum), 0) ?? 0;
}

/**
 * Per SKU: what pending freezes hold and what active tasks need. A freeze holds its order's
 * own units first (they leave the task's reservation and count as frozen, never twice), then
 * any further units it names; the own units of a labelled task are in the parcel, not on the
 * shelf, so only the further units count.
 */
function demandBySku(state: ReadonlyDomainState): Map<string, SkuDemand> {
  const demand = new Map<string, SkuDemand>();
  const of = (sku: string): SkuDemand => {
    let entry = demand.get(sku);
    if (!entry) demand.set(sku, (entry = { frozen: 0, needs: [] }));
    return entry;
  };
  const pending = new Map<string, Immutable<Freeze>>();
  for (const freeze of Object.values(state.freezes)) {
    if (freeze.status !== 'pending') continue;
    pending.set(freeze.orderId, freeze);
    const taskId = getOwn(state.orders, freeze.orderId)?.taskId;
    const task = taskId === undefined ? undefined : getOwn(state.tasks, taskId);
    for (const line of freeze.lines) {
      const own = task && isFinished(task) ? (task.lines.find((l) => l.sku === line.sku)?.quantity ?? 0) : 0;
      of(line.sku).frozen += Math.max(0, line.quantity - own);
    }
  }
  const tasks = Object.values(state.tasks).filter(isActive).sort((a, b) => a.no - b.no);
  for (const task of tasks) {
    const freeze = pending.get(task.orderId);
    for (const line of task.lines) {
      const held = Math.min(frozenOf(freeze, line.sku), line.quantity);
      of(line.sku).needs.push({ task, full: line.quantity, net: line.quantity - held });
    }
  }
  return demand;
}

/**
 * Oldest first, each need takes from the supply while it lasts; once one does not fit, no newer
 * need is covered (a newer task never overtakes an older one). A zero need is always covered.
 */
function coverOldestFirst(needs: readonly number[], supply: number): boolean[] {
  let left = supply;
  let short = false;
  return needs.map((need) => {
    if (need === 0) return true;
    if (!short && need <= left) {
      left -= need;
      return true;
    }
    short = true;
    return false;
  });
}

/**
 * Blocks the tasks stock cannot cover and unblocks those it covers again; run after every
 * command. For each tracked SKU that pending freezes hold units of, the on-hand minus the frozen
 * units go to the active tasks oldest first; the tasks left uncovered are blocked
 * `frozen-stock`: the newest first, and only as many as needed. A SKU without frozen units is
 * checked the same way only under `blockOnShortStock` (blocks `short-stock`). A task with a
 * master SKU whose mapping change waits for confirmation is blocked `mapping-pending`, whatever
 * its stock.
 */
export function reconcileBlocks(tx: Tx): void {
  const wanted = new Map<string, { reason: BlockReason; skus: string[] }>();
  const pending = pendingSkus(tx.state);
  if (pending.size > 0) {
    for (const task of Object.values(tx.state.tasks)) {
      const skus = isActive(task) ? task.lines.filter((line) => pending.has(line.sku)).map((line) => line.sku) : [];
      if (skus.length > 0) wanted.set(task.id, { reason: 'mapping-pending', skus });
    }
  }
  for (const [sku, { frozen, needs }] of demandBySku(tx.state)) {
    const onHand = onHandOf(tx.state, sku);
    if (onHand === undefined || (frozen === 0 && !tx.config.blockOnShortStock)) continue;
    const reason: BlockReason = frozen > 0 ? 'frozen-stock' : 'short-stock';
    const covered = coverOldestFirst(needs.map((need) => need.net), onHand - frozen);
    needs.forEach((need, index) => {
      if (covered[index]) return;
      const entry = wanted.get(need.task.id);
      if (!entry) wanted.set(need.task.id, { reason, skus: [sku] });
      else if (entry.reason === 'mapping-pending') return;
      else {
        entry.skus.push(sku);
        if (reason === 'frozen-stock') entry.reason = reason;
      }
    });
  }

  for (const current of Object.values(tx.state.tasks)) {
    const want = isActive(current) ? wanted.get(current.id) : undefined;
    if (!want && !current.block) continue;
    if (want && current.block?.reason === want.reason && current.block.skus.join() === want.skus.join()) continue;
    const task = tx.edit('tasks', current.id)!;
    if (want && !task.block) {
      task.block = { reason: want.reason, skus: want.skus, since: tx.at };
      tx.emit({ type: 'task.blocked', taskId: task.id, orderId: task.orderId, reason: want.reason, skus: [...want.skus] });
      const station = stationOf(task);
      const message = `task ${task.id} (order ${task.orderId}) blocked: ${want.reason} of ${want.skus.join(', ')}`;
      raiseAlert(
        tx,
        'task-blocked',
        'warning',
        message,
        { orderId: task.orderId, taskId: task.id, sku: want.skus[0]!, ...(station === undefined ? {} : { station }) },
        condition.taskBlocked(task.id),
      );
    } else if (want && task.block) {
      task.block = { reason: want.reason, skus: want.skus, since: task.block.since };
    } else if (!want) {
      delete task.block;
      tx.emit({ type: 'task.unblocked', taskId: task.id, orderId: task.orderId });
      endCondition(tx, condition.taskBlocked(task.id), 'unblocked');
    }
  }
}

/** One SKU's stock picture. */
export interface StockRow {
  sku: string;
  /** False when no count was ever recorded: `onHand` and `available` are then unknown. */
  tracked: boolean;
  onHand: number | null;
  /** Units of active tasks that are not blocked on this SKU, less what their freeze holds. */
  reserved: number;
  /** Units pending freezes hold. */
  frozen: number;
  /** `onHand − reserved − frozen`. */
  available: number | null;
  /** Units of tasks blocked on this SKU. */
  blocked: number;
  lots: StockLot[];
}

/** The stock view per master SKU, sorted by SKU: every tracked SKU and every SKU in demand. */
export function stockView(state: ReadonlyDomainState): StockRow[] {
  const demand = demandBySku(state);
  const skus = new Set([...Object.keys(state.stock), ...demand.keys()]);
  return [...skus].sort().map((sku): StockRow => {
    const { frozen = 0, needs = [] } = demand.get(sku) ?? {};
    const blockedHere = (need: Need) => need.task.block?.skus.includes(sku) === true;
    const reserved = needs.reduce((sum, need) => (blockedHere(need) ? sum : sum + need.net), 0);
    const blocked = needs.reduce((sum, need) => (blockedHere(need) ? sum + need.full : sum), 0);
    const onHand = onHandOf(state, sku) ?? null;
    const lots = (getOwn(state.stock, sku) ?? []).map((lot) => ({ ...lot }));
    return {
      sku,
      tracked: onHand !== null,
      onHand,
      reserved,
      frozen,
      available: onHand === null ? null : onHand - reserved - frozen,
      blocked,
      lots,
    };
  });
}
