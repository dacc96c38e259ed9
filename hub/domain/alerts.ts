import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import type { Alert, AlertKind, AlertTarget, Severity } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/** Raises an alert with the next sequence number and emits `alert.raised`. */
export function raiseAlert(tx: Tx, kind: AlertKind, severity: Severity, message: string, target: AlertTarget): Alert {
  const alert = tx.addAlert({ at: tx.at, kind, severity, message, target });
  tx.emit({ type: 'alert.raised', alert: structuredClone(alert) });
  return alert;
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
