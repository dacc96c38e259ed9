import { describe, expect, it } from 'vitest';
import { decoded, rejection } from './helpers.js';

// Examples in the style of the GS1 Digital Link standard: id.gs1.org, GTIN 09506000134352,
// GLN 9520123456788, any host, custom path prefixes, query-string AIs.
describe('GS1 Digital Link URIs', () => {
  it('reads the primary key and qualifiers from the path and AIs from the query', () => {
    const scan = decoded('https://id.gs1.org/01/09506000134352/10/ABC123?17=201231');
    expect(scan).toMatchObject({ kind: 'gs1', form: 'digital-link', gtin14: '09506000134352', batch: 'ABC123', expiry: '2020-12-31' });
    if (scan.kind === 'gs1') expect(scan.elements.map((element) => element.ai)).toEqual(['01', '10', '17']);
  });

  it('accepts any host and a custom path before the primary key', () => {
    const scan = decoded('https://brand.example.com/products/view/01/09506000134352/10/LOT-9/21/12345?17=271231');
    expect(scan).toMatchObject({ gtin14: '09506000134352', batch: 'LOT-9', serial: '12345', expiry: '2027-12-31' });
  });

  it('reads SSCC and GLN primary keys', () => {
    expect(decoded('https://id.gs1.org/00/106141411234567897')).toMatchObject({ sscc: '106141411234567897' });
    const gln = decoded('https://id.gs1.org/414/9520123456788');
    if (gln.kind === 'gs1') expect(gln.elements[0]).toMatchObject({ ai: '414', raw: '9520123456788' });
  });

  it('pads a GTIN-13 in the path to GTIN-14', () => {
    expect(decoded('https://id.gs1.org/01/9506000134352')).toMatchObject({ gtin14: '09506000134352' });
  });

  it('percent-decodes path and query values', () => {
    expect(decoded('https://id.gs1.org/01/09506000134352/10/AB%2FC%2D1')).toMatchObject({ batch: 'AB/C-1' });
    expect(decoded('https://id.gs1.org/01/09506000134352/10/A%25B')).toMatchObject({ batch: 'A%B' });
  });

  it('ignores non-AI query keys and the fragment', () => {
    const scan = decoded('https://id.gs1.org/01/09506000134352?linkType=gs1:pip&utm_source=qr&17=271231#top');
    expect(scan).toMatchObject({ gtin14: '09506000134352', expiry: '2027-12-31' });
    if (scan.kind === 'gs1') expect(scan.elements).toHaveLength(2);
  });

  it('accepts an upper-case URI, as QR alphanumeric mode encodes it', () => {
    expect(decoded('HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC')).toMatchObject({ gtin14: '09506000134352', batch: 'ABC' });
  });

  it('reads a Digital Link from a plain QR Code (]Q1) or Data Matrix (]d1)', () => {
    expect(decoded(']Q1https://id.gs1.org/01/09506000134352')).toMatchObject({ kind: 'gs1', symbology: { aim: ']Q1', name: 'QR Code' } });
    expect(decoded(']d1https://id.gs1.org/01/09506000134352')).toMatchObject({ kind: 'gs1', form: 'digital-link' });
  });

  it('leaves an ordinary URL as text', () => {
    expect(decoded('https://www.example.com/promo?x=1')).toMatchObject({ kind: 'text' });
    expect(decoded('https://id.gs1.org/10/ABC')).toMatchObject({ kind: 'text' });
    expect(decoded('http://example.com')).toMatchObject({ kind: 'text' });
  });

  it.each([
    ['a wrong GTIN check digit', 'https://id.gs1.org/01/09506000134353', 'BAD_CHECK_DIGIT'],
    ['a GTIN of 11 digits', 'https://id.gs1.org/01/09506000134', 'BAD_LENGTH'],
    ['a bad date in the query', 'https://id.gs1.org/01/09506000134352?17=271332', 'BAD_DATE'],
    ['an unknown numeric query key', 'https://id.gs1.org/01/09506000134352?23=5', 'UNKNOWN_AI'],
    ['broken percent-encoding', 'https://id.gs1.org/01/09506000134352/10/A%E0%A4%A', 'MALFORMED_DIGITAL_LINK'],
    ['a lone % in the query', 'https://id.gs1.org/01/09506000134352?10=50%', 'MALFORMED_DIGITAL_LINK'],
    ['an encoded space in a lot', 'https://id.gs1.org/01/09506000134352/10/A%20B', 'BAD_CHARACTER'],
    ['an encoded GS in a lot', 'https://id.gs1.org/01/09506000134352/10/A%1DB', 'BAD_CHARACTER'],
    ['path and query disagreeing on the lot', 'https://id.gs1.org/01/09506000134352/10/A?10=B', 'DUPLICATE_AI'],
    ['GTIN and CONTENT together', 'https://id.gs1.org/01/09506000134352?02=09506000134352', 'INVALID_AI_COMBINATION'],
  ])('refuses %s', (_, url, code) => {
    expect(rejection(url)).toBe(code);
  });
});
