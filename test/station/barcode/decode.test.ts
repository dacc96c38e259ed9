import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../common/paths.js';
import { MAX_SCAN_LENGTH, ScanRejection, decodeScan, type ScanRejectionCode } from '../../../station/barcode/index.js';
import { GS, TODAY, decoded, rejection } from './helpers.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('raw input', () => {
  it('decodes UTF-8 bytes the same as the string', () => {
    expect(decoded(utf8('4006381333931'))).toEqual(decoded('4006381333931'));
    expect(decoded(utf8(`]C10109506000134352${GS}`))).toMatchObject({ gtin14: '09506000134352' });
  });

  it('drops one trailing CR, LF or CRLF terminator', () => {
    for (const end of ['\r\n', '\n', '\r']) expect(decoded(`4006381333931${end}`)).toMatchObject({ kind: 'gtin', text: '4006381333931' });
    expect(rejection('SF1234567890\n\n')).toBe('CONTROL_CHARACTER');
  });

  it('keeps non-ASCII text that is valid UTF-8', () => {
    expect(decoded(utf8('连衣裙-红-M'))).toMatchObject({ kind: 'text', data: '连衣裙-红-M' });
  });

  it.each([
    ['nothing', '', 'EMPTY'],
    ['no bytes', bytes(), 'EMPTY'],
    ['spaces only', '   ', 'EMPTY'],
    ['a bare terminator', '\r\n', 'EMPTY'],
    ['an invalid UTF-8 byte', bytes(0x34, 0xff, 0x30), 'NOT_UTF8'],
    ['a truncated UTF-8 sequence', bytes(0x41, 0xe4, 0xbd), 'NOT_UTF8'],
    ['an overlong encoding', bytes(0xc0, 0xaf), 'NOT_UTF8'],
    ['a UTF-8 encoded surrogate', bytes(0xed, 0xa0, 0x80), 'NOT_UTF8'],
    ['a lone surrogate in a string', 'AB\ud800C', 'NOT_UTF8'],
    ['U+FFFD from a lossy decode upstream', 'AB\ufffdC', 'NOT_UTF8'],
    ['NUL', 'AB\u0000C', 'CONTROL_CHARACTER'],
    ['a tab', 'SF1234567890\t', 'CONTROL_CHARACTER'],
    ['ESC', '\u001b[A', 'CONTROL_CHARACTER'],
    ['RS (ISO 15434 envelopes are not supported)', '[)>\u001e06', 'CONTROL_CHARACTER'],
    ['DEL', 'AB\u007f', 'CONTROL_CHARACTER'],
    ['a C1 control', 'AB\u0085', 'CONTROL_CHARACTER'],
    ['GS in text', `]C0AB${GS}`, 'CONTROL_CHARACTER'],
  ])('refuses %s', (_, input, code) => {
    expect(rejection(input)).toBe(code);
  });

  it(`refuses more than ${MAX_SCAN_LENGTH} characters, and honours a custom bound`, () => {
    expect(decoded('A'.repeat(MAX_SCAN_LENGTH))).toMatchObject({ kind: 'text' });
    expect(rejection('A'.repeat(MAX_SCAN_LENGTH + 1))).toBe('TOO_LONG');
    expect(rejection(new Uint8Array(MAX_SCAN_LENGTH * 4 + 1).fill(0x41))).toBe('TOO_LONG');
    expect(rejection(new Uint8Array(MAX_SCAN_LENGTH + 1).fill(0x41))).toBe('TOO_LONG');
    expect(rejection('ABCDEF', { maxLength: 5 })).toBe('TOO_LONG');
  });

  it('refuses input that is neither text nor bytes (a JavaScript caller)', () => {
    expect(rejection(42 as unknown as string)).toBe('NOT_UTF8');
  });
});

