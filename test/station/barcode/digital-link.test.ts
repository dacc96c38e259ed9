import { describe, expect, it } from 'vitest';
import { AI_SPECS, aiSpec, type AiSpec } from '../../../station/barcode/index.js';
import { validValue } from './ai-examples.js';
import { decoded, rejection } from './helpers.js';

// Examples in the style of the GS1 Digital Link standard: id.gs1.org, GTIN 09506000134352,
// GLN 9520123456788, any host, custom path prefixes, query-string AIs.
const GTIN = 'https://id.gs1.org/01/09506000134352';

function value(ai: string): string {
  return encodeURIComponent(validValue(aiSpec(ai) as AiSpec));
}

function path(ais: readonly string[]): string {
  return `https://id.example.com/${ais.map((ai) => `${ai}/${value(ai)}`).join('/')}`;
}

/** Every primary key of the dictionary with each of its qualifier sequences. */
const KEYS = AI_SPECS.filter((spec) => spec.entry?.dlKey).map((spec) => [spec.ai, spec.entry?.dlKey ?? []] as const);

describe('GS1 Digital Link: primary keys and qualifier paths from the dictionary', () => {
  it.each(KEYS)('(%s) with each of its qualifier sequences, in full and in part', (key, sequences) => {
    for (const sequence of sequences) {
      for (let take = 0; take <= sequence.length; take++) {
        const ais = [key, ...sequence.slice(0, take)];
        const result = rejection(path(ais));
        // The pairing rules still hold: (415) PAY TO needs its (8020) REF No., and a CPV (22)
        // needs a GTIN (01), so it cannot qualify an ITIP (8006) though the dictionary lists it.
        const missing = (key === '415' && !ais.includes('8020')) || (key === '8006' && ais.includes('22'));
        expect(result, ais.join('/')).toBe(missing ? 'REQUIRED_AI_MISSING' : undefined);
        if (take >= 2) expect(rejection(path([key, ...sequence.slice(1, take)])), `skipping ${sequence[0]}`).toBeUndefined();
      }
    }
  });

  it.each(KEYS.filter(([, sequences]) => sequences.some((s) => s.length >= 2)))('(%s) refuses its qualifiers out of order', (key, sequences) => {
    for (const sequence of sequences.filter((s) => s.length >= 2)) {
      expect(rejection(path([key, ...[...sequence].reverse()]))).toBe('MALFORMED_DIGITAL_LINK');
    }
  });

  it('refuses qualifiers of two alternative sequences together: (01) with (22) and (235)', () => {
    expect(rejection(`${GTIN}/22/A/235/B`)).toBe('MALFORMED_DIGITAL_LINK');
    expect(rejection(`${GTIN}/235/B`)).toBeUndefined();
  });

  it('refuses an AI in the path that is no qualifier of the key', () => {
    expect(rejection(`${GTIN}/17/271231`)).toBe('MALFORMED_DIGITAL_LINK');
    expect(rejection(`${GTIN}/99/ABC`)).toBe('MALFORMED_DIGITAL_LINK');
    expect(rejection('https://id.gs1.org/00/106141411234567897/10/ABC')).toBe('MALFORMED_DIGITAL_LINK');
  });

  it('reads keys other than a GTIN', () => {
    expect(decoded('https://id.gs1.org/00/106141411234567897')).toMatchObject({ sscc: '106141411234567897' });
    expect(decoded('https://example.com/8004/9520614141234567?01=09520123456788')).toMatchObject({ gtin14: '09520123456788' });
    expect(decoded('https://id.gs1.org/8010/0614141ABC/8011/12345')).toMatchObject({ elements: [{ ai: '8010' }, { ai: '8011', raw: '12345' }] });
    expect(decoded('https://id.gs1.org/8018/106141411234567897/8019/123')).toMatchObject({ elements: [{ ai: '8018' }, { ai: '8019' }] });
    expect(decoded('https://id.gs1.org/253/4000001000005ABC')).toMatchObject({ elements: [{ ai: '253', raw: '4000001000005ABC' }] });
    expect(decoded('https://id.gs1.org/414/9520123456788/254/32a%2Fb')).toMatchObject({ elements: [{ ai: '414' }, { ai: '254', raw: '32a/b' }] });
  });

  it('reads the rightmost primary key, whatever the path holds before it', () => {
    const scan = decoded('https://brand.example.com/products/00/faux/01/09506000134352/10/LOT-9/21/12345?17=271231');
    expect(scan).toMatchObject({ gtin14: '09506000134352', batch: 'LOT-9', serial: '12345', expiry: '2027-12-31' });
  });
});

