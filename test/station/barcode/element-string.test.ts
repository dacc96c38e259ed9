import { describe, expect, it } from 'vitest';
import { GS, decoded, rejection, rejectionOf } from './helpers.js';

describe('raw element strings (GS1-128, GS1 DataMatrix, GS1 QR, DataBar)', () => {
  it('needs no separator after predefined-length AIs (01, 17) and ends a variable one (10) at the end', () => {
    const scan = decoded(']C1010950600013435217271231' + '10ABC123');
    expect(scan).toMatchObject({ kind: 'gs1', gtin14: '09506000134352', expiry: '2027-12-31', batch: 'ABC123' });
  });

  it('ends a variable-length AI at GS (GS1 GenSpecs 7.8.5)', () => {
    const scan = decoded(`]d2010950600013435221SER-1${GS}10LOT7${GS}17271231`);
    expect(scan).toMatchObject({ serial: 'SER-1', batch: 'LOT7', expiry: '2027-12-31' });
    if (scan.kind === 'gs1') expect(scan.elements.map((element) => element.ai)).toEqual(['01', '21', '10', '17']);
  });

  it('drops a leading GS (FNC1 in first position) and a trailing GS', () => {
    expect(decoded(`]C1${GS}0109506000134352${GS}`)).toMatchObject({ gtin14: '09506000134352' });
    expect(decoded(`]C1010950600013435210ABC${GS}`)).toMatchObject({ batch: 'ABC' });
  });

  it('tolerates a GS after a predefined-length value', () => {
    expect(decoded(`]C10109506000134352${GS}10ABC`)).toMatchObject({ batch: 'ABC' });
  });

  it('ends a fixed-length AI outside the predefined table (422) at GS, then checks its length', () => {
    expect(decoded(`]C10109506000134352422276${GS}10ABC`)).toMatchObject({ batch: 'ABC' });
    expect(rejection(']C1010950600013435242227610ABC')).toBe('BAD_LENGTH');
  });

  it('reads an SSCC logistic label: (00) with (02) and (37)', () => {
    const scan = decoded(`]C10010614141123456789702095060001343523712`);
    expect(scan).toMatchObject({ sscc: '106141411234567897', contentGtin14: '09506000134352', count: 12 });
  });

  it('reads AI 30 as the count when there is no 37', () => {
    expect(decoded(']C1010950600013435230144')).toMatchObject({ count: 144 });
  });

  it('reads a run of separators as one: an empty element carries nothing (the engine refuses it, biip does not)', () => {
    for (const scan of [`]C1010950600013435210A${GS}${GS}21B`, `]C1${GS}${GS}010950600013435210A${GS}${GS}${GS}21B${GS}${GS}`, `010950600013435210A${GS}${GS}21B`]) {
      const read = decoded(scan);
      expect(read.kind === 'gs1' && read.elements.map((element) => [element.ai, element.raw])).toEqual([['01', '09506000134352'], ['10', 'A'], ['21', 'B']]);
    }
    expect(rejection(`]C1010950600013435210${GS}${GS}21B`)).toBe('BAD_LENGTH');
  });

  it('keeps one copy of an AI repeated with the same value, and refuses different values', () => {
    const scan = decoded(`]C1010950600013435210A${GS}10A`);
    if (scan.kind === 'gs1') expect(scan.elements.map((element) => element.ai)).toEqual(['01', '10']);
    expect(rejection(`]C1010950600013435210A${GS}10B`)).toBe('DUPLICATE_AI');
  });

  it.each([
    ['separators only', `]C1${GS}${GS}`, 'MALFORMED_ELEMENT_STRING'],
    ['only a separator', `]C1${GS}`, 'MALFORMED_ELEMENT_STRING'],
    ['an unassigned AI', ']C12312345', 'UNKNOWN_AI'],
    ['letters where an AI must be', ']C1ABC', 'UNKNOWN_AI'],
    ['a GTIN cut short', ']C101095060001343', 'BAD_LENGTH'],
    ['a GTIN cut short by GS', `]C1010950600013${GS}10A`, 'BAD_LENGTH'],
    ['a lot over 20 characters', `]C1010950600013435210${'A'.repeat(21)}`, 'BAD_LENGTH'],
    ['an AI with no value at the end', ']C1010950600013435210', 'BAD_LENGTH'],
    ['letters in a GTIN', ']C1010950600013435X', 'NOT_NUMERIC'],
    ['a space in a lot (outside CSET 82)', ']C1010950600013435210A B', 'BAD_CHARACTER'],
    ['a non-ASCII character in a serial', ']C1010950600013435221SÉRIE', 'BAD_CHARACTER'],
    ['month 13 in an expiry date', ']C1010950600013435217271301', 'BAD_DATE'],
    ['30 February', ']C1010950600013435215270230', 'BAD_DATE'],
    ['a wrong GTIN check digit', ']C10109506000134353', 'BAD_CHECK_DIGIT'],
    ['a wrong SSCC check digit', ']C100106141411234567890', 'BAD_CHECK_DIGIT'],
    ['^ standing in for FNC1', ']C1010950600013435210ABC^17271231', 'CARET_IN_DATA'],
    ['human-readable parentheses', ']C1(01)09506000134352', 'PARENTHESES_IN_RAW'],
    ['a parenthesis inside a value', ']C1010950600013435210AB)C', 'PARENTHESES_IN_RAW'],
  ])('refuses %s', (_, scan, code) => {
    expect(rejection(scan)).toBe(code);
  });
});

