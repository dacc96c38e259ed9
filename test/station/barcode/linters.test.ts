import { describe, expect, it } from 'vitest';
import { COUNTRY_ALPHA_2, COUNTRY_NUMERIC, CURRENCY_NUMERIC } from '../../../station/barcode/code-lists.js';
import { LINTERS, checkCharacterPair } from '../../../station/barcode/linters.js';

const YEAR = 2026;

function lint(name: string, value: string): string | undefined {
  const linter = LINTERS[name];
  if (!linter) throw new Error(`no linter ${name}`);
  return linter(value, YEAR)?.code;
}

/** Linter, values it passes, values it refuses, the code it refuses them with. */
const CASES: Array<[string, string[], string[], string]> = [
  ['csum', ['09506000134352', '106141411234567897', '4000001000005', '96385074'], ['09506000134353', '106141411234567890'], 'BAD_CHECK_DIGIT'],
  // GS1 GenSpecs 7.9.5: the GMN example and its check character pair.
  ['csumalpha', ['1987654Ad4X4bL5ttr2310c2K', '22'], ['1987654Ad4X4bL5ttr2310cXK', '1987654Ad4X4bL5ttr2310c2X', '2'], 'BAD_CHECK_DIGIT'],
  ['gcppos1', ['0614', '0614141XYZ'], ['061', '06A4141', ''], 'BAD_VALUE'],
  ['gcppos2', ['00614', '106141411234567897'], ['0', '0061'], 'BAD_VALUE'],
  ['hasnondigit', ['A1', 'ABC'], ['12', '0'], 'BAD_VALUE'],
  ['hh', ['00', '23'], ['24', '99'], 'BAD_DATE'],
  ['mi', ['00', '59'], ['60'], 'BAD_DATE'],
  ['ss', ['00', '59'], ['60'], 'BAD_DATE'],
  ['hhmi', ['0000', '2359'], ['2400', '1260'], 'BAD_DATE'],
  ['hyphen', ['-'], ['X', '0'], 'BAD_VALUE'],
  // ISO 13616 examples.
  ['iban', ['GB82WEST12345698765432', 'DE89370400440532013000', 'FR1420041010050500013M02606'], ['GB83WEST12345698765432', 'DE88370400440532013000'], 'BAD_CHECK_DIGIT'],
  ['iban', [], ['XX82WEST12345698765432', 'GB82', 'GB82WEST1', 'gb82west12345698765432', 'GB82WEST1234569876543_', `GB82${'1'.repeat(31)}`], 'BAD_VALUE'],
  ['importeridx', ['A', 'z', '0', '_', '-'], ['=', '.', '!'], 'BAD_VALUE'],
  ['iso3166', ['004', '156', '276', '826', '840', '894'], ['000', '001', '999', '900'], 'BAD_VALUE'],
  ['iso3166999', ['999', '276'], ['998', '000'], 'BAD_VALUE'],
  ['iso3166alpha2', ['DE', 'CN', 'GB', 'US', 'ZW'], ['UK', 'XX', 'de', 'EU'], 'BAD_VALUE'],
  ['iso4217', ['978', '840', '156', '826', '999'], ['000', '001', '998'], 'BAD_VALUE'],
  ['iso5218', ['0', '1', '2', '9'], ['3', '8'], 'BAD_VALUE'],
  ['latitude', ['0000000000', '0279085848', '1800000000'], ['1800000001', '9999999999'], 'BAD_VALUE'],
  ['longitude', ['0000000000', '3600000000'], ['3600000001'], 'BAD_VALUE'],
  ['mediatype', ['01', '10', '80', '99'], ['00', '11', '79'], 'BAD_VALUE'],
  ['nonzero', ['0001', '1'], ['0', '0000'], 'BAD_VALUE'],
  ['nozeroprefix', ['1', '123456789012'], ['0', '012'], 'BAD_VALUE'],
  ['packagetype', ['BX', '1A', '200', 'PUE', 'ZZ'], ['XYZ', 'bx', '0'], 'BAD_VALUE'],
  ['pcenc', ['ABC', 'A%20B', '%C3%A9'], ['A%2', 'A%G0', '%'], 'BAD_VALUE'],
  ['pieceoftotal', ['0102', '0202', '1012'], ['0302', '0002', '0100'], 'BAD_VALUE'],
  ['posinseqslash', ['1/2', '2/2', '9/12'], ['3/2', '0/2', '1/0', '12/', '/12', '1-2'], 'BAD_VALUE'],
  ['winding', ['0', '1', '9'], ['2', '8'], 'BAD_VALUE'],
  ['yesno', ['0', '1'], ['2', '9'], 'BAD_VALUE'],
  ['zero', ['0'], ['1'], 'BAD_VALUE'],
  ['yymmd0', ['271231', '270200', '280229'], ['271301', '270001', '270229', '270132'], 'BAD_DATE'],
  ['yymmdd', ['271231', '280229'], ['270200', '270229', '271301'], 'BAD_DATE'],
  ['yyyymmd0', ['20271200', '20000229'], ['20271301', '19000229'], 'BAD_DATE'],
  ['yyyymmdd', ['20271231', '20000229'], ['20271200', '21000229'], 'BAD_DATE'],
  // GS1 US coupon codes (AI 8110): company prefix 614141, offer 123456, save value 2,
  // 1st purchase requirement 1 of family 123; then optional fields 1–6 and 9.
  [
    'couponcode',
    ['061414112345612110123', '061414112345612110123' + '3271231' + '4270101', '061414112345612110123' + '50123456' + '616141418' + '90100', '061414112345612110123' + '1' + '0' + '11' + '0' + '123' + '9'],
    ['761414112345612110123', '06141411234561211012', '061414112345612110123' + '3271231' + '4280101', '061414112345612110123' + '7', '061414112345612110123' + '3271301', '06141411234561211' + '5' + '123'],
    'BAD_VALUE',
  ],
  ['couponposoffer', ['006141411234560123456', '11614141012345612345601'], ['206141411234560123456', '00614141123456012345', '0061414112345601234567', '076141411234560123456'], 'BAD_VALUE'],
];