describe('GS1 Digital Link: query attributes', () => {
  it('reads AIs flagged `?` in the dictionary from the query, after the path', () => {
    const scan = decoded(`${GTIN}/10/ABC123?17=271231&3103=000195&3922=0299`);
    expect(scan).toMatchObject({ kind: 'gs1', form: 'digital-link', gtin14: '09506000134352', batch: 'ABC123', expiry: '2027-12-31' });
    if (scan.kind === 'gs1') expect(scan.elements.map((element) => element.ai)).toEqual(['01', '10', '17', '3103', '3922']);
  });

  it('reads an SSCC with its content, count and lot as attributes', () => {
    expect(decoded('https://id.gs1.org/00/106141411234567897?02=09506000134352&37=25&10=ABC123')).toMatchObject({ sscc: '106141411234567897', contentGtin14: '09506000134352', count: 25, batch: 'ABC123' });
  });

  it('ignores non-AI query keys, parameters without a value, empty parameters and the fragment', () => {
    const scan = decoded(`${GTIN}?&&linkType=gs1:pip&utm_source=qr&single&17=271231&&#top`);
    if (scan.kind === 'gs1') expect(scan.elements.map((element) => element.ai)).toEqual(['01', '17']);
  });

  it.each([
    ['a qualifier of the key, which belongs in the path', `${GTIN}?10=ABC123`],
    ['a serial, a qualifier and no attribute', `${GTIN}?21=123`],
    ['an AI the dictionary does not flag as an attribute', `${GTIN}?8200=http%3A%2F%2Fexample.com`],
  ])('refuses %s: MALFORMED_DIGITAL_LINK', (_, url) => {
    expect(rejection(url)).toBe('MALFORMED_DIGITAL_LINK');
  });

  it('accepts an attribute that is a qualifier of another sequence than the one in the path', () => {
    expect(decoded(`${GTIN}/235/XYZ?10=ABC123`)).toMatchObject({ batch: 'ABC123' });
  });

  it('refuses any AI twice, even with the same value', () => {
    expect(rejection(`${GTIN}/10/ABC?10=ABC`)).toBe('DUPLICATE_AI');
    expect(rejection(`${GTIN}?99=XYZ&99=XYZ`)).toBe('DUPLICATE_AI');
    expect(rejection(`${GTIN}?01=09506000134352`)).toBe('DUPLICATE_AI');
  });
});

