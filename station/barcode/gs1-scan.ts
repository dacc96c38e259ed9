import type { ParsedElements } from './element-string.js';
import { checkPairing } from './pairing.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString, Gs1Form, Gs1Scan, Mutable, Symbology } from './types.js';

function dedupe(elements: readonly ElementString[]): ElementString[] | Rejection {
  const seen = new Map<string, string>();
  const kept: ElementString[] = [];
  for (const element of elements) {
    const earlier = seen.get(element.ai);
    if (earlier === undefined) {
      seen.set(element.ai, element.raw);
      kept.push(element);
    } else if (earlier !== element.raw) {
      // GS1 GenSpecs: an AI may repeat only with an identical value; the repeat carries nothing.
      return reject(ScanRejection.DuplicateAi, `(${element.ai}) appears twice with different values`, element.ai);
    }
  }
  return kept;
}

/**
 * Checks duplicates, that something in the scan is known, and pairing, then builds the scan
 * with its convenience fields. AIs of a newer GS1 release than the table never cost the rest
 * of the scan; a scan of nothing else is UNKNOWN_AI, since the station could use none of it.
 */
export function gs1Scan(
  parsed: ParsedElements,
  form: Gs1Form,
  base: { symbology: Symbology; text: string; data: string },
): Gs1Scan | Rejection {
  const elements = dedupe(parsed.elements);
  if ('ok' in elements) return elements;
  if (elements.every((element) => element.format === 'unknown')) {
    const what = [...elements.map((element) => `(${element.ai})`), ...parsed.unparsed.map((segment) => `"${segment.slice(0, 8)}"`)].join(', ');
    return reject(ScanRejection.UnknownAi, `no application identifier packgate knows in the scan: ${what}`, elements[0]?.ai);
  }
  const pairing = checkPairing(elements);
  if (pairing) return pairing;
  const scan: Mutable<Gs1Scan> = { kind: 'gs1', symbology: base.symbology, text: base.text, data: base.data, form, elements };
  if (parsed.unparsed.length > 0) scan.unparsed = parsed.unparsed;
  for (const element of elements) {
    switch (element.ai) {
      case '01': scan.gtin14 = element.raw; break;
      case '02': scan.contentGtin14 = element.raw; break;
      case '00': scan.sscc = element.raw; break;
      case '10': scan.batch = element.raw; break;
      case '21': scan.serial = element.raw; break;
      case '17': if (element.format === 'date') scan.expiry = element.date; break;
      case '15': if (element.format === 'date') scan.bestBefore = element.date; break;
      case '37': scan.count = Number(element.raw); break;
      case '30': scan.count ??= Number(element.raw); break;
    }
  }
  return scan;
}
