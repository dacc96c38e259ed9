import { aiSpec } from './ai-table.js';
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

/** Applies the pairing rules kept as data in the AI table (`requires`, `excludes`). */
export function checkPairing(elements: readonly ElementString[]): Rejection | undefined {
  const present = new Set(elements.map((element) => element.ai));
  for (const element of elements) {
    const spec = aiSpec(element.ai);
    for (const other of spec?.excludes ?? []) {
      if (present.has(other)) {
        return reject(ScanRejection.InvalidAiCombination, `(${element.ai}) and (${other}) must not appear together`, element.ai);
      }
    }
    for (const alternatives of spec?.requires ?? []) {
      if (!alternatives.some((ai) => present.has(ai))) {
        const needed = alternatives.map((ai) => `(${ai})`).join(' or ');
        return reject(ScanRejection.RequiredAiMissing, `(${element.ai}) needs ${needed} in the same scan`, element.ai);
      }
    }
  }
  return undefined;
}

/** Checks duplicates and pairing, then builds the scan with its convenience fields. */
export function gs1Scan(
  parsed: readonly ElementString[],
  form: Gs1Form,
  base: { symbology: Symbology; text: string; data: string },
): Gs1Scan | Rejection {
  const elements = dedupe(parsed);
  if ('ok' in elements) return elements;
  const pairing = checkPairing(elements);
  if (pairing) return pairing;
  const scan: Mutable<Gs1Scan> = { kind: 'gs1', symbology: base.symbology, text: base.text, data: base.data, form, elements };
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
