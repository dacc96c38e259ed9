import { describe, expect, it } from 'vitest';
import { AI_SPECS, aiSpec, type AiSpec, type ElementString } from '../../../station/barcode/index.js';
import { bracketedScan, invalidValues, rawScan, validValue } from './ai-examples.js';
import { decoded, rejection } from './helpers.js';

function elementOf(scan: ReturnType<typeof decoded>, ai: string): ElementString | undefined {
  return scan.kind === 'gs1' ? scan.elements.find((element) => element.ai === ai) : undefined;
}

const EVERY_AI = AI_SPECS.map((spec) => [spec.ai, spec] as const);
const BAD_CHARACTER: Record<AiSpec['parts'][number]['cset'], [string, string]> = {
  N: ['A', 'NOT_NUMERIC'],
  X: ['|', 'BAD_CHARACTER'],
  Y: ['a', 'BAD_CHARACTER'],
  Z: ['!', 'BAD_CHARACTER'],
};

describe('every AI of the dictionary, in a valid form', () => {
  it.each(EVERY_AI)('(%s) decodes bracketed, with the AIs its pairing rules need', (ai, spec) => {
    const value = validValue(spec);
    expect(elementOf(decoded(bracketedScan(ai, value)), ai)).toMatchObject({ ai, raw: value, title: spec.title });
  });

  it.each(EVERY_AI)('(%s) decodes as raw GS1-128 data', (ai, spec) => {
    const value = validValue(spec);
    expect(elementOf(decoded(rawScan(ai, value)), ai)).toMatchObject({ ai, raw: value });
  });
});

describe('every AI of the dictionary, in a wrong form', () => {
  it.each(EVERY_AI)('(%s) one character over its longest value is BAD_LENGTH', (ai, spec) => {
    const value = validValue(spec);
    const last = spec.parts.at(-1)?.cset ?? 'X';
    const filler = last === 'N' ? '7' : 'K';
    expect(rejection(bracketedScan(ai, `${value}${filler.repeat(spec.maxLength - value.length + 1)}`))).toBe('BAD_LENGTH');
  });

  it.each(EVERY_AI)('(%s) one character under its shortest value is BAD_LENGTH', (ai, spec) => {
    expect(rejection(bracketedScan(ai, validValue(spec).slice(0, spec.minLength - 1)))).toBe('BAD_LENGTH');
  });

  it.each(EVERY_AI)('(%s) with a character outside its first component’s set is refused', (ai, spec) => {
    const [character, code] = BAD_CHARACTER[spec.parts[0]?.cset ?? 'X'];
    expect(rejection(bracketedScan(ai, `${character}${validValue(spec).slice(1)}`))).toBe(code);
  });

  const linted = AI_SPECS.flatMap((spec) => invalidValues(spec).map((wrong) => [spec.ai, wrong.linter, wrong.value, wrong.code] as const));
  it.each(linted)('(%s) refused by its %s linter: %s is %s', (ai, _, value, code) => {
    expect(rejection(bracketedScan(ai, value))).toBe(code);
  });
});

