import { isDigits, mod10CheckDigit } from './check-digit.js';
import { COUNTRY_ALPHA_2, COUNTRY_NUMERIC, CURRENCY_NUMERIC, PACKAGE_TYPE_CODES } from './code-lists.js';
import { daysInMonth, gs1Year } from './dates.js';
import { ScanRejection, type ScanRejectionCode } from './rejection.js';

/** Why a linter refused a component: the rejection code and a reason for people. */
export interface LintFault {
  readonly code: ScanRejectionCode;
  readonly reason: string;
}

/**
 * One of the GS1 Barcode Syntax Dictionary's "Syntax Tests": checks one component of an AI
 * value (already checked for its character set) and returns a fault or undefined.
 * `currentYear` drives the GS1 century rule for two-digit years.
 */
export type Linter = (value: string, currentYear: number) => LintFault | undefined;

function fault(code: ScanRejectionCode, reason: string): LintFault {
  return { code, reason };
}

const bad = (reason: string): LintFault => fault(ScanRejection.BadValue, reason);
const badDate = (reason: string): LintFault => fault(ScanRejection.BadDate, reason);

function number(value: string, from: number, length: number): number {
  return Number(value.slice(from, from + length));
}

// GS1 GenSpecs 7.11: CSET 82 in its defined order, which gives each character its value in
// the GMN check character pair (GenSpecs 7.9.5).
const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function primes(count: number): number[] {
  const found: number[] = [];
  for (let candidate = 2; found.length < count; candidate++) {
    if (found.every((p) => p * p > candidate || candidate % p !== 0)) found.push(candidate);
  }
  return found;
}

const CHECK_PAIR_PRIMES = primes(97);

/** GS1 GenSpecs 7.9.5: the two check characters (CSET 32) that end a GMN or MUDI. */
export function checkCharacterPair(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += CSET82.indexOf(body.charAt(i)) * (CHECK_PAIR_PRIMES[body.length - 1 - i] ?? 0);
  }
  sum %= 1021;
  return `${CSET32.charAt(sum >> 5)}${CSET32.charAt(sum & 31)}`;
}

function date(value: string, year: number, dayZero: boolean): LintFault | undefined {
  const month = number(value, value.length - 4, 2);
  const day = number(value, value.length - 2, 2);
  if (month < 1 || month > 12) return badDate(`month ${month} does not exist`);
  if (day > daysInMonth(year, month)) return badDate(`day ${day} does not exist in that month`);
  if (day === 0 && !dayZero) return badDate('day 00 is not allowed here');
  return undefined;
}

function range(name: string, max: number): Linter {
  return (value) => (Number(value) > max ? badDate(`${name} ${value} is over ${max}`) : undefined);
}

function member(list: ReadonlySet<string>, what: string): Linter {
  return (value) => (list.has(value) ? undefined : bad(`${value} is not ${what}`));
}

function oneOf(allowed: string, what: string): Linter {
  return (value) => (value.length === 1 && allowed.includes(value) ? undefined : bad(`${value} is not ${what}`));
}

const hh = range('hour', 23);
const mi = range('minute', 59);

/** GS1 Company Prefix position: at least four digits where the prefix starts. */
function gcppos1(value: string): LintFault | undefined {
  return value.length >= 4 && isDigits(value.slice(0, 4)) ? undefined : bad('no GS1 Company Prefix (four digits) where it must start');
}

function iban(value: string): LintFault | undefined {
  if (value.length < 4 || !COUNTRY_ALPHA_2.has(value.slice(0, 2))) return bad('an IBAN starts with an ISO 3166 alpha-2 country code');
  if (value.length <= 10 || value.length > 34) return bad(`an IBAN of ${value.length} characters`);
  let remainder = 0;
  for (const c of `${value.slice(4)}${value.slice(0, 4)}`) {
    const v = parseInt(c, 36);
    if (Number.isNaN(v) || (c >= 'a' && c <= 'z')) return bad('an IBAN is digits and capital letters');
    remainder = (remainder * (v < 10 ? 10 : 100) + v) % 97;
  }
  return remainder === 1 ? undefined : fault(ScanRejection.BadCheckDigit, 'the IBAN check digits are wrong');
}