describe('GS1 Digital Link: URI syntax', () => {
  it('pads a GTIN-8, -12 or -13 in the path to GTIN-14', () => {
    expect(decoded('https://id.gs1.org/01/9506000134352')).toMatchObject({ gtin14: '09506000134352' });
    expect(decoded('https://example.com/foo/01/614141123452')).toMatchObject({ gtin14: '00614141123452' });
    expect(decoded('https://a.example/01/96385074')).toMatchObject({ gtin14: '00000096385074' });
  });

  it('refuses a GTIN-8, -12 or -13 for (01) in the query, where the URI syntax has only 14 digits', () => {
    expect(rejection('https://a.example/8004/9520614141234567?01=96385074')).toBe('BAD_LENGTH');
    expect(rejection('https://a.example/8004/9520614141234567?01=614141123452')).toBe('BAD_LENGTH');
    expect(rejection('https://a.example/8004/9520614141234567?01=9506000134352')).toBe('BAD_LENGTH');
    expect(decoded('https://a.example/8004/9520614141234567?01=00000096385074')).toMatchObject({ gtin14: '00000096385074' });
  });

  it('percent-decodes values; `+` is a space in the query and a plus in the path', () => {
    expect(decoded(`${GTIN}/10/AB%2FC%2D1`)).toMatchObject({ batch: 'AB/C-1' });
    expect(decoded(`${GTIN}/22/ABC+123`)).toMatchObject({ elements: [{}, { ai: '22', raw: 'ABC+123' }] });
    expect(rejection(`${GTIN}?99=XYZ+987`)).toBe('BAD_CHARACTER');
  });

  it('accepts the scheme in lower or upper case (QR alphanumeric mode), a port, an IP host', () => {
    expect(decoded('HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC')).toMatchObject({ gtin14: '09506000134352', batch: 'ABC' });
    expect(decoded('http://a:8080/01/09506000134352')).toMatchObject({ gtin14: '09506000134352' });
    expect(decoded('https://[2001:db8::1]/01/09506000134352')).toMatchObject({ gtin14: '09506000134352' });
  });

  it('reads a mixed-case scheme as text: it is no Digital Link', () => {
    expect(decoded('HtTpS://id.gs1.org/01/09506000134352')).toMatchObject({ kind: 'text' });
  });

  it('reads a Digital Link from a plain QR Code (]Q1) or Data Matrix (]d1)', () => {
    expect(decoded(`]Q1${GTIN}`)).toMatchObject({ kind: 'gs1', symbology: { aim: ']Q1', name: 'QR Code' } });
    expect(decoded(`]d1${GTIN}`)).toMatchObject({ kind: 'gs1', form: 'digital-link' });
  });

  it('reads a Digital Link reported under the GS1 QR identifier ]Q3 too', () => {
    expect(decoded(']Q3https://example.com/01/614141123452/10/ABC123?15=250330')).toMatchObject({ kind: 'gs1', form: 'digital-link', gtin14: '00614141123452', bestBefore: '2025-03-30' });
    expect(rejection(']Q3https://example.com/promo')).toBe('UNKNOWN_AI');
  });

  it('leaves an ordinary URL as text', () => {
    expect(decoded('https://www.example.com/promo?x=1')).toMatchObject({ kind: 'text' });
    expect(decoded('https://id.gs1.org/10/ABC')).toMatchObject({ kind: 'text' });
    expect(decoded('http://example.com')).toMatchObject({ kind: 'text' });
    expect(decoded('https://example.com/01')).toMatchObject({ kind: 'text' });
  });

  it.each([
    ['a trailing slash', `${GTIN}/`, 'MALFORMED_DIGITAL_LINK'],
    ['a trailing slash after a qualifier', `${GTIN}/10/ABC/`, 'MALFORMED_DIGITAL_LINK'],
    ['an empty path segment', 'https://id.gs1.org/01//09506000134352', 'MALFORMED_DIGITAL_LINK'],
    ['an odd segment after the key', 'https://example.com/foo/01/614141123452/123', 'MALFORMED_DIGITAL_LINK'],
    ['a segment that is no AI after the key', `${GTIN}/lot/ABC`, 'MALFORMED_DIGITAL_LINK'],
    ['an empty qualifier value', `${GTIN}/10/`, 'MALFORMED_DIGITAL_LINK'],
    ['a character a URI may not hold', `${GTIN}/10/A<B`, 'MALFORMED_DIGITAL_LINK'],
    ['a space', `${GTIN}/10/A B`, 'MALFORMED_DIGITAL_LINK'],
    ['a bad character in the host', 'https://a$b/01/09506000134352', 'MALFORMED_DIGITAL_LINK'],
    ['no host', 'https:///01/09506000134352', 'MALFORMED_DIGITAL_LINK'],
    ['a wrong GTIN check digit', 'https://id.gs1.org/01/09506000134353', 'BAD_CHECK_DIGIT'],
    ['a GTIN of 11 digits', 'https://id.gs1.org/01/09506000134', 'BAD_LENGTH'],
    ['an empty query value for an AI', `${GTIN}?17=`, 'BAD_LENGTH'],
    ['a bad date in the query', `${GTIN}?17=271332`, 'BAD_DATE'],
    ['broken percent-encoding', `${GTIN}/10/A%E0%A4%A`, 'MALFORMED_DIGITAL_LINK'],
    ['a lone % in the query', `${GTIN}?99=50%`, 'MALFORMED_DIGITAL_LINK'],
    ['an encoded NUL', `${GTIN}/10/A%00B`, 'BAD_CHARACTER'],
    ['an encoded space in a lot', `${GTIN}/10/A%20B`, 'BAD_CHARACTER'],
    ['an encoded GS in a lot', `${GTIN}/10/A%1DB`, 'BAD_CHARACTER'],
    ['GTIN and CONTENT together', `${GTIN}?02=09506000134352`, 'INVALID_AI_COMBINATION'],
    ['a path that only looks like a key and qualifier', 'https://blog.example/2024/01/15/launch', 'MALFORMED_DIGITAL_LINK'],
  ])('refuses %s', (_, url, code) => {
    expect(rejection(url)).toBe(code);
  });

  it.each(KEYS.map(([key]) => key))('(%s) with a bad value in the path is refused, never read as text', (key) => {
    expect(rejection(`https://id.example.com/${key}/X`)).toBeDefined();
  });
});
