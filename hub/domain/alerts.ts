import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, type Alert, type AlertKind, type AlertTarget, type Severity } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/*
 * An alert's life (docs/domain.md, "Alerts"): it is raised by the event that starts what it is
 * about; an alert about a lasting condition (a device fault, a block at a bench, an order held
 * for mapping…) names the condition (`until`, a key from `condition`) and is closed by the event
 * that ends it; a manager may acknowledge any alert, once. Open means neither closed nor
 * acknowledged.
 */

/** The keys of lasting conditions: one open alert per condition at most. */
export const condition = {
  stationFault: (station: string, device: string) => `station-fault:${station}/${device}`,
  stationOffline: (station: string) => `station-offline:${station}`,
  stationBlock: (station: string) => `station-block:${station}`,
  orderHeld: (orderId: string) => `order-held:${orderId}`,
  mappingPending: (channel: string, channelSku?: string) => `mapping-pending:${channel}${channelSku === undefined ? '' : `:${channelSku}`}`,
  stop: (stopId: string) => `stop:${stopId}`,
  freeze: (freezeId: string) => `freeze:${freezeId}`,
  taskBlocked: (taskId: string) => `task-blocked:${taskId}`,
} as const;

/**
 * Raises an alert with the next sequence number and emits `alert.raised`. With `until`, the alert
 * is about that lasting condition: an alert still open about it is closed first (`superseded`),
 * and {@link endCondition} closes this one when the condition ends.
 */
export function raiseAlert(tx: Tx, kind: AlertKind, severity: Severity, message: string, target: AlertTarget, until?: string): Alert {
  if (until !== undefined) endCondition(tx, until, 'superseded');
  const alert = tx.addAlert({ at: tx.at, kind, severity, message, target });
  tx.emit({ type: 'alert.raised', alert: structuredClone(alert) });
  if (until !== undefined) tx.put('conditions', until, { alertSeq: alert.seq });
  return alert;
}

/** The condition ended: its open alert, if any, is closed with `reason`. */
export function endCondition(tx: Tx, until: string, reason: string): void {
  const open = getOwn(tx.state.conditions, until);
  if (open === undefined) return;
  tx.remove('conditions', until);
  closeAlert(tx, open.alertSeq, reason);
}

/** Whether an alert is open: nobody acknowledged it and what it is about has not ended. */
export function isOpenAlert(alert: Immutable<Alert>): boolean {
  return alert.acknowledged === undefined && alert.closed === undefined;
}

/** A named manager acknowledges an alert; once only. */
export function acknowledgeAlert(tx: Tx, command: CommandOf<'acknowledgeAlert'>): Rejection | undefined {
  const index = alertIndex(tx.state, command.alertSeq);
  const alert = index === undefined ? undefined : tx.state.alerts[index];
  if (index === undefined || !alert) return reject(DomainError.AlertNotFound, `no alert ${command.alertSeq}`);
  if (alert.acknowledged) {
    return reject(
      DomainError.AlertAlreadyAcknowledged,
      `alert ${alert.seq} was acknowledged by ${alert.acknowledged.by} at ${alert.acknowledged.at}`,
    );
  }
  tx.editAlert(index).acknowledged = { by: command.manager, at: tx.at };
  tx.emit({ type: 'alert.acknowledged', seq: alert.seq, by: command.manager });
  return undefined;
}

/**
 * Closes an alert about a condition that ended (an order no longer stuck, a parcel taken out):
 * records `closed {at, reason}` and emits `alert.closed`. An alert closed already stays as it was.
 */
export function closeAlert(tx: Tx, seq: number, reason: string): void {
  const index = alertIndex(tx.state, seq);
  if (index === undefined || tx.state.alerts[index]!.closed) return;
  const alert = tx.editAlert(index);
  alert.closed = { at: tx.at, reason };
  tx.emit({ type: 'alert.closed', seq, reason, ...(alert.target.orderId === undefined ? {} : { orderId: alert.target.orderId }) });
}

/** The alert with this sequence number. */
export function findAlert(state: ReadonlyDomainState, seq: number): Immutable<Alert> | undefined {
  const index = alertIndex(state, seq);
  return index === undefined ? undefined : state.alerts[index];
}

/** Binary search: alerts are kept in `seq` order. */
function alertIndex(state: ReadonlyDomainState, seq: number): number | undefined {
  const { alerts } = state;
  let low = 0;
  let high = alerts.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const alert = alerts[mid]!;
    if (alert.seq === seq) return mid;
    if (alert.seq < seq) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** Alerts with a sequence number above `since`, oldest first (`since` 0 gives all). */
export function alertsSince(state: ReadonlyDomainState, since: number): Array<Immutable<Alert>> {
  return state.alerts.filter((alert) => alert.seq > since);
}

/** Alerts no manager has acknowledged yet, oldest first. */
export function unacknowledgedAlerts(state: ReadonlyDomainState): Array<Immutable<Alert>> {
  return state.alerts.filter((alert) => !alert.acknowledged);
}

/** Open alerts and every alert raised, each counted by kind (for /metrics). */
export function alertCounts(state: ReadonlyDomainState): { open: Record<string, number>; raised: Record<string, number> } {
  const open: Record<string, number> = {};
  const raised: Record<string, number> = {};
  for (const alert of state.alerts) {
    raised[alert.kind] = (raised[alert.kind] ?? 0) + 1;
    if (isOpenAlert(alert)) open[alert.kind] = (open[alert.kind] ?? 0) + 1;
  }
  return { open, raised };
}

/** Open alerts (neither acknowledged nor closed), oldest first. */
export function openAlerts(state: ReadonlyDomainState): Array<Immutable<Alert>> {
  return state.alerts.filter(isOpenAlert);
}
