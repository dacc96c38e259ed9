import { describe, expect, it } from 'vitest';
import { AI_SPECS, aiSpec, type AiSpec } from '../../../station/barcode/index.js';
import { bracketedScan, validValue } from './ai-examples.js';
import { GS, decoded, rejection, rejectionOf } from './helpers.js';

const SSCC = '(00)106141411234567897';
const GTIN = '(01)09506000134352';

function matches(pattern: string, ai: string): boolean {
  return pattern.length === ai.length && [...pattern].every((c, i) => c === 'n' || c === ai.charAt(i));
}

describe('pairing rules straight from the dictionary', () => {
  it('reads an SSCC logistic label with only a gross weight: (00) with (3302)', () => {
    const scan = decoded(']C1001061414112345678973302001500');
    expect(scan).toMatchObject({ kind: 'gs1', sscc: '106141411234567897' });
    if (scan.kind === 'gs1') expect(scan.elements[1]).toMatchObject({ ai: '3302', value: 15, unit: 'kg' });
  });

  it.each(['3302', '3312', '3322', '3332', '3342', '3352', '3362', '3402', '3412', '3532', '3622', '3672'])(
    'accepts logistic measure (%s) with an SSCC (00) or a GTIN (01), and with neither refuses it',
    (ai) => {
      expect(rejection(`${SSCC}(${ai})001500`)).toBeUndefined();
      expect(rejection(`${GTIN}(${ai})001500`)).toBeUndefined();
      expect(rejectionOf(`(400)PO-1(${ai})001500`)).toMatchObject({ code: 'REQUIRED_AI_MISSING', ai });
    },
  );

  it.each(['3102', '3202', '3502', '3572', '3602', '3652'])('needs a GTIN (01) or CONTENT (02) for trade measure (%s), not an SSCC', (ai) => {
    expect(rejection(`${GTIN}(${ai})001500`)).toBeUndefined();
    expect(rejectionOf(`${SSCC}(${ai})001500`)).toMatchObject({ code: 'REQUIRED_AI_MISSING', ai });
  });

  const required = AI_SPECS.filter((spec) => spec.entry?.requires).map((spec) => [spec.ai, spec] as const);
  it.each(required)('refuses (%s) on its own: REQUIRED_AI_MISSING', (ai, spec) => {
    expect(rejectionOf(`(${ai})${validValue(spec)}`)).toMatchObject({ code: 'REQUIRED_AI_MISSING', ai });
  });

  const exclusions = AI_SPECS.flatMap((spec) =>
    (spec.entry?.excludes ?? []).map((pattern) => {
      const other = AI_SPECS.find((candidate) => candidate.ai !== spec.ai && matches(pattern, candidate.ai)) as AiSpec;
      return [spec.ai, other.ai, pattern] as const;
    }),
  );
  it.each(exclusions)('refuses (%s) with (%s) (ex=%s): INVALID_AI_COMBINATION', (ai, other) => {
    const scan = `${bracketedScan(ai, validValue(aiSpec(ai) as AiSpec))}(${other})${validValue(aiSpec(other) as AiSpec)}`;
    expect(rejection(scan)).toBe('INVALID_AI_COMBINATION');
  });

  it.each([
    ['a lot (10) with a GTIN', `${GTIN}(10)ABC`],
    ['a serial (21) with an ITIP (8006)', '(8006)095060001343520102(21)S1'],
    ['a secondary serial (250) with GTIN and serial', `${GTIN}(21)S1(250)ABC`],
    ['a price (3925) with a GTIN and a net weight (3105)', `${GTIN}(3925)12599(3105)654321`],
    ['a price (3925) with a GTIN and a variable count (30)', `${GTIN}(3925)12599(30)12`],
    ['a digital signature (8030) with GTIN and serial', `${GTIN}(21)ABC123(8030)c2ln`],
    ['a digital signature (8030) with a serialised GDTI (253)', '(253)4000001000005X(8030)c2ln'],
    ['CONTENT (02) and COUNT (37) on an SSCC label', `${SSCC}(02)09506000134352(37)12`],
    ['the same net weight twice', `${GTIN}(3102)001500(3102)001500`],
    ['an invoice due date (12) with its reference (8020) and payee (415)', '(415)5412345000013(8020)INV-7(12)261231'],
  ])('accepts %s', (_, scan) => {
    expect(rejection(scan)).toBeUndefined();
  });

  it.each([
    ['two net weights (3102, 3103): ex=310n', `${GTIN}(3102)001500(3103)001500`, 'INVALID_AI_COMBINATION'],
    ['a price per UoM (3955) with a price (3929): ex=392n', `${GTIN}(3103)000195(3955)123456(3929)123`, 'INVALID_AI_COMBINATION'],
    ['a percent off (3940) with points (8111)', '(255)4000001000005(3940)1234(8111)9999', 'INVALID_AI_COMBINATION'],
    ['a GTIN with a GCN (255)', `${GTIN}(255)4000001000005`, 'INVALID_AI_COMBINATION'],
    ['a serial (21) with a TPX (235)', `${GTIN}(21)ABC(235)XYZ`, 'INVALID_AI_COMBINATION'],
    ['a GTIN with a COUNT (37)', `${GTIN}(37)12`, 'INVALID_AI_COMBINATION'],
    ['a digital signature (8030) with a GTIN alone', `${GTIN}(8030)c2ln`, 'REQUIRED_AI_MISSING'],
    ['a digital signature (8030) with a GDTI (253) without its serial', '(253)4000001000005(8030)c2ln', 'INVALID_AI_COMBINATION'],
    ['a digital signature (8030) with a GCN (255) without its serial', '(255)4000001000005(8030)c2ln', 'INVALID_AI_COMBINATION'],
    ['a digital signature (8030) with a GRAI (8003) without its serial', '(8003)00614141123452(8030)c2ln', 'INVALID_AI_COMBINATION'],
    ['a price (3925) with a GTIN and no quantity', `${GTIN}(3925)12599`, 'REQUIRED_AI_MISSING'],
    ['CONTENT (02) without COUNT (37)', `${SSCC}(02)09506000134352`, 'REQUIRED_AI_MISSING'],
    ['COUNT (37) with an SSCC and no CONTENT', `${SSCC}(37)12`, 'REQUIRED_AI_MISSING'],
    ['an unknown AI the pattern of a known one excludes: (3333) ex=333n and (3338)', `${SSCC}(3333)333333(3338)030333`, 'INVALID_AI_COMBINATION'],
    ['a lot (10) with an SSCC only', `${SSCC}(10)ABC`, 'REQUIRED_AI_MISSING'],
  ])('refuses %s', (_, scan, code) => {
    expect(rejection(scan)).toBe(code);
  });

  it('reads the pairing of raw data the same as bracketed', () => {
    // A fresh-food DataBar Expanded label: GTIN, price (3922) and the net weight it is for.
    expect(rejection(`]e00109506000134352392200299${GS}3103000195`)).toBeUndefined();
    expect(rejection(']e00109506000134352392200299')).toBe('REQUIRED_AI_MISSING');
  });
});

describe('no waived pairing rule', () => {
  it('refuses CONTENT (02) and COUNT (37) without the SSCC (00) they describe (37 req=00), as the GS1 Syntax Engine does', () => {
    expect(rejectionOf(`]C10209506000134352376${GS}10LOT1`)).toMatchObject({ code: 'REQUIRED_AI_MISSING', ai: '37' });
    expect(decoded(`]C1001061414112345678970209506000134352376${GS}10LOT1`)).toMatchObject({ kind: 'gs1', contentGtin14: '09506000134352', count: 6, batch: 'LOT1' });
  });
});
