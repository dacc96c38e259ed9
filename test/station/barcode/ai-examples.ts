import { mod10CheckDigit } from '../../../station/barcode/check-digit.js';
import { AI_SPECS, aiSpec, type AiPart, type AiSpec, type ScanRejectionCode } from '../../../station/barcode/index.js';
import { checkCharacterPair } from '../../../station/barcode/linters.js';

/**
 * Valid and invalid values for every AI of the table, built from its dictionary components
 * with samples taken from the GS1 General Specifications and the code lists (ISO 3166, ISO
 * 4217, UN/ECE Rec 21), and the AIs a scan needs beside it for the pairing rules.
 */

/** A valid component for each linter, for a component of `length` characters. */
const VALID: Record<string, (length: number) => string> = {
  couponcode: () => '061414112345612110123', // GCP 614141, offer 123456, save 2, 1st purchase 1 of family 123
  couponposoffer: () => '006141411234560123456', // format 0, funder 614141, offer 123456, serial 123456
  csum: (length) => withCheckDigit('0950600013435'.padEnd(length - 1, '7').slice(0, length - 1)),
  csumalpha: () => '1987654Ad4X4bL5ttr2310c2K', // GenSpecs 7.9.5 example GMN
  gcppos1: (length) => '0614141XYZ'.slice(0, Math.max(4, length)),
  gcppos2: (length) => '00614141XYZ'.slice(0, Math.max(5, length)),
  hasnondigit: () => 'A1B2',
  hh: () => '13',
  hhmi: () => '1345',
  hyphen: () => '-',
  iban: () => 'GB82WEST12345698765432', // ISO 13616 example
  importeridx: () => 'x',
  iso3166: () => '276',
  iso3166999: () => '999',
  iso3166alpha2: () => 'DE',
  iso4217: () => '978',
  iso5218: () => '2',
  latitude: () => '0279085848',
  longitude: () => '1234567890',
  mediatype: () => '03',
  mi: () => '59',
  nonzero: (length) => '1'.padStart(length, '0'),
  nozeroprefix: () => '1234567',
  packagetype: () => 'BX',
  pcenc: () => 'Caf%C3%A9',
  pieceoftotal: () => '0204',
  posinseqslash: () => '1/2',
  ss: () => '30',
  winding: () => '1',
  yesno: () => '1',
  yymmd0: () => '270300',
  yymmdd: () => '270131',
  yyyymmd0: () => '20270300',
  yyyymmdd: () => '20280229',
  zero: () => '0',
};

/** A component each linter refuses, with the rejection code it gives. */
const INVALID: Record<string, { value: (valid: string) => string; code: ScanRejectionCode }> = {
  couponcode: { value: () => '761414112345612110123', code: 'BAD_VALUE' },
  couponposoffer: { value: () => '206141411234560123456', code: 'BAD_VALUE' },
  csum: { value: (valid) => `${valid.slice(0, -1)}${(Number(valid.slice(-1)) + 1) % 10}`, code: 'BAD_CHECK_DIGIT' },
  csumalpha: { value: () => '1987654Ad4X4bL5ttr2310c2X', code: 'BAD_CHECK_DIGIT' },
  gcppos1: { value: (valid) => `12A${valid.slice(3)}`, code: 'BAD_VALUE' },
  hh: { value: () => '24', code: 'BAD_DATE' },
  hhmi: { value: () => '1260', code: 'BAD_DATE' },
  hyphen: { value: () => 'X', code: 'BAD_VALUE' },
  iban: { value: () => 'GB83WEST12345698765432', code: 'BAD_CHECK_DIGIT' },
  importeridx: { value: () => '=', code: 'BAD_VALUE' },
  iso3166: { value: () => '999', code: 'BAD_VALUE' },
  iso3166999: { value: () => '998', code: 'BAD_VALUE' },
  iso3166alpha2: { value: () => 'XX', code: 'BAD_VALUE' },
  iso4217: { value: () => '000', code: 'BAD_VALUE' },
  iso5218: { value: () => '5', code: 'BAD_VALUE' },
  latitude: { value: () => '1800000001', code: 'BAD_VALUE' },
  longitude: { value: () => '3600000001', code: 'BAD_VALUE' },
  mediatype: { value: () => '11', code: 'BAD_VALUE' },
  mi: { value: () => '60', code: 'BAD_DATE' },
  nonzero: { value: (valid) => '0'.repeat(valid.length), code: 'BAD_VALUE' },
  nozeroprefix: { value: () => '0234567', code: 'BAD_VALUE' },
  packagetype: { value: () => 'QQQ', code: 'BAD_VALUE' },
  pcenc: { value: () => 'Caf%C3%E', code: 'BAD_VALUE' },
  pieceoftotal: { value: () => '0302', code: 'BAD_VALUE' },
  posinseqslash: { value: () => '2/1', code: 'BAD_VALUE' },
  ss: { value: () => '60', code: 'BAD_DATE' },
  winding: { value: () => '2', code: 'BAD_VALUE' },
  yesno: { value: () => '2', code: 'BAD_VALUE' },
  yymmd0: { value: () => '271301', code: 'BAD_DATE' },
  yymmdd: { value: () => '270100', code: 'BAD_DATE' },
  yyyymmd0: { value: () => '20270230', code: 'BAD_DATE' },
  yyyymmdd: { value: () => '20270229', code: 'BAD_DATE' },
  zero: { value: () => '1', code: 'BAD_VALUE' },
};