describe('scans without an AIM identifier', () => {
  it.each([
    ['96385074', 'EAN-8', '00000096385074'],
    ['036000291452', 'UPC-A', '00036000291452'],
    ['4006381333931', 'EAN-13', '04006381333931'],
    ['9780201379624', 'EAN-13', '09780201379624'],
    ['09506000134352', 'GTIN-14', '09506000134352'],
  ])('reads %s as a %s', (scan, format, gtin14) => {
    expect(decoded(scan)).toEqual({ kind: 'gtin', symbology: { aim: null, name: 'unknown' }, text: scan, data: scan, format, gtin14 });
  });

  it.each(['96385075', '036000291453', '4006381333932', '09506000134353'])('refuses %s: BAD_CHECK_DIGIT, never guessed', (scan) => {
    expect(rejection(scan)).toBe('BAD_CHECK_DIGIT');
  });

  it('reads 8 digits as EAN-8, never as UPC-E, which needs ]E0 to be told apart', () => {
    expect(rejection('04252614')).toBe('BAD_CHECK_DIGIT');
    expect(decoded(']E004252614')).toMatchObject({ format: 'UPC-E' });
  });

  it('drops spaces, tabs, CRs and LFs around a GTIN with a valid check digit, as biip does', () => {
    for (const [scan, gtin14] of [
      ['  \t 5901234123457 \n  ', '05901234123457'],
      ['  \t 042100005264 \n  ', '00042100005264'],
      ['4006381333931 ', '04006381333931'],
      ['\t96385074\t', '00000096385074'],
    ]) {
      expect(decoded(scan!)).toMatchObject({ kind: 'gtin', symbology: { aim: null }, text: scan!.trim(), data: scan!.trim(), gtin14 });
    }
  });

  it('keeps whitespace around digits that are no valid GTIN, so a waybill or a SKU code reads as before', () => {
    expect(decoded(' 4006381333932 ')).toMatchObject({ kind: 'text', data: ' 4006381333932 ' });
    expect(decoded(' 123456789012345678 ')).toMatchObject({ kind: 'text', data: ' 123456789012345678 ' });
    expect(rejection('4006381333932\t')).toBe('CONTROL_CHARACTER');
    expect(rejection(']E0 4006381333931')).toBe('NOT_NUMERIC');
    expect(decoded(' (01)09506000134352 ')).toMatchObject({ kind: 'gs1', gtin14: '09506000134352' });
  });

  it('reads a bare 18-digit number as text, also when its last digit is a valid SSCC check digit (waybills, order numbers)', () => {
    // 157035381410375177 is an SSCC to biip; at a bench it is as likely an order number, and (00) is not on it.
    for (const scan of ['157035381410375177', '202612061234567890', '106141411234567897']) {
      expect(decoded(scan)).toEqual({ kind: 'text', symbology: { aim: null, name: 'unknown' }, text: scan, data: scan });
    }
  });

  it('reads 6 and 7 digits as text, never as a UPC-E without number system or check digit (SKU codes)', () => {
    for (const scan of ['425261', '0425261', '1425261']) expect(decoded(scan)).toMatchObject({ kind: 'text', data: scan });
  });

  it('reads 8 digits that start like an AI as EAN-8, never as an element string without its identifier', () => {
    // 15210527 is (15) 210527 to biip; as an EAN-8 its check digit is wrong, and the refusal is what a numeric waybill gets.
    expect(rejection('15210527')).toBe('BAD_CHECK_DIGIT');
  });

  it('reads digit strings of other lengths as text', () => {
    for (const scan of ['1', '40123', '1234567', '1234567890', '123456789012345', '4006381333931000']) {
      expect(decoded(scan)).toMatchObject({ kind: 'text', data: scan });
    }
  });

  it('reads GS1-128 data sent without its identifier when it decodes completely from (00), (01) or (02)', () => {
    expect(decoded('01095060001343521727123110LOT')).toMatchObject({ kind: 'gs1', form: 'raw', batch: 'LOT' });
    expect(decoded('00106141411234567897')).toMatchObject({ kind: 'gs1', sscc: '106141411234567897' });
  });

  it('leaves such a string as text when it does not decode completely', () => {
    expect(decoded('0109506000134353')).toMatchObject({ kind: 'text' });
    expect(decoded('0109506000134352 ABC')).toMatchObject({ kind: 'text' });
  });

  it('reads anything with a GS as a raw element string and reports its faults', () => {
    expect(decoded(`0109506000134352${GS}`)).toMatchObject({ kind: 'gs1', gtin14: '09506000134352' });
    expect(rejection(`0109506000134353${GS}`)).toBe('BAD_CHECK_DIGIT');
    expect(rejection(`ABC${GS}DEF`)).toBe('UNKNOWN_AI');
  });

  it('reads channel SKUs as text', () => {
    for (const sku of ['DRESS-2026-RED-M', 'PDD26R001', 'DY-RED-M-2601', 'DY-BABY-SH-001']) {
      expect(decoded(sku)).toEqual({ kind: 'text', symbology: { aim: null, name: 'unknown' }, text: sku, data: sku });
    }
  });
});

