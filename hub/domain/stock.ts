import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, type StockLot, type StockMove, type Task } from './state.js';
import type { ReadonlyDomainState, Tx } from './tx.js';

type LotRef = { readonly batch?: string | undefined; readonly warehouse?: string | undefined };
type Cause = 'set' | 'adjust' | 'label' | 'release';

function sameLot(lot: LotRef, ref: LotRef): boolean {
  return (lot.batch ?? '') === (ref.batch ?? '') && (lot.warehouse ?? '') === (ref.warehouse ?? '');
}

function lotFields(ref: LotRef): { batch?: string; warehouse?: string } {
  return {
    ...(ref.batch === undefined ? {} : { batch: ref.batch }),
    ...(ref.warehouse === undefined ? {} : { warehouse: ref.warehouse }),
  };
}

/** On-hand units of a SKU over all its lots; undefined when the SKU's stock is not tracked. */
export function onHandOf(state: ReadonlyDomainState, sku: string): number | undefined {
  const lots = getOwn(state.stock, sku);
  return lots?.reduce((sum, lot) => sum + lot.onHand, 0);
}

/** The SKU's lots, writable; created (so the SKU becomes tracked) if new. */
function lotsOf(tx: Tx, sku: string): StockLot[] {
  const lots = tx.edit('stock', sku);
  if (lots) return lots;
  const created: StockLot[] = [];
  tx.put('stock', sku, created);
  return created;
}

/** The lot, writable; created empty if new. */
function lotOf(lots: StockLot[], ref: LotRef): StockLot {
  let lot = lots.find((candidate) => sameLot(candidate, ref));
  if (!lot) lots.push((lot = { ...lotFields(ref), onHand: 0 }));
  return lot;
}

function setLot(tx: Tx, sku: string, lot: StockLot, onHand: number, cause: Cause): void {
  const previous = lot.onHand;
  lot.onHand = onHand;
  tx.emit({ type: 'stock.changed', sku, ...lotFields(lot), onHand, previous, cause });
}

/** A count: the lot's on-hand is now `quantity`. Tracks the SKU from now on. */
export function setOnHand(tx: Tx, command: CommandOf<'setOnHand'>): Rejection | undefined {
  const known = getOwn(tx.state.stock, command.sku)?.find((lot) => sameLot(lot, command));
  if (known?.onHand === command.quantity) return undefined;
  setLot(tx, command.sku, lotOf(lotsOf(tx, command.sku), command), command.quantity, 'set');
  return undefined;
}

/** Receiving (positive delta) or a write-off (negative); the lot never goes below zero. */
export function adjustOnHand(tx: Tx, command: CommandOf<'adjustOnHand'>): Rejection | undefined {
  if (command.delta === 0) return reject(DomainError.BadQuantity, 'an adjustment needs a non-zero delta');
  const lot = lotOf(lotsOf(tx, command.sku), command);
  const onHand = lot.onHand + command.delta;
  if (onHand < 0) {
    return reject(DomainError.BadQuantity, `${command.sku} lot has ${lot.onHand} on hand; cannot take ${-command.delta}`);
  }
  setLot(tx, command.sku, lot, onHand, 'adjust');
  return undefined;
}

/**
 * The label printed: the task's units of tracked SKUs leave on-hand, taken from the SKU's lots
 * in the order they were first counted, never below zero. Recorded on the (writable) task as
 * `consumed`.
 */
export function consumeForLabel(tx: Tx, task: Task): void {
  const moves: StockMove[] = [];
  for (const line of task.lines) {
    if (!getOwn(tx.state.stock, line.sku)) continue;
    let remaining = line.quantity;
    for (const lot of lotsOf(tx, line.sku)) {
      const take = Math.min(lot.onHand, remaining);
      if (take === 0) continue;
      remaining -= take;
      setLot(tx, line.sku, lot, lot.onHand - take, 'label');
      moves.push({ sku: line.sku, ...lotFields(lot), quantity: take });
    }
  }
  if (moves.length > 0) task.consumed = moves;
}

/** A released labelled task (writable): its consumed units go back to the lots they came from. */
export function returnConsumed(tx: Tx, task: Task): StockMove[] {
  const moves = task.consumed ?? [];
  for (const move of moves) {
    const lot = lotOf(lotsOf(tx, move.sku), move);
    setLot(tx, move.sku, lot, lot.onHand + move.quantity, 'release');
  }
  delete task.consumed;
  return moves;
}
