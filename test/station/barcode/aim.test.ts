import { describe, expect, it } from 'vitest';
import { AIM_TABLE } from '../../../station/barcode/index.js';
import { GS, decoded, rejection } from './helpers.js';

describe('AIM symbology identifiers', () => {
  it.each([
    [']C1', '0109506000134352', 'GS1-128'],
    [']d2', '0109506000134352', 'GS1 DataMatrix'],
    [']Q3', '0109506000134352', 'GS1 QR Code'],
    [']e0', '0109506000134352', 'GS1 DataBar'],
    [']J1', '0109506000134352', 'GS1 DotCode'],
  ])('%s carries GS1 element strings', (aim, data, name) => {
    const scan = decoded(`${aim}${data}`);
    expect(scan).toMatchObject({ kind: 'gs1', form: 'raw', symbology: { aim, name }, data, gtin14: '09506000134352' });
  });

  it(']E0 carries EAN-13 (13 digits)', () => {
    expect(decoded(']E04006381333931')).toMatchObject({ kind: 'gtin', format: 'EAN-13', gtin14: '04006381333931', symbology: { aim: ']E0' } });
  });

  it(']E0 carries UPC-A (as 13 digits with a leading zero, or 12)', () => {
    expect(decoded(']E00036000291452')).toMatchObject({ kind: 'gtin', gtin14: '00036000291452' });
    expect(decoded(']E0036000291452')).toMatchObject({ kind: 'gtin', format: 'UPC-A', gtin14: '00036000291452' });
  });

  it(']E0 carries UPC-E (8 digits), expanded to UPC-A', () => {
    expect(decoded(']E004252614')).toMatchObject({ kind: 'gtin', format: 'UPC-E', upcA: '042100005264', gtin14: '00042100005264' });
  });

  it(']E0 refuses a UPC-E whose number system is not 0 or 1', () => {
    expect(rejection(']E024252614')).toBe('BAD_UPC_E');
  });

  it(']E0 refuses other lengths, non-digits and wrong check digits', () => {
    expect(rejection(']E040063813339')).toBe('BAD_LENGTH');
    expect(rejection(']E0400638133393X')).toBe('NOT_NUMERIC');
    expect(rejection(']E04006381333932')).toBe('BAD_CHECK_DIGIT');
    expect(rejection(']E004252615')).toBe('BAD_CHECK_DIGIT');
  });

  it(']E3 carries EAN-13 with a 2- or 5-digit add-on', () => {
    expect(decoded(']E3978020137962451234')).toMatchObject({ kind: 'gtin', gtin14: '09780201379624', addOn: '51234' });
    expect(decoded(']E3400638133393112')).toMatchObject({ kind: 'gtin', gtin14: '04006381333931', addOn: '12' });
    expect(rejection(']E34006381333931123')).toBe('BAD_LENGTH');
  });

  it(']E4 carries EAN-8 only', () => {
    expect(decoded(']E496385074')).toMatchObject({ kind: 'gtin', format: 'EAN-8', gtin14: '00000096385074', symbology: { name: 'EAN-8' } });
    expect(rejection(']E44006381333931')).toBe('BAD_LENGTH');
    expect(rejection(']E496385075')).toBe('BAD_CHECK_DIGIT');
  });

  it(']I0 and ]I1 carry an ITF-14 GTIN (14 digits); other ITF data is text', () => {
    expect(decoded(']I105901234123457')).toMatchObject({ kind: 'gtin', format: 'GTIN-14', gtin14: '05901234123457', symbology: { aim: ']I1', name: 'ITF' } });
    expect(rejection(']I105901234123458')).toBe('BAD_CHECK_DIGIT');
    expect(decoded(']I01234567890')).toMatchObject({ kind: 'text', data: '1234567890' });
  });

  it('has a test above for every identifier in its table', () => {
    expect(AIM_TABLE.map((spec) => spec.id).sort()).toEqual([']C1', ']E0', ']E3', ']E4', ']I0', ']I1', ']J1', ']Q3', ']d2', ']e0'].sort());
  });

  it.each([
    [']C0', 'DY-RED-M-2601', 'Code 128'],
    [']A0', 'PDD26R001', 'Code 39'],
    [']Q1', 'hello', 'QR Code'],
    [']d1', 'internal 42', 'Data Matrix'],
    [']L0', 'text', 'PDF417'],
    [']X0', 'text', 'other symbology'],
    [']K0', 'text', 'unknown symbology'],
  ])('other identifiers (%s) are text with the symbology recorded', (aim, data, name) => {
    expect(decoded(`${aim}${data}`)).toEqual({ kind: 'text', symbology: { aim, name }, text: `${aim}${data}`, data });
  });

  it('reads a bare GTIN-length digit string under a non-GS1 identifier as text, not a GTIN', () => {
    expect(decoded(']C04006381333931')).toMatchObject({ kind: 'text', data: '4006381333931' });
  });

  it('reads station codes under any non-GS1 identifier', () => {
    expect(decoded(']C0$PG:CANCEL')).toMatchObject({ kind: 'control', control: { command: 'cancel' }, symbology: { aim: ']C0' } });
    expect(decoded(']Q1$PG:ORDER:TB1')).toMatchObject({ kind: 'order', order: { type: 'order', id: 'TB1' } });
  });

  it('refuses GS under a symbology that carries no element strings', () => {
    expect(rejection(`]C0AB${GS}CD`)).toBe('CONTROL_CHARACTER');
    expect(rejection(`]E0400638${GS}1333931`)).toBe('CONTROL_CHARACTER');
  });

  it.each([']', ']C', ']1A4006381333931', ']Cx4006381333931', ']]C14006381333931', '] 04006381333931', ']C-ABC'])(
    'refuses the malformed identifier in %j',
    (text) => expect(rejection(text)).toBe('BAD_SYMBOLOGY_ID'),
  );

  it('refuses an identifier with no data after it as EMPTY', () => {
    expect(rejection(']C1')).toBe('EMPTY');
    expect(rejection(']E0  ')).toBe('EMPTY');
  });
});

describe('EAN/UPC with a composite component (ISO/IEC 24723)', () => {
  it('reads the GTIN as (01) and the component as element strings, in one GS1 scan', () => {
    const scan = decoded(`]E04006381333931|]e010LOT7${GS}17271231`);
    expect(scan).toMatchObject({ kind: 'gs1', form: 'raw', symbology: { aim: ']E0' }, gtin14: '04006381333931', batch: 'LOT7', expiry: '2027-12-31' });
    if (scan.kind === 'gs1') expect(scan.elements.map((e) => [e.ai, e.raw])).toEqual([['01', '04006381333931'], ['10', 'LOT7'], ['17', '271231']]);
    expect(decoded(`]E496385074|]e099COMPOSITE${GS}98XYZ`)).toMatchObject({ kind: 'gs1', gtin14: '00000096385074' });
  });

  it('refuses the whole scan on a fault in either part', () => {
    expect(rejection(`]E04006381333932|]e010LOT7`)).toBe('BAD_CHECK_DIGIT');
    expect(rejection(`]E04006381333931|]e017271331`)).toBe('BAD_DATE');
    expect(rejection(`]E04006381333931|]e00209506000134352`)).toBe('INVALID_AI_COMBINATION');
    expect(rejection(`]E04006381333931|]e0`)).toBe('MALFORMED_ELEMENT_STRING');
    expect(rejection(`]E04006381333931|]C110LOT7`)).toBe('NOT_NUMERIC');
  });
});