// GS1 General Specifications examples, and the AIs packgate did not have before the table
// was generated (issue #18).
describe('GS1 General Specifications examples', () => {
  it.each([
    ['(01)09506000134352(3103)000195(3922)0299', '3922', { raw: '0299', format: 'numeric' }],
    ['(01)09506000134352(3103)000195(3925)97801299', '3925', { raw: '97801299' }],
    ['(01)09506000134352(3932)978299(3103)000195', '3932', { raw: '978299' }],
    ['(01)09506000134352(422)276(423)276528', '423', { raw: '276528' }],
    ['(01)09506000134352(424)276', '424', { raw: '276' }],
    ['(01)09506000134352(425)276040056', '425', { raw: '276040056' }],
    ['(01)09506000134352(426)276', '426', { raw: '276' }],
    ['(8006)095060001343520102(21)A1', '8006', { raw: '095060001343520102' }],
    ['(00)106141411234567897(3311)000125', '3311', { format: 'measure', value: 12.5, unit: 'm' }],
    ['(00)106141411234567897(3362)001500', '3362', { format: 'measure', value: 15, unit: 'm³' }],
    ['(01)09506000134352(3372)000250', '3372', { format: 'measure', value: 2.5, unit: 'kg/m²' }],
    ['(01)09506000134352(3661)000150', '3661', { format: 'measure', value: 15, unit: 'yd³' }],
    ['(00)106141411234567897(3691)000150', '3691', { format: 'measure', value: 15, unit: 'yd³' }],
    ['(01)09506000134352(235)TPX-0012345', '235', { raw: 'TPX-0012345' }],
    ['(01)09506000134352(242)123456', '242', { raw: '123456' }],
    ['(03)09506000134352', '03', { raw: '09506000134352' }],
    ['(01)09506000134352(7007)260101260131', '7007', { raw: '260101260131' }],
    ['(01)09506000134352(7011)2701311230', '7011', { raw: '2701311230' }],
    ['(00)106141411234567897(4324)2612010900', '4324', { format: 'datetime', dateTime: '2026-12-01T09:00' }],
    ['(00)106141411234567897(4325)2612000900', '4325', { format: 'datetime', dateTime: '2026-12-31T09:00' }],
    ['(00)106141411234567897(4326)261224', '4326', { format: 'date', date: '2026-12-24' }],
    ['(01)09506000134352(8008)261122134559', '8008', { raw: '261122134559' }],
    ['(01)09506000134352(8001)12345678901291', '8001', { raw: '12345678901291' }],
    ['(8003)00614141123452ABC', '8003', { raw: '00614141123452ABC' }],
    ['(00)106141411234567897(8030)c2lnbmF0dXJl', '8030', { raw: 'c2lnbmF0dXJl' }],
    ['(253)4000001000005ABC', '253', { raw: '4000001000005ABC' }],
    ['(255)4000001000005123', '255', { raw: '4000001000005123' }],
    ['(01)09506000134352(7230)EMA-PLAN-42', '7230', { raw: 'EMA-PLAN-42' }],
    ['(255)4000001000005(8111)0500', '8111', { raw: '0500' }],
    ['(8013)1987654Ad4X4bL5ttr2310c2K', '8013', { raw: '1987654Ad4X4bL5ttr2310c2K' }],
    ['(415)5412345000013(8020)ABC123(8007)GB82WEST12345698765432', '8007', { raw: 'GB82WEST12345698765432' }],
    ['(00)106141411234567897(4309)0279085848', '4309', undefined],
  ] as const)('%s', (scan, ai, expected) => {
    if (expected === undefined) {
      expect(rejection(scan)).toBe('BAD_LENGTH'); // latitude without longitude
      return;
    }
    expect(elementOf(decoded(scan), ai)).toMatchObject({ ai, title: aiSpec(ai)?.title, ...expected });
  });

  it('reads (3103)000189 as 0.189 kg, with no separator before the next AI', () => {
    expect(elementOf(decoded(']C10109506000134352310300018910ABC'), '3103')).toMatchObject({ value: 0.189, unit: 'kg', decimals: 3 });
  });

  it.each(AI_SPECS.filter((spec) => spec.format === 'measure').map((spec) => [spec.ai, spec.decimals ?? 0, spec.unit ?? ''] as const))(
    '(%s) is a measure with %i implied decimals in %s',
    (ai, decimals, unit) => {
      expect(decimals).toBe(Number(ai.charAt(3)));
      expect(unit).not.toBe('');
    },
  );

  it('refuses an ISO 3166 country code that does not exist in (422): BAD_VALUE', () => {
    expect(rejection('(01)09506000134352(422)276')).toBeUndefined();
    expect(rejection('(01)09506000134352(422)000')).toBe('BAD_VALUE');
    expect(rejection('(01)09506000134352(422)999')).toBe('BAD_VALUE');
  });

  it('refuses an ISO 4217 currency that does not exist in (3912): BAD_VALUE', () => {
    expect(rejection('(8020)REF-1(415)5412345000013(3912)9781000')).toBeUndefined();
    expect(rejection('(8020)REF-1(415)5412345000013(3912)9991000')).toBeUndefined(); // XXX, no currency
    expect(rejection('(8020)REF-1(415)5412345000013(3912)0011000')).toBe('BAD_VALUE');
  });
});
