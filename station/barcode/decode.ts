import { readAim, type AimSpec } from './aim.js';
import { isDigits } from './check-digit.js';
import { hasControlPrefix, parseControl } from './control.js';
import { isHttpUrl, parseDigitalLink } from './digital-link.js';
import { parseBracketedElementString, parseRawElementString } from './element-string.js';
import { aiSpec } from './ai.js';
import { isRejection, readElement } from './element-value.js';
import { gs1Scan } from './gs1-scan.js';
import { isGtinLength, readEan, readEan8, readEanWithAddOn, readGtin, type GtinReading } from './gtin.js';
import { MAX_SCAN_LENGTH, scanText } from './input.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { DecodeOptions, DecodedScan, GtinScan, Mutable, Symbology } from './types.js';

/** The decoder's answer: a decoded scan, or a rejection with a stable code. */
export type DecodeResult = { readonly ok: true; readonly scan: DecodedScan } | Rejection;

interface Context {
  readonly symbology: Symbology;
  readonly text: string;
  readonly data: string;
  readonly hasGs: boolean;
  readonly currentYear: number;
}

const NO_AIM: Symbology = { aim: null, name: 'unknown' };
// A bare string that starts like an element string (SSCC, GTIN, CONTENT) and is long enough to hold one.
const ELEMENT_STRING_START = /^0[012]\d{14}/;

function ok(scan: DecodedScan): DecodeResult {
  return { ok: true, scan };
}

function base(context: Context): { symbology: Symbology; text: string; data: string } {
  return { symbology: context.symbology, text: context.text, data: context.data };
}

function textScan(context: Context): DecodeResult {
  return ok({ kind: 'text', symbology: context.symbology, text: context.text, data: context.data });
}

function gtinScan(context: Context, reading: GtinReading | Rejection): DecodeResult {
  if ('ok' in reading) return reading;
  const { symbology, text, data } = context;
  const { gtin14, format, upcA, addOn } = reading;
  const scan: Mutable<GtinScan> = { kind: 'gtin', symbology, text, data, gtin14, format };
  if (upcA !== undefined) scan.upcA = upcA;
  if (addOn !== undefined) scan.addOn = addOn;
  return ok(scan);
}

function noGs(context: Context): Rejection | undefined {
  if (!context.hasGs) return undefined;
  return reject(ScanRejection.ControlCharacter, `GS (0x1d) is only allowed in GS1 element strings, not in ${context.symbology.name} data`);
}

function raw(context: Context): DecodeResult {
  const elements = parseRawElementString(context.data, context.currentYear);
  if ('ok' in elements) return elements;
  const scan = gs1Scan(elements, 'raw', base(context));
  return 'ok' in scan ? scan : ok(scan);
}

// ISO/IEC 24723: an EAN/UPC with a 2D composite component is sent as the linear data, "|]e0", then the component's element strings.
const COMPOSITE = '|]e0';

/** EAN/UPC + composite component: the GTIN as (01), then the component's element strings, as one GS1 scan. */
function eanComposite(context: Context, linear: (digits: string) => GtinReading | Rejection, at: number): DecodeResult {
  const reading = linear(context.data.slice(0, at));
  if ('ok' in reading) return reading;
  const component = parseRawElementString(context.data.slice(at + COMPOSITE.length), context.currentYear);
  if ('ok' in component) return component;
  const gtinSpec = aiSpec('01');
  const gtin = gtinSpec && readElement(gtinSpec, reading.gtin14, context.currentYear);
  if (!gtin || isRejection(gtin)) return reject(ScanRejection.BadLength, 'the EAN/UPC of a composite symbol is no GTIN');
  const scan = gs1Scan({ elements: [gtin, ...component.elements], unparsed: component.unparsed }, 'raw', base(context));
  return 'ok' in scan ? scan : ok(scan);
}

/** EAN/UPC data, with or without a composite component. */
function ean(context: Context, linear: (digits: string) => GtinReading | Rejection): DecodeResult {
  const composite = context.data.indexOf(COMPOSITE);
  if (composite >= 0) return eanComposite(context, linear, composite);
  return noGs(context) ?? gtinScan(context, linear(context.data));
}

