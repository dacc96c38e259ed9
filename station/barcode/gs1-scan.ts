import { aiSpec } from './ai-table.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString, Gs1Form, Gs1Scan, Symbology } from './types.js';

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

function raw(elements: readonly ElementString[], ai: string): string | undefined {
  return elements.find((element) => element.ai === ai)?.raw;
}

function date(elements: readonly ElementString[], ai: string): string | undefined {
  const element = elements.find((candidate) => candidate.ai === ai);
  return element?.format === 'date' ? element.date : undefined;
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
  const gtin14 = raw(elements, '01');
  const contentGtin14 = raw(elements, '02');
  const sscc = raw(elements, '00');
  const batch = raw(elements, '10');
  const serial = raw(elements, '21');
  const expiry = date(elements, '17');
  const bestBefore = date(elements, '15');
  const count = raw(elements, '37') ?? raw(elements, '30');
  return {
    kind: 'gs1',
    ...base,
    form,
    elements,
    ...(gtin14 !== undefined && { gtin14 }),
    ...(contentGtin14 !== undefined && { contentGtin14 }),
    ...(sscc !== undefined && { sscc }),
    ...(batch !== undefined && { batch }),
    ...(serial !== undefined && { serial }),
    ...(expiry !== undefined && { expiry }),
    ...(bestBefore !== undefined && { bestBefore }),
    ...(count !== undefined && { count: Number(count) }),
  };
}