function pieceOfTotal(value: string): LintFault | undefined {
  const half = value.length / 2;
  const piece = Number(value.slice(0, half));
  const total = Number(value.slice(half));
  if (piece === 0 || total === 0) return bad('piece and total must not be zero');
  return piece > total ? bad(`piece ${piece} of ${total}`) : undefined;
}

function positionInSequence(value: string): LintFault | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match) return bad('expected position/total, e.g. 1/2');
  const [, position = '', total = ''] = match;
  if (position.startsWith('0') || total.startsWith('0')) return bad('a position or total starting with 0');
  return Number(position) > Number(total) ? bad(`position ${position} of ${total}`) : undefined;
}

/** Reads the digit fields of a North American coupon (GS1 US coupon code specification). */
class CouponReader {
  private at = 0;
  constructor(private readonly value: string) {}

  get done(): boolean {
    return this.at >= this.value.length;
  }

  /** The next digit, or undefined at the end. */
  peek(): string | undefined {
    return this.done ? undefined : this.value.charAt(this.at);
  }

  /** The next digit, which must be one of `allowed`. */
  digit(field: string, allowed = '0123456789'): string {
    const c = this.peek();
    if (c === undefined) throw bad(`coupon: ${field} missing`);
    if (!allowed.includes(c)) throw bad(`coupon: ${field} ${c} not allowed`);
    this.at += 1;
    return c;
  }

  take(field: string, length: number): string {
    if (this.value.length - this.at < length) throw bad(`coupon: ${field} cut short`);
    this.at += length;
    return this.value.slice(this.at - length, this.at);
  }

  /** A variable length indicator, then as many digits as it says (plus `add`). */
  vli(field: string, allowed: string, add: number): string {
    const c = this.digit(`${field} length`, allowed);
    return this.take(field, Number(c) + add);
  }

  /** A company prefix after its length indicator (+6); indicator 9, where allowed, means none. */
  company(field: string, allowed: string): void {
    const c = this.digit(`${field} length`, allowed);
    if (c === '9') return;
    const problem = gcppos1(this.take(field, Number(c) + 6));
    if (problem) throw problem;
  }
}

function couponDate(reader: CouponReader, field: string, year: number): string {
  const value = reader.take(field, 6);
  if (date(value, gs1Year(number(value, 0, 2), year), false)) throw bad(`coupon: ${field} ${value} is not a date`);
  return value;
}

function purchase(reader: CouponReader, which: string, withCompany: boolean): void {
  reader.vli(`${which} purchase requirement`, '12345', 0);
  reader.digit(`${which} purchase requirement code`, '012349');
  reader.take(`${which} purchase family code`, 3);
  if (withCompany) reader.company(`${which} purchase company prefix`, '01234569');
}

function couponCode(value: string, year: number): void {
  const reader = new CouponReader(value);
  reader.company('company prefix', '0123456');
  reader.take('offer code', 6);
  reader.vli('save value', '12345', 0);
  purchase(reader, '1st', false);
  if (reader.peek() === '1') {
    reader.digit('field');
    reader.digit('additional purchase rules code', '0123');
    purchase(reader, '2nd', true);
  }
  if (reader.peek() === '2') {
    reader.digit('field');
    purchase(reader, '3rd', true);
  }
  let expiry: string | undefined;
  if (reader.peek() === '3') {
    reader.digit('field');
    expiry = couponDate(reader, 'expiration date', year);
  }
  if (reader.peek() === '4') {
    reader.digit('field');
    const start = couponDate(reader, 'start date', year);
    if (expiry !== undefined && start > expiry) throw bad('coupon: expires before it starts');
  }
  if (reader.peek() === '5') {
    reader.digit('field');
    reader.vli('serial number', '0123456789', 6);
  }
  if (reader.peek() === '6') {
    reader.digit('field');
    reader.company('retailer company prefix or GLN', '1234567');
  }
  if (reader.peek() === '9') {
    reader.digit('field');
    reader.digit('save value code', '01256');
    reader.digit('save value applies to item', '012');
    reader.digit('store coupon flag');
    reader.digit("don't multiply flag", '01');
  }
  if (!reader.done) throw bad('coupon: data after the last field');
}

