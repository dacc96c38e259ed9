/**
 * The hub's pure domain: orders and pack tasks, channel-SKU resolution, stock, refund freezes,
 * task stops, alerts and the station stop/freeze lists. Plain data in, plain data out; the
 * clock is `context.now`. See docs/domain.md.
 */
export { applyCommand, type Applied, type CommandResult, type DomainOptions } from './apply.js';
export { alertCounts, alertsSince, condition, findAlert, isOpenAlert, openAlerts, unacknowledgedAlerts } from './alerts.js';
export type { Actor, Audit, CommandContext } from './audit.js';
export { barcodeKey, catalogBarcodes, catalogItem } from './catalog/items.js';
export { boxTypes } from './boxes.js';
export { stockView, type StockRow } from './coverage.js';
export { DomainError, domainErrorKind, type DomainErrorCode, type DomainErrorKind, type Rejection } from './errors.js';
export type { DomainEvent, DomainEventType } from './events.js';
export { pendingFreezeOf } from './freezes.js';
export { carrierEventKey, fulfilmentNodes, handedOverAt, packedAt, waitingAt, type FulfilmentNodes } from './fulfilment.js';
export { findStuck, findStuckByWalk, type StuckFinding } from './patrol.js';
export { buildNodeIndex, nodeIndexOf, NodeIndex, TimeSortedIds } from './node-index.js';
export { funnel, FUNNEL_MAX_SINCE_DAYS, FUNNEL_WINDOW_DAYS, isStuckNode, stuckOrders, type Funnel, type FunnelNode } from './funnel.js';
export { heldStatus, judgeDockScan, openBatches } from './handover.js';
export { openIntercepts, type OpenIntercept } from './intercept-list.js';
export { deriveFreezeList, deriveStopList, freezeListEntries, stopListEntries } from './lists.js';
export { mappingKey, mappingResolver, pendingSkus, resolveChannelSku } from './resolution.js';
export { unresolvedRateOpen } from './unresolved-rate.js';
export { findTaskByWaybill, heldOrders, taskOfOrder } from './orders.js';
export { openBatchOf, orderOfWaybill, parcelOfWaybill } from './waybill-index.js';
export { ordersOfOrderNo } from './order-number-index.js';
export { orderShown, parcelsShown } from './parcels.js';
export { withoutPrintData } from './audit.js';
export * from './schemas.js';
export { onHandOf } from './stock.js';
export { isToleranceChange, isToleranceLoosened, lastToleranceChange } from './weight-tolerance.js';
export { stopsOfOrder } from './stops-of-order.js';
export { orderView, sortById, taskView } from './order-view.js';
export { isHeld, taskStatus, type TaskStatus } from './tasks.js';
export type { Immutable, ReadonlyDomainState } from './tx.js';
export {
  DEFAULT_DOMAIN_CONFIG,
  DOMAIN_STATE_SCHEMA,
  createDomainState,
  getOwn,
  isFinished,
  orderIdOf,
  restoreDomainState,
  waybillKey,
} from './state.js';
export type * from './state.js';
