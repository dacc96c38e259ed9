import { createHash } from 'node:crypto';
import { PackgateError } from '../../common/errors.js';
import { zonedFields, type ZonedFields } from '../../common/zoned-time.js';
import type { LabelData, VerifiedLine } from './types.js';

const LIMITS = { orderId: 64, carrier: 40, name: 60, phone: 32, address: 300, packer: 40, station: 40, sku: 64 } as const;
const MAX_LINES = 500;
// Code 128 subset B covers ASCII 32–127; waybill numbers have no spaces.
const WAYBILL = /^[\x21-\x7e]{1,40}$/;

function bad(what: string): PackgateError {
  return new PackgateError('BAD_LABEL', `label ${what}`);
}

function checkText(value: unknown, name: keyof typeof LIMITS, optional = false): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || value.trim().length === 0) throw bad(`${name} is missing`);
  if ([...value].length > LIMITS[name]) throw bad(`${name} is longer than ${LIMITS[name]} characters`);
}

/** Throws BAD_LABEL naming the first field that is missing, too long or malformed. */
export function checkLabel(label: LabelData): void {
  checkText(label.orderId, 'orderId');
  if (typeof label.waybill !== 'string' || !WAYBILL.test(label.waybill)) throw bad('waybill must be 1–40 printable ASCII characters without spaces');
  checkText(label.carrier, 'carrier', true);
  checkText(label.shipTo?.name, 'name');
  checkText(label.shipTo?.phone, 'phone');
  checkText(label.shipTo?.address, 'address');
  checkText(label.packer, 'packer');
  const verification = label.verification;
  checkText(verification?.station, 'station');
  if (typeof verification.at !== 'string' || Number.isNaN(Date.parse(verification.at))) throw bad('verification time is not an ISO 8601 time');
  if (!Array.isArray(verification.lines) || verification.lines.length === 0 || verification.lines.length > MAX_LINES) {
    throw bad(`verification must list 1–${MAX_LINES} lines`);
  }
  for (const line of verification.lines) {
    checkText(line.sku, 'sku');
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw bad(`quantity of ${line.sku} must be a whole number above 0`);
  }
}

/** Every digit but the last four becomes `*`; separators stay: `+86 138-1234-5678` → `+** ***-****-5678`. */
export function maskPhone(phone: string): string {
  let keep = 4;
  const chars = [...phone];
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (!/\d/.test(chars[i]!)) continue;
    if (keep > 0) keep -= 1;
    else chars[i] = '*';
  }
  return chars.join('');
}

/**
 * A short fingerprint of the verified lines: the first 8 hex digits of SHA-256 over
 * `sku TAB quantity LF` per line, sorted by SKU, so the same lines give the same hash in any order.
 */
export function verificationHash(lines: readonly VerifiedLine[]): string {
  const canonical = [...lines]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.quantity - b.quantity))
    .map((line) => `${line.sku}\t${line.quantity}\n`)
    .join('');
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 8);
}

/** `YYYY-MM-DD HH:mm` in the zone; throws BAD_LABEL_OPTIONS for an unknown zone. */
export function formatTime(iso: string, timeZone: string): string {
  let fields: ZonedFields;
  try {
    fields = zonedFields(Date.parse(iso), timeZone);
  } catch {
    throw new PackgateError('BAD_LABEL_OPTIONS', `unknown time zone "${timeZone}"`);
  }
  return `${fields.year}-${fields.month}-${fields.day} ${fields.hour}:${fields.minute}`;
}

// East Asian wide and fullwidth characters take two columns of a monospaced font such as Andale Mono.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

function columns(char: string): number {
  return WIDE.test(char) ? 2 : 1;
}

/**
 * Breaks text into at most `maxLines` lines of `width` columns (wide characters count two),
 * at a space where one is near the end of the line; a cut last line ends with `…`.
 */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = [...text.replace(/\s+/g, ' ').trim()];
  while (rest.length > 0 && lines.length < maxLines) {
    let used = 0;
    let end = 0;
    while (end < rest.length && used + columns(rest[end]!) <= width) used += columns(rest[end++]!);
    if (end < rest.length) {
      const space = rest.lastIndexOf(' ', end);
      if (space >= end * 0.5) end = space;
    }
    lines.push(rest.slice(0, end).join('').trim());
    rest = rest.slice(end);
    while (rest[0] === ' ') rest.shift();
  }
  if (rest.length > 0) {
    const last = [...lines.pop()!];
    while (last.length > 0 && last.reduce((sum, char) => sum + columns(char), 0) + 1 > width) last.pop();
    lines.push(`${last.join('')}…`);
  }
  return lines;
}
