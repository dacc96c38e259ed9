import { describe, expect, it } from 'vitest';
import { gs1Year, parseGs1Date, parseGs1DateTime } from '../../../station/barcode/dates.js';

describe('GS1 century rule (GenSpecs 7.12)', () => {
  it.each([
    [2026, 26, 2026],
    [2026, 76, 2076], // 50 years ahead: still this century
    [2026, 77, 1977], // 51 ahead: previous century
    [2026, 0, 2000],
    [2099, 49, 2149], // 50 behind: next century
    [2099, 50, 2050], // 49 behind: this century
    [2050, 1, 2001],
    [2050, 0, 2100], // exactly 50 behind: next century
    [2001, 99, 1999],
  ])('in %i, YY %i is %i', (today, yy, year) => {
    expect(gs1Year(yy, today)).toBe(year);
  });
});

describe('YYMMDD dates', () => {
  it('reads a full date', () => {
    expect(parseGs1Date('271231', 2026, true)).toEqual({ iso: '2027-12-31', dayOmitted: false });
  });

  it('reads DD = 00 as the last day of the month where allowed', () => {
    expect(parseGs1Date('270200', 2026, true)).toEqual({ iso: '2027-02-28', dayOmitted: true });
    expect(parseGs1Date('280200', 2026, true)).toEqual({ iso: '2028-02-29', dayOmitted: true });
    expect(parseGs1Date('270400', 2026, true)).toEqual({ iso: '2027-04-30', dayOmitted: true });
  });

  it('refuses DD = 00 where the AI does not allow it', () => {
    expect(parseGs1Date('270200', 2026, false)).toBeUndefined();
  });

  it.each(['271301', '270001', '270230', '270229', '270431', '279999'])('refuses %s', (digits) => {
    expect(parseGs1Date(digits, 2026, true)).toBeUndefined();
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseGs1Date('280229', 2026, false)?.iso).toBe('2028-02-29');
    expect(parseGs1Date('270229', 2026, false)).toBeUndefined();
  });
});

describe('YYMMDDHHMM date-times', () => {
  it('reads a valid one', () => {
    expect(parseGs1DateTime('2712311530', 2026)).toBe('2027-12-31T15:30');
  });

  it.each(['2712312400', '2712311260', '2712001200', '2713011200'])('refuses %s', (digits) => {
    expect(parseGs1DateTime(digits, 2026)).toBeUndefined();
  });
});