function withCheckDigit(body: string): string {
  return `${body}${mod10CheckDigit(body)}`;
}

const FILLER: Record<AiPart['cset'], string> = { N: '4711081512', X: 'Lot-7/ab.C', Y: 'AB-12/#CD', Z: 'aZ09-_xYz0' };

/** A valid value for one component. */
export function validPart(part: AiPart): string {
  const linters = part.linters ?? [];
  // The check digit linter fixes the whole component; the GCP linters only need digits.
  const leading = linters.find((name) => name !== 'gcppos1' && name !== 'gcppos2' && name !== 'hasnondigit') ?? linters[0];
  const length = part.min === part.max ? part.max : Math.min(part.max, Math.max(part.min, 6));
  if (leading !== undefined) {
    const sample = VALID[leading];
    if (!sample) throw new Error(`no sample for linter ${leading}`);
    return sample(length);
  }
  return FILLER[part.cset].repeat(10).slice(0, length);
}

/** The value's components, optional ones included. */
export function validParts(spec: AiSpec): string[] {
  return spec.parts.map(validPart);
}

/** A valid value for the AI. */
export function validValue(spec: AiSpec): string {
  return validParts(spec).join('');
}

/** For each linter of each component: the value with that component made invalid, and the code. */
export function invalidValues(spec: AiSpec): Array<{ linter: string; value: string; code: ScanRejectionCode }> {
  const parts = validParts(spec);
  return spec.parts.flatMap((part, index) =>
    (part.linters ?? [])
      // A digit component is refused as NOT_NUMERIC before its company prefix is looked at.
      .filter((linter) => INVALID[linter] !== undefined && !(linter === 'gcppos1' && part.cset === 'N'))
      .map((linter) => {
        const invalid = INVALID[linter] as (typeof INVALID)[string];
        let component = invalid.value(parts[index] ?? '');
        // Keep the check character pair right, so that only the linter under test fails.
        if (linter !== 'csumalpha' && part.linters?.includes('csumalpha')) component = `${component.slice(0, -2)}${checkCharacterPair(component.slice(0, -2))}`;
        const value = parts.map((p, i) => (i === index ? component : p)).join('');
        return { linter, value, code: invalid.code };
      }),
  );
}

function matches(pattern: string, ai: string): boolean {
  return pattern.length === ai.length && [...pattern].every((c, i) => c === 'n' || c === ai.charAt(i));
}

function conflicts(ai: string, set: readonly string[]): boolean {
  return set.some((other) => other !== ai && ((aiSpec(ai)?.entry?.excludes ?? []).some((p) => matches(p, other)) || (aiSpec(other)?.entry?.excludes ?? []).some((p) => matches(p, ai))));
}

/**
 * The AIs a scan with `ai` needs beside it so the dictionary's `req=` rules hold: for each
 * unmet rule, the first alternative that excludes nothing already chosen.
 */
export function companions(ai: string): string[] {
  const chosen = [ai];
  for (let i = 0; i < chosen.length; i++) {
    for (const rule of aiSpec(chosen[i] ?? '')?.entry?.requires ?? []) {
      const met = rule.some((group) => group.every((p) => chosen.some((c) => c !== chosen[i] && matches(p, c))));
      if (met) continue;
      const group = rule.find((g) => g.every((p) => !conflicts(p.replaceAll('n', '0'), chosen)));
      if (!group) throw new Error(`no way to satisfy (${chosen[i]}) ${JSON.stringify(rule)}`);
      for (const p of group) chosen.push(p.replaceAll('n', '0'));
    }
  }
  return chosen.slice(1);
}

/** A bracketed scan holding `(ai)value` and the companions it needs. */
export function bracketedScan(ai: string, value: string): string {
  const others = companions(ai).map((other) => `(${other})${validValue(aiSpec(other) as AiSpec)}`);
  return `${others.join('')}(${ai})${value}`;
}

/** The same scan as raw GS1-128 data: AIs back to back, GS after each value that needs FNC1. */
export function rawScan(ai: string, value: string): string {
  const elements = [...companions(ai).map((other) => [other, validValue(aiSpec(other) as AiSpec)] as const), [ai, value] as const];
  return `]C1${elements.map(([a, v], i) => `${a}${v}${i < elements.length - 1 && aiSpec(a)?.fnc1 ? '\u001d' : ''}`).join('')}`;
}

export { AI_SPECS, checkCharacterPair };
