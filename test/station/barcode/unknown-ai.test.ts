import { describe, expect, it } from 'vitest';
import { GS, decoded, rejection, rejectionOf } from './helpers.js';

// AIs of a GS1 release newer than packgate's table must never cost a readable GTIN and batch.
describe('AIs packgate does not know (a newer GS1 release)', () => {
  it('keeps an unknown AI of a known family in raw data, with the GTIN and lot around it', () => {
    const scan = decoded(`]C1010950600013435210LOT7${GS}7299NEWDATA${GS}17271231`);
    expect(scan).toMatchObject({ kind: 'gs1', gtin14: '09506000134352', batch: 'LOT7', expiry: '2027-12-31' });
    if (scan.kind === 'gs1') expect(scan.elements[2]).toEqual({ ai: '7299', title: 'UNKNOWN', raw: 'NEWDATA', format: 'unknown' });
  });

  it('splits an unknown AI of a predefined-length family by that length, with no GS after it', () => {
    const scan = decoded(']C1010950600013435231991234561014ABC');
    if (scan.kind === 'gs1') expect(scan.elements.map((e) => [e.ai, e.raw])).toEqual([['01', '09506000134352'], ['3199', '123456'], ['10', '14ABC']]);
  });

  it('keeps data of an unknown AI family whole, up to the next GS, as unparsed', () => {
    const scan = decoded(`]C1010950600013435210LOT7${GS}89ABC-123${GS}21SN1`);
    expect(scan).toMatchObject({ gtin14: '09506000134352', batch: 'LOT7', serial: 'SN1', unparsed: ['89ABC-123'] });
  });

  it('keeps unknown AIs in the bracketed form and in Digital Link query attributes', () => {
    expect(decoded('(01)09506000134352(10)LOT7(89)NEW')).toMatchObject({ batch: 'LOT7', elements: [{}, {}, { ai: '89', format: 'unknown', raw: 'NEW' }] });
    expect(decoded('https://id.gs1.org/01/09506000134352/10/LOT7?7299=NEW')).toMatchObject({ batch: 'LOT7', elements: [{}, {}, { ai: '7299', format: 'unknown' }] });
  });

  it('still checks what it can of them: CSET 82 and at most 90 characters', () => {
    expect(rejection(`(01)09506000134352(89)A B`)).toBe('BAD_CHARACTER');
    expect(rejection(`(01)09506000134352(89)${'A'.repeat(91)}`)).toBe('BAD_LENGTH');
    expect(rejection(`]C10109506000134352${'89'}${'A'.repeat(93)}`)).toBe('BAD_LENGTH');
    expect(rejection(`]C10109506000134352${GS}89`)).toBe('BAD_LENGTH');
  });

  it.each([
    ['only an unknown AI, raw', ']C17299NEWDATA'],
    ['only an unknown AI, bracketed', '(89)NEWDATA'],
    ['only unknown family data', ']C189ABC'],
  ])('refuses %s: UNKNOWN_AI, nothing in it is usable', (_, scan) => {
    expect(rejection(scan)).toBe('UNKNOWN_AI');
  });

  it.each([
    ['an AI that clashes with a known one, (011)', '(01)09506000134352(011)123', 'UNKNOWN_AI'],
    ['a 3-digit AI in the 2-digit family 23', '(01)09506000134352(23)123', 'UNKNOWN_AI'],
    ['letters where an AI must be', ']C10109506000134352AB123', 'UNKNOWN_AI'],
    ['a numeric Digital Link query key that cannot be an AI', 'https://id.gs1.org/01/09506000134352?999=1', 'UNKNOWN_AI'],
  ])('refuses %s', (_, scan, code) => {
    expect(rejectionOf(scan)).toMatchObject({ code });
  });
});
