import { describe, expect, it } from 'vitest';
import { AI_TABLE, PREDEFINED_LENGTH, aiSpec } from '../../../station/barcode/ai-table.js';
import type { ElementString } from '../../../station/barcode/index.js';
import { decoded, rejection } from './helpers.js';

const GTIN = '(01)09506000134352';

/**
 * One valid example per AI (the measure families are covered below), in the bracketed
 * form, with what must come out. Check digits: GS1 example company prefix 0614141 and
 * the GS1 Digital Link example GTIN 09506000134352, each verified in check-digit.test.ts.
 */
const EXAMPLES: Record<string, { scan: string; value: string; expect?: Partial<Record<string, unknown>> }> = {
  '00': { scan: '', value: '106141411234567897' },
  '01': { scan: '', value: '09506000134352' },
  '02': { scan: '(37)12', value: '09506000134352' },
  '10': { scan: GTIN, value: 'ABC123' },
  '11': { scan: GTIN, value: '250101', expect: { date: '2025-01-01', dayOmitted: false } },
  '12': { scan: '', value: '261130', expect: { date: '2026-11-30' } },
  '13': { scan: GTIN, value: '260500', expect: { date: '2026-05-31', dayOmitted: true } },
  '15': { scan: GTIN, value: '270228', expect: { date: '2027-02-28' } },
  '16': { scan: GTIN, value: '280229', expect: { date: '2028-02-29' } },
  '17': { scan: GTIN, value: '271231', expect: { date: '2027-12-31' } },
  '20': { scan: GTIN, value: '05' },
  '21': { scan: GTIN, value: '12345XYZ' },
  '22': { scan: GTIN, value: 'CPV-1' },
  '240': { scan: GTIN, value: 'ADD-ID-7' },
  '241': { scan: GTIN, value: 'CUST-PN-42' },
  '250': { scan: `${GTIN}(21)S1`, value: 'SEC-SER-9' },
  '251': { scan: GTIN, value: 'SRC-REF-1' },
  '30': { scan: GTIN, value: '24' },
  '37': { scan: '(02)09506000134352', value: '12' },
  '400': { scan: '', value: 'PO-4711' },
  '401': { scan: '', value: '0614141XYZ' },
  '402': { scan: '', value: '06141411234567890' },
  '403': { scan: '', value: 'ROUTE-7' },
  '410': { scan: '', value: '0614141000012' },
  '411': { scan: '', value: '0614141000012' },
  '412': { scan: '', value: '4000001000005' },
  '413': { scan: '', value: '4000001000005' },
  '414': { scan: '', value: '5412345000013' },
  '415': { scan: '', value: '5412345000013' },
  '420': { scan: '', value: '10115' },
  '421': { scan: '', value: '27610115' },
  '422': { scan: GTIN, value: '276' },
  '7003': { scan: GTIN, value: '2712311530', expect: { dateTime: '2027-12-31T15:30' } },
  '7006': { scan: GTIN, value: '260115', expect: { date: '2026-01-15' } },
  '8200': { scan: GTIN, value: 'http://www.example.com/leaflet' },
  '90': { scan: '', value: 'INT-90' },
  ...Object.fromEntries(['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => [ai, { scan: '', value: `INT-${ai}/X` }])),
};

function elementOf(scan: ReturnType<typeof decoded>, ai: string): ElementString | undefined {
  return scan.kind === 'gs1' ? scan.elements.find((element) => element.ai === ai) : undefined;
}

describe('AI table', () => {
  it('is prefix-free, so an AI is found by its first 2, 3 or 4 digits alone', () => {
    const ais = AI_TABLE.map((spec) => spec.ai);
    expect(new Set(ais).size).toBe(ais.length);
    for (const a of ais) for (const b of ais) if (a !== b) expect(b.startsWith(a), `${a} is a prefix of ${b}`).toBe(false);
  });

  it('agrees with the GS1 predefined-length table for every AI it starts', () => {
    for (const spec of AI_TABLE) {
      const total = PREDEFINED_LENGTH[spec.ai.slice(0, 2)];
      if (total === undefined) continue;
      expect('fixedLength' in spec, `${spec.ai} is predefined, so fixed`).toBe(true);
      if ('fixedLength' in spec) expect(spec.ai.length + spec.fixedLength, spec.ai).toBe(total);
    }
  });

  it('names only AIs of the table in its pairing rules', () => {
    for (const spec of AI_TABLE) {
      for (const ai of [...(spec.requires ?? []).flat(), ...(spec.excludes ?? [])]) expect(aiSpec(ai), ai).toBeDefined();
    }
  });

  it('has an example below for every non-measure AI', () => {
    const missing = AI_TABLE.filter((spec) => spec.format !== 'measure' && !(spec.ai in EXAMPLES)).map((spec) => spec.ai);
    expect(missing).toEqual([]);
  });
});

describe('every AI decodes from a valid example', () => {
  it.each(Object.entries(EXAMPLES))('(%s)', (ai, example) => {
    const scan = decoded(`${example.scan}(${ai})${example.value}`);
    const element = elementOf(scan, ai);
    expect(element).toMatchObject({ ai, raw: example.value, title: aiSpec(ai)?.title, ...example.expect });
  });

  it.each(Object.entries(EXAMPLES).filter(([ai]) => (aiSpec(ai) ?? { checkDigit: false }).checkDigit))(
    '(%s) with a wrong check digit is BAD_CHECK_DIGIT',
    (ai, example) => {
      const last = Number(example.value.slice(-1));
      const wrong = `${example.value.slice(0, -1)}${(last + 1) % 10}`;
      expect(rejection(`${example.scan}(${ai})${wrong}`)).toBe('BAD_CHECK_DIGIT');
    },
  );

  it.each(Object.entries(EXAMPLES))('(%s) one character too long or too short is BAD_LENGTH', (ai, example) => {
    const spec = aiSpec(ai);
    const tooLong = spec && 'fixedLength' in spec ? `${example.value}0` : `${example.value}${'0'.repeat(100)}`;
    expect(rejection(`${example.scan}(${ai})${tooLong}`)).toBe('BAD_LENGTH');
    if (spec && 'fixedLength' in spec) expect(rejection(`${example.scan}(${ai})${example.value.slice(1)}`)).toBe('BAD_LENGTH');
  });
});

describe('measure AIs 31nn–33nn carry n implied decimals', () => {
  const measures = AI_TABLE.filter((spec) => spec.format === 'measure');

  it('covers net weight, dimensions, area, volume and gross weight with n = 0–5', () => {
    expect(measures.map((spec) => spec.ai.slice(0, 3))).toEqual(
      ['310', '311', '312', '313', '314', '315', '316', '320', '330'].flatMap((family) => Array(6).fill(family)),
    );
  });

  it.each(measures.map((spec) => [spec.ai, spec.decimals ?? 0, spec.unit] as const))('(%s): 001250 → 1250 / 10^%i %s', (ai, n, unit) => {
    const scan = decoded(`${GTIN}(${ai})001250`);
    expect(elementOf(scan, ai)).toMatchObject({ format: 'measure', raw: '001250', value: 1250 / 10 ** n, decimals: n, unit });
  });

  it('reads (3103)000189 as 0.189 kg, with no separator before the next AI', () => {
    const scan = decoded(']C10109506000134352310300018910ABC');
    expect(elementOf(scan, '3103')).toMatchObject({ value: 0.189, unit: 'kg' });
  });

  it('has no n above 5: (3106) is an unknown AI', () => {
    expect(rejection(`${GTIN}(3106)001250`)).toBe('UNKNOWN_AI');
  });
});