describe('the GS1 Barcode Syntax Dictionary linters', () => {
  it.each(CASES.flatMap(([name, good]) => good.map((value) => [name, value] as const)))('%s passes %s', (name, value) => {
    expect(lint(name, value)).toBeUndefined();
  });

  it.each(CASES.flatMap(([name, , bad, code]) => bad.map((value) => [name, value, code] as const)))('%s refuses %s: %s', (name, value, code) => {
    expect(lint(name, value)).toBe(code);
  });

  it('computes the GMN check character pair of GenSpecs 7.9.5', () => {
    expect(checkCharacterPair('1987654Ad4X4bL5ttr2310c')).toBe('2K');
    expect(checkCharacterPair('')).toBe('22');
  });

  it('reads 29 February by the GS1 century rule of the year given', () => {
    expect(LINTERS.yymmdd?.('000229', 2026)).toBeUndefined(); // 2000
    expect(LINTERS.yymmdd?.('000229', 2080)).toBeDefined(); // 2100 is no leap year
  });
});

describe('the code lists', () => {
  it('hold the 249 ISO 3166-1 countries, numeric and alpha-2', () => {
    expect(COUNTRY_NUMERIC.size).toBe(249);
    expect(COUNTRY_ALPHA_2.size).toBe(249);
    for (const code of COUNTRY_NUMERIC) expect(code).toMatch(/^\d{3}$/);
    for (const code of COUNTRY_ALPHA_2) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('hold the ISO 4217 numeric currency codes', () => {
    expect(CURRENCY_NUMERIC.size).toBeGreaterThan(170);
    for (const code of CURRENCY_NUMERIC) expect(code).toMatch(/^\d{3}$/);
  });
});
