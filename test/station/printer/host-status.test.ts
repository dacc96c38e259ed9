import { describe, expect, it } from 'vitest';
import { hostStatusConditions, hostStatusLength, isIdle, isReady, parseHostStatus } from '../../../station/printer/host-status.js';
import { odometerChange, odometerLength, parseOdometer } from '../../../station/printer/odometer.js';
import { IDLE_STATUS } from './fixtures.js';

const STX = '\x02';
const ETX = '\x03';
/** A ~HS reply byte for byte: three STX…ETX CR LF strings (ZPL II Programming Guide, ~HS). */
function reply(one: string, two: string, three = '1234,0'): Buffer {
  return Buffer.from(`${STX}${one}${ETX}\r\n${STX}${two}${ETX}\r\n${STX}${three}${ETX}\r\n`, 'latin1');
}

const READY_1 = '030,0,0,1218,000,0,0,0,000,0,0,0';
const READY_2 = '001,0,0,0,0,2,6,0,00000000,1,000';

describe('parseHostStatus', () => {
  it('reads a ready printer', () => {
    const status = parseHostStatus(reply(READY_1, READY_2));
    expect(status).toEqual(IDLE_STATUS);
    expect(hostStatusConditions(status)).toEqual([]);
    expect(isReady(status) && isIdle(status)).toBe(true);
  });

  it.each([
    ['paper out: string 1 field 2', '030,1,0,1218,000,0,0,0,000,0,0,0', READY_2, ['paper-out']],
    ['paused: string 1 field 3', '030,0,1,1218,000,0,0,0,000,0,0,0', READY_2, ['paused']],
    ['head open: string 2 field 3', READY_1, '001,0,1,0,0,2,6,0,00000000,1,000', ['head-open']],
    ['ribbon out: string 2 field 4', READY_1, '001,0,0,1,1,2,6,0,00000000,1,000', ['ribbon-out']],
    ['buffer full: string 1 field 6', '030,0,0,1218,099,1,0,0,000,0,0,0', READY_2, ['buffer-full']],
    ['corrupt RAM: string 1 field 10', '030,0,0,1218,000,0,0,0,000,1,0,0', READY_2, ['corrupt-ram']],
    ['over temperature: string 1 field 12', '030,0,0,1218,000,0,0,0,000,0,0,1', READY_2, ['over-temperature']],
    ['paper out, paused and head open at once', '030,1,1,1218,002,0,0,0,000,0,0,0', '001,0,1,0,0,2,6,0,00000000,1,000', ['paper-out', 'paused', 'head-open']],
  ])('reads %s', (_, one, two, conditions) => {
    const status = parseHostStatus(reply(one, two));
    expect(hostStatusConditions(status)).toEqual(conditions);
    expect(isReady(status)).toBe(false);
  });

  it('under temperature is reported but does not stop printing', () => {
    const status = parseHostStatus(reply('030,0,0,1218,000,0,0,0,000,0,1,0', READY_2));
    expect(hostStatusConditions(status)).toEqual(['under-temperature']);
    expect(isReady(status)).toBe(true);
  });

  it('reads what waits in the printer: formats in buffer, a partial format, a batch', () => {
    const waiting = parseHostStatus(reply('030,1,0,1218,002,0,0,0,000,0,0,0', READY_2));
    expect(waiting.formatsInBuffer).toBe(2);
    expect(isIdle(waiting)).toBe(false);
    const partial = parseHostStatus(reply('030,0,0,1218,000,0,0,1,000,0,0,0', READY_2));
    expect(partial.partialFormat).toBe(true);
    expect(isIdle(partial)).toBe(false);
    const batch = parseHostStatus(reply(READY_1, '001,0,0,0,0,2,6,0,00000003,1,000'));
    expect(batch.labelsRemaining).toBe(3);
    expect(isIdle(batch)).toBe(false);
  });

  it('accepts the reply without its last CR LF and with fields padded by spaces', () => {
    const text = `${STX}030,0,0,1218,000,0,0,0,000,0,0,0${ETX}\r\n${STX}001, 0, 0, 0, 0, 2, 6, 0, 00000000, 1, 000${ETX}\r\n${STX}1234,0${ETX}`;
    expect(parseHostStatus(text).printMode).toBe('2');
  });

  it.each([
    ['two strings', `${STX}${READY_1}${ETX}\r\n${STX}${READY_2}${ETX}\r\n`],
    ['a short string 1', reply('030,0,0,1218', READY_2)],
    ['a flag that is not 0 or 1', reply('030,2,0,1218,000,0,0,0,000,0,0,0', READY_2)],
    ['a count that is not digits', reply('030,0,0,1218,0x1,0,0,0,000,0,0,0', READY_2)],
    ['bytes outside the strings', Buffer.concat([Buffer.from('garbage'), reply(READY_1, READY_2)])],
    ['an empty reply', ''],
  ])('refuses %s with BAD_STATUS_REPLY', (_, bad) => {
    expect(() => parseHostStatus(bad)).toThrow(expect.objectContaining({ code: 'BAD_STATUS_REPLY' }));
  });
});

describe('hostStatusLength', () => {
  it('is 0 until the third string has ended, then covers it and its CR LF', () => {
    const whole = reply(READY_1, READY_2);
    for (let cut = 0; cut < whole.length - 2; cut += 1) expect(hostStatusLength(whole.subarray(0, cut))).toBe(0);
    expect(hostStatusLength(whole.subarray(0, whole.length - 2))).toBe(whole.length - 2);
    expect(hostStatusLength(whole)).toBe(whole.length);
    expect(hostStatusLength(Buffer.concat([whole, Buffer.from('\x02next')]))).toBe(whole.length);
  });
});

describe('parseOdometer (~HQOD)', () => {
  // The print meters as a printer sends them: one STX…ETX block, right-aligned, inches.
  const HQOD = '\x02\r\n\r\n  PRINT METERS                          \r\n   TOTAL NONRESETTABLE:          8560 "  \r\n   USER RESETTABLE CNTR1:           9 "  \r\n   USER RESETTABLE CNTR2:        8560 "  \r\n\x03';

  it('reads TOTAL NONRESETTABLE and its unit', () => {
    expect(parseOdometer(HQOD)).toEqual({ total: 8560, unit: '"' });
    expect(parseOdometer(HQOD.replaceAll('"', 'cm'))).toEqual({ total: 8560, unit: 'cm' });
    expect(odometerLength(Buffer.from(HQOD, 'latin1'))).toBe(HQOD.length);
    expect(odometerLength(Buffer.from(HQOD.slice(0, -1), 'latin1'))).toBe(0);
  });

  it('refuses anything else with BAD_ODOMETER_REPLY', () => {
    expect(() => parseOdometer('\x02030,0,0\x03')).toThrow(expect.objectContaining({ code: 'BAD_ODOMETER_REPLY' }));
    expect(() => parseOdometer('PRINT METERS')).toThrow(expect.objectContaining({ code: 'BAD_ODOMETER_REPLY' }));
  });

  it('compares readings: moved, still, or not comparable', () => {
    expect(odometerChange({ total: 10, unit: '"' }, { total: 16, unit: '"' })).toBe('moved');
    expect(odometerChange({ total: 10, unit: '"' }, { total: 10, unit: '"' })).toBe('still');
    expect(odometerChange({ total: 10, unit: '"' }, { total: 30, unit: 'cm' })).toBe('unknown');
    expect(odometerChange({ total: 10, unit: '"' }, { total: 3, unit: '"' })).toBe('unknown');
  });
});