function couponPositiveOffer(value: string): void {
  const reader = new CouponReader(value);
  reader.digit('format code', '01');
  reader.vli('funder', '0123456', 6);
  reader.take('offer code', 6);
  reader.vli('serial number', '0123456789', 6);
  if (!reader.done) throw bad('coupon: data after the serial number');
}

function coupon(read: (value: string, year: number) => void): Linter {
  return (value, year) => {
    if (!isDigits(value)) return bad('coupon: digits only');
    try {
      read(value, year);
      return undefined;
    } catch (problem) {
      return problem as LintFault;
    }
  };
}

/**
 * Every linter the GS1 Barcode Syntax Dictionary names, by its name there. The generator
 * refuses a dictionary that names one missing here.
 */
export const LINTERS: Readonly<Record<string, Linter>> = {
  couponcode: coupon(couponCode),
  couponposoffer: coupon(couponPositiveOffer),
  csum: (value) =>
    value.length >= 2 && mod10CheckDigit(value.slice(0, -1)) === Number(value.slice(-1))
      ? undefined
      : fault(ScanRejection.BadCheckDigit, `${value} has a wrong check digit`),
  csumalpha: (value) =>
    value.length >= 2 && checkCharacterPair(value.slice(0, -2)) === value.slice(-2)
      ? undefined
      : fault(ScanRejection.BadCheckDigit, `${value} has a wrong check character pair`),
  gcppos1,
  gcppos2: (value) => (value.length >= 2 ? gcppos1(value.slice(1)) : bad('no GS1 Company Prefix')),
  hasnondigit: (value) => (value === '' || isDigits(value) ? bad('must contain a character that is not a digit') : undefined),
  hh,
  hhmi: (value, year) => hh(value.slice(0, 2), year) ?? mi(value.slice(2), year),
  hyphen: (value) => (/^-+$/.test(value) ? undefined : bad(`${value} is not "-"`)),
  iban,
  importeridx: (value) => (/^[-0-9A-Za-z_]$/.test(value) ? undefined : bad(`importer index ${value}`)),
  iso3166: member(COUNTRY_NUMERIC, 'an ISO 3166 numeric country code'),
  iso3166999: (value) => (value === '999' || COUNTRY_NUMERIC.has(value) ? undefined : bad(`${value} is not an ISO 3166 country code or 999`)),
  iso3166alpha2: member(COUNTRY_ALPHA_2, 'an ISO 3166 alpha-2 country code'),
  iso4217: member(CURRENCY_NUMERIC, 'an ISO 4217 numeric currency code'),
  iso5218: oneOf('0129', 'an ISO 5218 sex code (0, 1, 2, 9)'),
  latitude: (value) => (Number(value) > 1_800_000_000 ? bad(`latitude ${value} is over 1800000000`) : undefined),
  longitude: (value) => (Number(value) > 3_600_000_000 ? bad(`longitude ${value} is over 3600000000`) : undefined),
  // AIDC media type: 01–10 assigned, 80–99 for local use.
  mediatype: (value) => {
    const type = Number(value);
    return value.length === 2 && ((type >= 1 && type <= 10) || type >= 80) ? undefined : bad(`media type ${value}`);
  },
  mi,
  nonzero: (value) => (/^0+$/.test(value) ? bad('must not be zero') : undefined),
  nozeroprefix: (value) => (value.startsWith('0') ? bad('must not start with 0') : undefined),
  packagetype: member(PACKAGE_TYPE_CODES, 'a package type code'),
  pcenc: (value) => (/%(?![0-9A-Fa-f]{2})/.test(value) ? bad('"%" not followed by two hex digits') : undefined),
  pieceoftotal: pieceOfTotal,
  posinseqslash: positionInSequence,
  ss: range('second', 59),
  winding: oneOf('019', 'a winding direction (0, 1, 9)'),
  yesno: oneOf('01', '0 or 1'),
  yymmd0: (value, year) => date(value, gs1Year(number(value, 0, 2), year), true),
  yymmdd: (value, year) => date(value, gs1Year(number(value, 0, 2), year), false),
  yyyymmd0: (value) => date(value, number(value, 0, 4), true),
  yyyymmdd: (value) => date(value, number(value, 0, 4), false),
  zero: (value) => (/^0+$/.test(value) ? undefined : bad(`${value} is not 0`)),
};
