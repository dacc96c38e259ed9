import { randomInt, type Random } from '../../common/random.js';

/**
 * Serial scanner firmware, as pure functions: how one barcode becomes bytes on the wire,
 * when each byte leaves, and what the injectable faults do to them. The pseudo-terminal
 * simulator and the serialport-mock simulator both play the plans made here.
 */

export type WireTerminator = 'cr' | 'lf' | 'crlf' | 'none';

export const WIRE_TERMINATORS: Readonly<Record<WireTerminator, Uint8Array>> = {
  cr: Uint8Array.of(0x0d),
  lf: Uint8Array.of(0x0a),
  crlf: Uint8Array.of(0x0d, 0x0a),
  none: new Uint8Array(0),
};

/** Per-scan faults. Unplug and replug are the device's, not a scan's: see `ScannerLink`. */
export const SCAN_FAULTS = ['drop-char', 'dup-char', 'garbage', 'split', 'no-terminator'] as const;
export type ScanFault = (typeof SCAN_FAULTS)[number];

export interface FirmwareConfig {
  /** Wire speed; bytes are paced at 10 bits each (8N1). 0 sends each write at once. */
  readonly baudRate: number;
  readonly terminator: WireTerminator;
  /** AIM symbology identifier sent before the data, e.g. `]E0` for EAN-13; none when absent. */
  readonly aim?: string;
  /** Pause inside a `split` scan, in milliseconds. */
  readonly splitGapMs: number;
}

export const DEFAULT_FIRMWARE: FirmwareConfig = { baudRate: 9600, terminator: 'crlf', splitGapMs: 5 };

/** One write to the device: `bytes` leave `atMs` after the scan starts. */
export interface TimedWrite {
  readonly atMs: number;
  readonly bytes: Uint8Array;
}

/** A scan ready to play: its writes in time order, and what a reader should frame from it. */
export interface ScanPlan {
  readonly writes: readonly TimedWrite[];
  /** Every byte sent, in order. */
  readonly wire: Uint8Array;
  /** The bytes between terminators, as the scanner meant (or mangled) them. */
  readonly payload: Uint8Array;
  /** When the last byte has left, after the scan starts. */
  readonly durationMs: number;
}

/** Milliseconds one byte takes on the wire at `baudRate`, 8N1: start bit, 8 data bits, stop bit. */
export function byteTimeMs(baudRate: number): number {
  return baudRate > 0 ? 10_000 / baudRate : 0;
}

/** `E0` or `]E0` → `]E0`; throws RangeError unless it is `]` + a symbology letter + a modifier. */
export function normalizeAim(aim: string): string {
  const full = aim.startsWith(']') ? aim : `]${aim}`;
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(full)) throw new RangeError(`"${aim}" is not an AIM identifier like ]E0`);
  return full;
}

/** The scan's data as the firmware sends it: AIM prefix (if any) then the code, no terminator. */
export function encodePayload(code: string | Uint8Array, config: Pick<FirmwareConfig, 'aim'>): Uint8Array {
  const data = typeof code === 'string' ? Buffer.from(code, 'latin1') : code;
  return config.aim ? Buffer.concat([Buffer.from(normalizeAim(config.aim), 'latin1'), data]) : Uint8Array.from(data);
}

const CR = 0x0d;
const LF = 0x0a;

/** Line noise: 1–16 random bytes, never CR or LF, so it joins the scan it precedes. */
function noise(random: Random): Uint8Array {
  const bytes = new Uint8Array(1 + randomInt(random, 16));
  for (let i = 0; i < bytes.length; i += 1) {
    let byte = randomInt(random, 256);
    while (byte === CR || byte === LF) byte = randomInt(random, 256);
    bytes[i] = byte;
  }
  return bytes;
}

/** Applies the data faults to a payload; `split` and `no-terminator` act on the wire instead. */
export function corruptPayload(payload: Uint8Array, faults: readonly ScanFault[], random: Random): Uint8Array {
  let bytes = Uint8Array.from(payload);
  if (faults.includes('drop-char') && bytes.length > 1) {
    const at = randomInt(random, bytes.length);
    bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
  }
  if (faults.includes('dup-char') && bytes.length > 0) {
    const at = randomInt(random, bytes.length);
    bytes = Uint8Array.from([...bytes.subarray(0, at + 1), ...bytes.subarray(at)]);
  }
  if (faults.includes('garbage')) bytes = Uint8Array.from([...noise(random), ...bytes]);
  return bytes;
}

/**
 * Plans one scan: payload (AIM + code, after faults), terminator unless `no-terminator`,
 * paced at the baud rate in writes of about one millisecond each; `split` sends the bytes in
 * two parts with a pause between them.
 */
export function planScan(code: string | Uint8Array, config: FirmwareConfig, faults: readonly ScanFault[] = [], random: Random = Math.random): ScanPlan {
  const payload = corruptPayload(encodePayload(code, config), faults, random);
  const terminator = faults.includes('no-terminator') ? WIRE_TERMINATORS.none : WIRE_TERMINATORS[config.terminator];
  const wire = Uint8Array.from([...payload, ...terminator]);
  const parts = faults.includes('split') && wire.length > 1 ? splitInTwo(wire, random) : [wire];
  const perByte = byteTimeMs(config.baudRate);
  const writes: TimedWrite[] = [];
  let clock = 0;
  parts.forEach((part, index) => {
    if (index > 0) clock += config.splitGapMs;
    writes.push(...paceBytes(part, clock, perByte));
    clock += part.length * perByte;
  });
  return { writes, wire, payload, durationMs: clock };
}

function splitInTwo(wire: Uint8Array, random: Random): Uint8Array[] {
  const at = 1 + randomInt(random, wire.length - 1);
  return [wire.subarray(0, at), wire.subarray(at)];
}

/** Groups bytes into writes, one per whole millisecond of wire time, each sent when its last byte is done. */
function paceBytes(bytes: Uint8Array, startMs: number, perByteMs: number): TimedWrite[] {
  if (perByteMs === 0) return bytes.length > 0 ? [{ atMs: startMs, bytes }] : [];
  const writes: TimedWrite[] = [];
  let from = 0;
  while (from < bytes.length) {
    const tick = Math.floor(((from + 1) * perByteMs) + 1e-9);
    let to = from + 1;
    while (to < bytes.length && Math.floor((to + 1) * perByteMs + 1e-9) === tick) to += 1;
    writes.push({ atMs: startMs + to * perByteMs, bytes: bytes.subarray(from, to) });
    from = to;
  }
  return writes;
}

/** Picks this scan's faults: each happens with its own probability. */
export function pickFaults(rates: Partial<Readonly<Record<ScanFault, number>>>, random: Random): ScanFault[] {
  return SCAN_FAULTS.filter((fault) => random() < (rates[fault] ?? 0));
}
