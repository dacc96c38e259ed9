import { PackgateError, errorMessage } from '../../common/errors.js';
import type { DeviceStatus } from '../../protocol/schemas.js';
import { BLOCKING_CONDITIONS, hostStatusConditions, type HostStatus, type PrinterCondition } from './host-status.js';

/** Why the station cannot read the printer's status. */
export type LinkCondition = 'unreachable' | 'no-status-reply' | 'bad-status-reply';

/** The printer as the packer's screen and the hub see it. */
export interface PrinterStatusReport {
  readonly device: DeviceStatus;
  /** Everything wrong, printer-reported or link, in a fixed order; empty when ready. */
  readonly conditions: readonly (PrinterCondition | LinkCondition)[];
  /** The last `~HS` answer, when the last question was answered. */
  readonly host?: HostStatus;
}

const WORDS: Readonly<Record<PrinterCondition | LinkCondition, string>> = {
  'paper-out': 'paper out',
  paused: 'paused',
  'head-open': 'head open',
  'ribbon-out': 'ribbon out',
  'buffer-full': 'receive buffer full',
  'corrupt-ram': 'configuration lost (corrupt RAM)',
  'over-temperature': 'head too hot',
  'under-temperature': 'head too cold',
  unreachable: 'unreachable',
  'no-status-reply': 'no status reply',
  'bad-status-reply': 'unreadable status reply',
};

const MAX_DETAIL = 200;

/** A device status with its detail cut to the 200 characters the schema allows. */
export function deviceStatus(kind: string, state: DeviceStatus['state'], detail: string): DeviceStatus {
  return { kind, state, detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail };
}

/** A report from a `~HS` answer: fault while any blocking condition holds, else ok. */
export function reportFromHost(kind: string, target: string, host: HostStatus): PrinterStatusReport {
  const conditions = hostStatusConditions(host);
  const blocking = conditions.some((condition) => BLOCKING_CONDITIONS.has(condition));
  const words = conditions.map((condition) => WORDS[condition]);
  if (host.formatsInBuffer > 0) words.push(`${host.formatsInBuffer} label(s) waiting in the printer`);
  const detail = `${target}: ${words.length > 0 ? words.join(', ') : 'ready'}`;
  return { device: deviceStatus(kind, blocking ? 'fault' : 'ok', detail), conditions, host };
}

/** A report for a question that got no usable answer. */
export function reportFromError(kind: string, err: unknown): PrinterStatusReport {
  const code = err instanceof PackgateError ? err.code : '';
  const condition: LinkCondition =
    code === 'PRINTER_TIMEOUT' ? 'no-status-reply' : code === 'BAD_STATUS_REPLY' ? 'bad-status-reply' : 'unreachable';
  // Some printers stay silent on ~HS while media or ribbon is out or the head is open (Zebra ~HS notes).
  const hint = condition === 'no-status-reply' ? ' (check paper, ribbon and head)' : '';
  return { device: deviceStatus(kind, 'fault', `${WORDS[condition]}${hint}: ${errorMessage(err)}`), conditions: [condition] };
}

/** A report for a transport that cannot be asked (a file): ok after a good write, fault after a failed one. */
export function reportFromWrite(kind: string, target: string, err?: unknown): PrinterStatusReport {
  if (err === undefined) return { device: deviceStatus(kind, 'ok', `${target}: last job written`), conditions: [] };
  return { device: deviceStatus(kind, 'fault', `${target}: ${errorMessage(err)}`), conditions: ['unreachable'] };
}

export function sameReport(a: PrinterStatusReport, b: PrinterStatusReport): boolean {
  return a.device.state === b.device.state && a.device.detail === b.device.detail;
}
