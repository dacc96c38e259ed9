import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import type { Alert, AlertKind, AlertTarget, DomainState, Severity } from './state.js';
import type { Tx } from './tx.js';

/** Raises an alert with the next sequence number and emits `alert.raised`. */
export function raiseAlert(tx: Tx, kind: AlertKind, severity: Severity, message: string, target: AlertTarget): Alert {
  tx.state.counters.alert += 1;
  const alert: Alert = { seq: tx.state.counters.alert, at: tx.at, kind, severity, message, target };
  tx.state.alerts.push(alert);
  tx.emit({ type: 'alert.raised', alert: structuredClone(alert) });
  return alert;
}

/** A named manager acknowledges an alert; once only. */
export function acknowledgeAlert(tx: Tx, command: CommandOf<'acknowledgeAlert'>): Rejection | undefined {
  const alert = findAlert(tx.state, command.alertSeq);
  if (!alert) return reject(DomainError.AlertNotFound, `no alert ${command.alertSeq}`);
  if (alert.acknowledged) {
    return reject(
      DomainError.AlertAlreadyAcknowledged,
      `alert ${alert.seq} was acknowledged by ${alert.acknowledged.by} at ${alert.acknowledged.at}`,
    );
  }
  alert.acknowledged = { by: command.manager, at: tx.at };
  tx.emit({ type: 'alert.acknowledged', seq: alert.seq, by: command.manager });
  return undefined;
}

/** The alert with this sequence number (binary search: alerts are kept in `seq` order). */
export function findAlert(state: DomainState, seq: number): Alert | undefined {
  const { alerts } = state;
  let low = 0;
  let high = alerts.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const alert = alerts[mid]!;
    if (alert.seq === seq) return alert;
    if (alert.seq < seq) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** Alerts with a sequence number above `since`, oldest first (`since` 0 gives all). */
export function alertsSince(state: DomainState, since: number): Alert[] {
  return state.alerts.filter((alert) => alert.seq > since);
}

/** Alerts no manager has acknowledged yet, oldest first. */
export function unacknowledgedAlerts(state: DomainState): Alert[] {
  return state.alerts.filter((alert) => !alert.acknowledged);
}
