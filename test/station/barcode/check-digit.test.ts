import { describe, expect, it } from 'vitest';
import { expandUpcE, hasValidCheckDigit, mod10CheckDigit, toGtin14 } from '../../../station/barcode/check-digit.js';

describe('mod-10 check digit', () => {
  // Published examples: Wikipedia EAN-8/EAN-13/UPC-A articles, an ISBN-13, GS1 Digital Link
  // examples (09506000134352), GS1 US training examples with company prefix 0614141.
  it.each([
    ['GTIN-8 (EAN-8)', '96385074'],
    ['GTIN-12 (UPC-A)', '036000291452'],
    ['GTIN-13 (EAN-13)', '4006381333931'],
    ['GTIN-13 (ISBN-13)', '9780201379624'],
    ['GTIN-14', '09506000134352'],
    ['SSCC (18)', '106141411234567897'],
    ['GLN (13)', '0614141000012'],
    ['GSIN (17)', '06141411234567890'],
  ])('accepts %s %s', (_, code) => {
    expect(hasValidCheckDigit(code)).toBe(true);
    expect(mod10CheckDigit(code.slice(0, -1))).toBe(Number(code.slice(-1)));
  });

  it.each(['96385075', '036000291453', '4006381333932', '09506000134353', '106141411234567890', '0614141000013'])(
    'refuses %s, whose last digit is not its check digit',
    (code) => expect(hasValidCheckDigit(code)).toBe(false),
  );

  it('refuses a single digit, which has no body', () => {
    expect(hasValidCheckDigit('0')).toBe(false);
  });

  it('pads every GTIN to 14 digits', () => {
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('4006381333931')).toBe('04006381333931');
    expect(toGtin14('09506000134352')).toBe('09506000134352');
  });
});

describe('UPC-E expansion', () => {
  it.each([
    ['04252614', '042100005264'], // Wikipedia UPC-E example, sixth digit 1
    ['01234505', '012000003455'], // sixth digit 0–2: manufacturer X X d6 0 0, product 0 0 d3 d4 d5
    ['01234531', '012300000451'], // sixth digit 3
    ['01234543', '012340000053'], // sixth digit 4
    ['01234565', '012345000065'], // sixth digit 5–9
    ['11234593', '112345000093'], // number system 1
  ])('expands %s to UPC-A %s', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toBe(upcA);
    expect(hasValidCheckDigit(upcA)).toBe(true);
  });

  it('has no expansion for number systems other than 0 and 1, or other lengths', () => {
    expect(expandUpcE('21234565')).toBeUndefined();
    expect(expandUpcE('0123456')).toBeUndefined();
  });
});
