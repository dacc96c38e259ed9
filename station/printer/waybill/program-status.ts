import { deviceStatus } from '../printer-status.js';
import type { ProgramMessage } from './messages.js';
import type { WaybillPrintQueueOptions, WaybillStatusReport } from './types.js';

/** The printer the program reported, checked against the one configured. */
export type PrinterCheck = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly problem: string };

/** The program's connection as the queue last saw it. */
export type ProgramConnection = { readonly open: true } | { readonly open: false; readonly reason: string };

/** Why the queue has no connection before its first attempt. */
export const NOT_CONNECTED_YET = 'not connected yet';

/** Checks the program's answer to `getPrinters` for the printer configured (or its default); pure. */
export function checkPrinters(reply: ProgramMessage, configured: string | undefined): PrinterCheck {
  if (reply.kind === 'error') return { ok: false, problem: `printer list refused: ${reply.detail}` };
  if (reply.kind !== 'printers') return { ok: false, problem: 'no printer list' };
  const wanted = configured ?? reply.defaultPrinter;
  if (wanted === undefined) return { ok: false, problem: 'the program has no default printer' };
  const entry = reply.printers.find((printer) => printer.name === wanted);
  if (!entry) {
    const names = reply.printers.map((printer) => printer.name).join(', ');
    return { ok: false, problem: `printer "${wanted}" not found (the program has: ${names || 'none'})` };
  }
  if (!entry.enabled) return { ok: false, problem: `printer "${wanted}" is disabled` };
  return { ok: true, name: wanted };
}

export interface ProgramSeen {
  readonly platform: WaybillPrintQueueOptions['platform'];
  /** The program's name: "Cainiao". */
  readonly name: string;
  readonly url: string;
  readonly connection: ProgramConnection;
  readonly printerCheck: PrinterCheck | undefined;
  /** The last failed print, until one prints. */
  readonly lastFailure: string | undefined;
  readonly rejected: Readonly<Record<string, number>>;
}

/** The program's status as the station shows it: absent, fault (printer, last failure) or ok; pure. */
export function programReport(seen: ProgramSeen): WaybillStatusReport {
  const { platform, name, url, connection, printerCheck, lastFailure } = seen;
  const where = `${name} print program at ${url}`;
  let device;
  if (!connection.open) {
    device = connection.reason === NOT_CONNECTED_YET
      ? deviceStatus(platform, 'absent', `${where}: ${NOT_CONNECTED_YET}`)
      : deviceStatus(platform, 'absent', `${name} print program not running at ${url} (${connection.reason})`);
  } else if (printerCheck && !printerCheck.ok) {
    device = deviceStatus(platform, 'fault', `${where}: ${printerCheck.problem}`);
  } else if (lastFailure) {
    device = deviceStatus(platform, 'fault', `${where}: ${lastFailure}`);
  } else {
    const printer = printerCheck?.ok ? `printer "${printerCheck.name}" ready` : 'connected';
    device = deviceStatus(platform, 'ok', `${where}: ${printer}`);
  }
  return { device, rejected: { ...seen.rejected } };
}

/** Whether two reports would show the same. */
export function sameReport(a: WaybillStatusReport, b: WaybillStatusReport): boolean {
  return a.device.state === b.device.state && a.device.detail === b.device.detail && JSON.stringify(a.rejected) === JSON.stringify(b.rejected);
}