describe('pairing rules a packing bench relies on', () => {
  it.each([
    ['a lot (10) without a GTIN', ']C110ABC', '10'],
    ['a serial (21) without a GTIN', ']C121XYZ', '21'],
    ['an expiry (17) without a GTIN', ']C117271231', '17'],
    ['a count (37) without CONTENT (02)', ']C100106141411234567897375', '37'],
    ['CONTENT (02) without a count (37)', ']C10209506000134352', '02'],
    ['a secondary serial (250) without a serial (21)', ']C10109506000134352250ABC', '250'],
  ])('refuses %s: REQUIRED_AI_MISSING', (_, scan, ai) => {
    expect(rejectionOf(scan)).toMatchObject({ code: 'REQUIRED_AI_MISSING', ai });
  });

  it('accepts a lot, serial or expiry with CONTENT (02) instead of a GTIN', () => {
    expect(decoded(`]C1001061414112345678970209506000134352375${GS}10ABC`)).toMatchObject({ batch: 'ABC', count: 5 });
  });

  it('refuses GTIN (01) together with CONTENT (02): INVALID_AI_COMBINATION', () => {
    expect(rejection(']C101095060001343520209506000134352375')).toBe('INVALID_AI_COMBINATION');
  });

  it('refuses SHIP TO POST 420 with 421', () => {
    expect(rejection(`]C142010115${GS}42127610115`)).toBe('INVALID_AI_COMBINATION');
  });

  it('needs no GTIN for shipping and internal AIs', () => {
    expect(decoded(`]C14100614141000012400PO-1${GS}91INTERNAL`)).toMatchObject({ kind: 'gs1' });
  });
});

describe('bracketed (human-readable) element strings', () => {
  it('reads the GenSpecs-style HRI form', () => {
    const scan = decoded('(01)09506000134352(17)271231(10)ABC123');
    expect(scan).toMatchObject({ kind: 'gs1', form: 'bracketed', gtin14: '09506000134352', expiry: '2027-12-31', batch: 'ABC123' });
  });

  it('ignores spaces between elements, as printed under a barcode', () => {
    expect(decoded(' (01) 09506000134352 (10) ABC123 ')).toMatchObject({ gtin14: '09506000134352', batch: 'ABC123' });
  });

  it('resolves an expiry with DD = 00 to the last day of the month', () => {
    const scan = decoded('(01)09506000134352(17)270200');
    expect(scan).toMatchObject({ expiry: '2027-02-28' });
    if (scan.kind === 'gs1') expect(scan.elements[1]).toMatchObject({ dayOmitted: true, raw: '270200' });
  });

  it('reads text that merely contains brackets later on as text', () => {
    expect(decoded('X(01)09506000134352')).toMatchObject({ kind: 'text' });
  });

  it.each([
    ['an unclosed AI', '(01', 'MALFORMED_ELEMENT_STRING'],
    ['an AI of one digit', '(1)09506000134352', 'MALFORMED_ELEMENT_STRING'],
    ['an AI of letters', '(AB)123', 'MALFORMED_ELEMENT_STRING'],
    ['a ")" in a GTIN', '(01)0950600013435)', 'NOT_NUMERIC'],
    ['an unknown AI', '(23)123', 'UNKNOWN_AI'],
    ['an empty value', '(01)09506000134352(10)', 'BAD_LENGTH'],
    ['a short GTIN', '(01)0950600013435', 'BAD_LENGTH'],
    ['^ in a value', '(01)09506000134352(10)A^B', 'CARET_IN_DATA'],
    ['a GS in the text', `(01)09506000134352${GS}(10)AB`, 'PARENTHESES_IN_RAW'],
  ])('refuses %s', (_, scan, code) => {
    expect(rejection(scan)).toBe(code);
  });
});
