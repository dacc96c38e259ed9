import { isIP } from 'node:net';
import { PackgateError } from '../../common/errors.js';
import { WAYBILL_PLATFORMS, type WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import { FileTransport } from './file.js';
import { DEFAULT_PRINTER_PORT, TcpTransport } from './tcp.js';
import type { PrinterTransport } from './transport.js';
import type { WaybillPrintQueue, WaybillPrintQueueOptions } from './waybill/queue.js';

/** A platform's print program (打印组件) on the packing PC: `cainiao:ws://127.0.0.1:13528#ZT410`. */
export interface WaybillPrinterSpec {
  readonly kind: 'waybill';
  readonly platform: WaybillPlatform;
  /** `ws://` or `wss://`. */
  readonly url: string;
  /** The printer's name as the program lists it; absent: the program's default printer. */
  readonly printer?: string;
}

/** A ZPL label printer. */
export type ZplPrinterSpec =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly kind: 'file'; readonly path: string }
  /** A simulated printer in this process; `port` absent: a free loopback port. */
  | { readonly kind: 'sim'; readonly port?: number };

/** Printer specs `--printer` accepts. */
export type PrinterSpec = ZplPrinterSpec | WaybillPrinterSpec;

export const PRINTER_SPEC_SYNTAX = `tcp:HOST[:PORT] | serial:PATH[@BAUD] | file:PATH | sim[:PORT] | PLATFORM:URL[#PRINTER] (PLATFORM: ${WAYBILL_PLATFORMS.join(', ')})`;

/** Zebra printers' serial default is 9600 baud, 8 data bits, no parity, 1 stop bit. */
export const DEFAULT_PRINTER_BAUD = 9600;
const BAUD_RATES: readonly number[] = [1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200];
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function bad(text: string, why: string): PackgateError {
  return new PackgateError('BAD_PRINTER_SPEC', `bad printer "${text}": ${why}`);
}

function parsePort(text: string, raw: string): number {
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port < 1 || port > 65535) throw bad(text, 'PORT must be 1–65535');
  return port;
}

function parseTcp(text: string, rest: string): ZplPrinterSpec {
  let host: string;
  let port = DEFAULT_PRINTER_PORT;
  if (rest.startsWith('[')) {
    // An IPv6 address is bracketed so its colons are not taken for the port's: tcp:[fe80::1]:9100.
    const close = rest.indexOf(']');
    host = close === -1 ? '' : rest.slice(1, close);
    const after = close === -1 ? '' : rest.slice(close + 1);
    if (isIP(host) !== 6) throw bad(text, 'a bracketed host must be an IPv6 address');
    if (after !== '') {
      if (!after.startsWith(':')) throw bad(text, 'expected :PORT after the address');
      port = parsePort(text, after.slice(1));
    }
    return { kind: 'tcp', host, port };
  }
  const colon = rest.lastIndexOf(':');
  host = colon === -1 ? rest : rest.slice(0, colon);
  if (colon !== -1) port = parsePort(text, rest.slice(colon + 1));
  if (isIP(host) !== 4 && !HOSTNAME.test(host)) throw bad(text, 'HOST must be a host name, an IPv4 address or a bracketed IPv6 address');
  return { kind: 'tcp', host, port };
}

function parseSerial(text: string, rest: string): ZplPrinterSpec {
  const at = rest.lastIndexOf('@');
  const path = at === -1 ? rest : rest.slice(0, at);
  if (path.length === 0) throw bad(text, 'no device path');
  if (at === -1) return { kind: 'serial', path, baudRate: DEFAULT_PRINTER_BAUD };
  const baudRate = Number(rest.slice(at + 1));
  if (!BAUD_RATES.includes(baudRate)) throw bad(text, `BAUD must be one of ${BAUD_RATES.join(', ')}`);
  return { kind: 'serial', path, baudRate };
}

/** The path Kuaishou's program serves its WebSocket on; a Kuaishou URL without a path gets it. */
const KUAISHOU_PATH = '/ks/printer';
/** `word:ws://` or `word:wss://`: what a print program's spec looks like, known platform or not. */
const PROGRAM_LIKE = /^([A-Za-z][A-Za-z0-9_-]*):(wss?:\/\/)/i;