describe('the century rule takes "today" as an option', () => {
  it('reads the same expiry differently 60 years apart', () => {
    expect(decoded('(01)09506000134352(17)800101', { today: new Date('2026-01-01') })).toMatchObject({ expiry: '1980-01-01' });
    expect(decoded('(01)09506000134352(17)800101', { today: new Date('2060-01-01') })).toMatchObject({ expiry: '2080-01-01' });
  });

  it('uses the clock when no "today" is given', () => {
    const result = decodeScan('(01)09506000134352(17)270101');
    expect(result.ok).toBe(true);
  });
});

/** One input per rejection code: the test fails if a code is added without an example. */
const EVERY_CODE: Record<ScanRejectionCode, Uint8Array | string> = {
  EMPTY: '',
  TOO_LONG: 'X'.repeat(MAX_SCAN_LENGTH + 1),
  NOT_UTF8: bytes(0xff),
  CONTROL_CHARACTER: 'A\u0007',
  BAD_SYMBOLOGY_ID: ']1X0',
  CARET_IN_DATA: ']C1010950600013435210A^B',
  PARENTHESES_IN_RAW: ']C1(01)09506000134352',
  MALFORMED_ELEMENT_STRING: `]C1${GS}`,
  MALFORMED_DIGITAL_LINK: 'https://id.gs1.org/01/09506000134352/10/%ZZ',
  UNKNOWN_AI: ']C12312345',
  BAD_LENGTH: '(01)0950600013435',
  NOT_NUMERIC: '(01)0950600013435X',
  BAD_CHARACTER: '(01)09506000134352(10)A B',
  BAD_DATE: '(01)09506000134352(17)270230',
  BAD_VALUE: '(01)09506000134352(422)999',
  BAD_CHECK_DIGIT: '4006381333932',
  BAD_UPC_E: ']E024252614',
  DUPLICATE_AI: `(01)09506000134352(10)A(10)B`,
  REQUIRED_AI_MISSING: '(10)ABC',
  INVALID_AI_COMBINATION: '(01)09506000134352(02)09506000134352(37)1',
  UNKNOWN_CONTROL_CODE: '$PG:LAUNCH',
  BAD_CONTROL_CODE: '$PG:BADGE',
};

describe('rejection codes', () => {
  it('are unique stable strings', () => {
    const codes = Object.values(ScanRejection);
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(EVERY_CODE).sort()).toEqual([...codes].sort());
  });

  it('are each explained in docs/barcodes.md', () => {
    const docs = readFileSync(join(packageRoot(), 'docs', 'barcodes.md'), 'utf8');
    for (const code of Object.values(ScanRejection)) expect(docs, code).toContain(`| \`${code}\``);
  });

  it.each(Object.entries(EVERY_CODE))('%s has an input that produces it', (code, input) => {
    const result = decodeScan(input, { today: TODAY });
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
  });
});