/** A GS1 Digital Link, or null when the URL carries no GS1 primary key. */
function digitalLink(context: Context): DecodeResult | null {
  const elements = parseDigitalLink(context.data, context.currentYear);
  if (elements === null) return null;
  if ('ok' in elements) return elements;
  const scan = gs1Scan(elements, 'digital-link', base(context));
  return 'ok' in scan ? scan : ok(scan);
}

/** Station codes, Digital Links and text: what any symbology that is not GS1-specific may carry. */
function text(context: Context, noAim: boolean): DecodeResult {
  const { data } = context;
  if (hasControlPrefix(data)) {
    const gsProblem = noGs(context);
    if (gsProblem) return gsProblem;
    const code = parseControl(data);
    if ('ok' in code) return code;
    return 'control' in code
      ? ok({ kind: 'control', ...base(context), control: code.control })
      : ok({ kind: 'order', ...base(context), order: code.order });
  }
  if (noAim && context.hasGs) return raw(context);
  const gsProblem = noGs(context);
  if (gsProblem) return gsProblem;
  if (isHttpUrl(data)) return digitalLink(context) ?? textScan(context);
  if (!noAim) return textScan(context);
  if (data.trimStart().startsWith('(')) {
    const elements = parseBracketedElementString(data, context.currentYear);
    if ('ok' in elements) return elements;
    const scan = gs1Scan(elements, 'bracketed', base(context));
    return 'ok' in scan ? scan : ok(scan);
  }
  if (isGtinLength(data.length) && isDigits(data)) return gtinScan(context, readGtin(data));
  if (ELEMENT_STRING_START.test(data)) {
    // Without an AIM identifier this may be GS1-128 data or an internal code: it is GS1 only if it decodes completely.
    const attempt = raw(context);
    if (attempt.ok) return attempt;
  }
  return textScan(context);
}

function withAim(context: Context, aim: AimSpec): DecodeResult {
  switch (aim.content) {
    case 'gs1':
      // Some scanners report a Digital Link QR Code under the GS1 QR identifier ]Q3; element
      // strings never start with "http", so reading it as a Digital Link takes nothing away.
      return (isHttpUrl(context.data) ? digitalLink(context) : null) ?? raw(context);
    case 'ean':
      return ean(context, readEan);
    case 'ean8':
      return ean(context, readEan8);
    case 'ean-addon':
      return noGs(context) ?? gtinScan(context, readEanWithAddOn(context.data));
    case 'itf':
      // GS1 GenSpecs 5.3: ITF-14 carries a GTIN-14 (outer cartons); other ITF data is text.
      return context.data.length === 14 && isDigits(context.data) ? gtinScan(context, readGtin(context.data)) : text(context, false);
    case 'text':
      return text(context, false);
  }
}

/**
 * Decodes one scan as the station reads it: AIM symbology identifier, GS1 element strings
 * (raw, bracketed, Digital Link), bare GTINs, station control codes and order labels.
 * Pure and total: it never throws, and every input is either a decoded scan or a
 * rejection whose code is one of {@link ScanRejection}.
 *
 * @param input - the framed scan, bytes (UTF-8) or text, terminator optional.
 * @param options - `today` for the GS1 century rule (defaults to the clock), `maxLength`.
 */
export function decodeScan(input: Uint8Array | string, options: DecodeOptions = {}): DecodeResult {
  const clean = scanText(input, options.maxLength ?? MAX_SCAN_LENGTH);
  if ('ok' in clean) return clean;
  const currentYear = (options.today ?? new Date()).getUTCFullYear();
  const aim = readAim(clean.text);
  if (aim !== null && 'ok' in aim) return aim;
  const data = aim === null ? clean.text : clean.text.slice(3);
  if (data.trim() === '') return reject(ScanRejection.Empty, `no data after the symbology identifier ${aim?.id ?? ''}`);
  const symbology = aim === null ? NO_AIM : { aim: aim.id, name: aim.name };
  const context: Context = { symbology, text: clean.text, data, hasGs: clean.hasGs, currentYear };
  return aim === null ? text(context, true) : withAim(context, aim);
}
