import { PackgateError } from '../../common/errors.js';
import { DEFAULT_BAUD_RATE, STANDARD_BAUD_RATES, parseSerialTarget, type SerialTarget } from '../serial-target.js';

/** How a scanner ends each scan on the wire. `any`: CR or LF or CR LF, whichever comes. */
export type TerminatorName = 'any' | 'cr' | 'lf' | 'crlf' | 'none';

export const TERMINATORS: Readonly<Record<TerminatorName, readonly Uint8Array[]>> = {
  any: [Uint8Array.of(0x0d), Uint8Array.of(0x0a)],
  cr: [Uint8Array.of(0x0d)],
  lf: [Uint8Array.of(0x0a)],
  crlf: [Uint8Array.of(0x0d, 0x0a)],
  none: [],
};

/** A parsed `serial:` scanner spec. */
export interface SerialScannerSpec {
  readonly kind: 'serial';
  readonly target: SerialTarget;
  readonly baudRate: number;
  readonly terminator: TerminatorName;
  /** Inter-byte timeout that ends a scan; with a terminator it only ends scans whose terminator was lost. */
  readonly idleMs: number;
  /** Duplicate-read window for this scanner, when the spec names one. */
  readonly duplicateWindowMs?: number;
}

/**
 * With a terminator the timeout is only a fallback for a lost terminator: long enough that a
 * stall of the agent's event loop does not cut a scan in two (bytes that arrive during a
 * stall are read after the timer fires), short enough not to merge it with the packer's next
 * scan, which comes half a second or more later.
 */
export const DEFAULT_IDLE_MS = 250;
/** With no terminator the timeout is every scan's latency, so it is kept short. */
export const DEFAULT_IDLE_MS_UNTERMINATED = 50;

/** The `serial:` form, for `--scanner` help. */
export const SERIAL_SPEC_SYNTAX = 'serial:TARGET[@BAUD][,term=T][,idle=MS][,dedupe=MS]';

/** What each part of the `serial:` form means, one help line each. */
export const SERIAL_SPEC_DETAILS: readonly string[] = [
  'serial TARGET: a device path (/dev/ttyACM0, COM3) or usb:VID:PID (hex USB ids)',
  `BAUD: ${STANDARD_BAUD_RATES[0]}…${STANDARD_BAUD_RATES.at(-1)} (default ${DEFAULT_BAUD_RATE}); T ends a scan: any|cr|lf|crlf|none (default any)`,
  `idle: inter-byte timeout ending a scan (default ${DEFAULT_IDLE_MS}; ${DEFAULT_IDLE_MS_UNTERMINATED} with term=none)`,
  'dedupe: drop a repeat of the same code within MS (default 300; 0 = off)',
];

const MAX_MS = 60_000;

function bad(text: string, why: string): PackgateError {
  return new PackgateError('BAD_SCANNER_SPEC', `bad serial scanner "${text}": ${why}`);
}

function parseTarget(text: string, raw: string): SerialTarget {
  return parseSerialTarget(raw, (why) => bad(text, why));
}

function parseMs(text: string, key: string, value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > MAX_MS) throw bad(text, `${key} must be whole milliseconds from 0 to ${MAX_MS}`);
  return ms;
}

/** Parses what follows `serial:` in `--scanner`, e.g. `/dev/ttyACM0@9600,term=cr`, `COM3@9600` or `usb:05e0:1200@115200`. */
export function parseSerialSpec(text: string): SerialScannerSpec {
  const [head = '', ...options] = text.split(',');
  const at = head.lastIndexOf('@');
  const target = parseTarget(text, at === -1 ? head : head.slice(0, at));
  let baudRate = DEFAULT_BAUD_RATE;
  if (at !== -1) {
    baudRate = Number(head.slice(at + 1));
    if (!STANDARD_BAUD_RATES.includes(baudRate)) throw bad(text, `baud must be one of ${STANDARD_BAUD_RATES.join(', ')}`);
  }
  let terminator: TerminatorName = 'any';
  let idleMs: number | undefined;
  let duplicateWindowMs: number | undefined;
  const seen = new Set<string>();
  for (const option of options) {
    const eq = option.indexOf('=');
    const key = eq === -1 ? option : option.slice(0, eq);
    const value = eq === -1 ? '' : option.slice(eq + 1);
    if (seen.has(key)) throw bad(text, `${key} given twice`);
    seen.add(key);
    switch (key) {
      case 'term':
        if (!Object.hasOwn(TERMINATORS, value)) throw bad(text, 'term must be any, cr, lf, crlf or none');
        terminator = value as TerminatorName;
        break;
      case 'idle':
        idleMs = parseMs(text, key, value);
        break;
      case 'dedupe':
        duplicateWindowMs = parseMs(text, key, value);
        break;
      default:
        throw bad(text, `unknown option "${key}" (expected term, idle or dedupe)`);
    }
  }
  idleMs ??= terminator === 'none' ? DEFAULT_IDLE_MS_UNTERMINATED : DEFAULT_IDLE_MS;
  if (terminator === 'none' && idleMs === 0) throw bad(text, 'term=none needs an idle timeout above 0');
  return {
    kind: 'serial',
    target,
    baudRate,
    terminator,
    idleMs,
    ...(duplicateWindowMs === undefined ? {} : { duplicateWindowMs }),
  };
}