function parseWaybill(text: string, platform: WaybillPlatform, rest: string): WaybillPrinterSpec {
  const hash = rest.indexOf('#');
  const address = hash === -1 ? rest : rest.slice(0, hash);
  const printer = hash === -1 ? undefined : rest.slice(hash + 1).trim();
  if (printer !== undefined && !/^[^\u0000-\u001f\u007f]{1,100}$/.test(printer)) throw bad(text, 'PRINTER must be 1–100 printable characters');
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw bad(text, 'URL must be ws://HOST:PORT or wss://HOST:PORT');
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '' || url.username !== '' || url.password !== '' || url.search !== '') {
    throw bad(text, 'URL must be ws://HOST:PORT or wss://HOST:PORT');
  }
  if (platform === 'kuaishou' && url.pathname === '/') url.pathname = KUAISHOU_PATH;
  return { kind: 'waybill', platform, url: url.href.replace(/\/$/, ''), ...(printer !== undefined && { printer }) };
}

/**
 * Parses `--printer`: `tcp:HOST[:PORT]`, `serial:PATH[@BAUD]`, `file:PATH`, `sim[:PORT]`, or a
 * print program `cainiao|pdd|douyin|kuaishou:URL[#PRINTER]`. Throws BAD_PRINTER_SPEC.
 */
export function parsePrinterSpec(text: string): PrinterSpec {
  if (text === 'sim') return { kind: 'sim' };
  if (text.startsWith('sim:')) return { kind: 'sim', port: parsePort(text, text.slice('sim:'.length)) };
  const colon = text.indexOf(':');
  const prefix = colon === -1 ? '' : text.slice(0, colon);
  if ((WAYBILL_PLATFORMS as readonly string[]).includes(prefix)) return parseWaybill(text, prefix as WaybillPlatform, text.slice(colon + 1));
  const programLike = PROGRAM_LIKE.exec(text);
  if (programLike) throw bad(text, `unknown platform "${programLike[1]}"; the print programs are ${WAYBILL_PLATFORMS.join(', ')}`);
  if (text.startsWith('tcp:')) return parseTcp(text, text.slice('tcp:'.length));
  if (text.startsWith('serial:')) return parseSerial(text, text.slice('serial:'.length));
  if (text.startsWith('file:')) {
    const path = text.slice('file:'.length);
    if (path.length === 0) throw bad(text, 'no file path');
    return { kind: 'file', path };
  }
  throw bad(text, `expected ${PRINTER_SPEC_SYNTAX}`);
}

/** The spec as `--printer` takes it. */
export function formatPrinterSpec(spec: PrinterSpec): string {
  switch (spec.kind) {
    case 'tcp':
      return `tcp:${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
    case 'serial':
      return `serial:${spec.path}@${spec.baudRate}`;
    case 'file':
      return `file:${spec.path}`;
    case 'sim':
      return spec.port === undefined ? 'sim' : `sim:${spec.port}`;
    case 'waybill':
      return `${spec.platform}:${spec.url}${spec.printer === undefined ? '' : `#${spec.printer}`}`;
  }
}

/** A printer spec this module drives: a device, never `sim` (the command line owns the simulator). */
export type DevicePrinterSpec = Exclude<ZplPrinterSpec, { readonly kind: 'sim' }>;

/**
 * Creates the transport for a ZPL printer's spec. serialport is imported only when asked for.
 * `sim` is not a device: the command line starts the simulator for it (cli/devices.ts), so
 * nothing in the station can stand a simulated printer in for a real one.
 */
export async function createPrinterTransport(spec: DevicePrinterSpec): Promise<PrinterTransport> {
  switch (spec.kind) {
    case 'tcp':
      return new TcpTransport(spec.host, spec.port);
    case 'serial': {
      const { SerialTransport } = await import('./serial.js');
      return new SerialTransport({ path: spec.path, baudRate: spec.baudRate });
    }
    case 'file':
      return new FileTransport(spec.path);
  }
}

/**
 * Creates the print queue for a print program's spec (not started: call `start()`). The queue
 * and its WebSocket client are imported only when a print program is configured.
 */
export async function createWaybillPrintQueue(
  spec: WaybillPrinterSpec,
  options: Omit<WaybillPrintQueueOptions, 'platform' | 'url' | 'printer'> = {},
): Promise<WaybillPrintQueue> {
  const { WaybillPrintQueue } = await import('./waybill/queue.js');
  return new WaybillPrintQueue({ ...options, platform: spec.platform, url: spec.url, ...(spec.printer !== undefined && { printer: spec.printer }) });
}
