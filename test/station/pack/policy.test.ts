import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_POLICY, PackPolicyError, localDate, packPolicy } from '../../../station/pack/index.js';

describe('packPolicy', () => {
  it('defaults: 10 s order wait, 5 minutes of hub silence, UTC days', () => {
    expect(packPolicy()).toEqual(DEFAULT_PACK_POLICY);
    expect(DEFAULT_PACK_POLICY).toMatchObject({ awaitOrderMs: 10_000, hubSilenceMs: 300_000, timeZone: 'UTC' });
    expect(packPolicy({ hubSilenceMs: 60_000, timeZone: 'Asia/Shanghai' })).toMatchObject({ hubSilenceMs: 60_000, timeZone: 'Asia/Shanghai' });
  });

  it.each([{ awaitOrderMs: -1 }, { hubSilenceMs: 1.5 }, { hubSilenceMs: Number.NaN }, { serialMemory: Number.POSITIVE_INFINITY }, { timeZone: 'Mars/Olympus' }])(
    'refuses %o with PACK_BAD_POLICY',
    (overrides) => {
      expect(() => packPolicy(overrides)).toThrow(PackPolicyError);
      try {
        packPolicy(overrides);
      } catch (error) {
        expect((error as PackPolicyError).code).toBe('PACK_BAD_POLICY');
      }
    },
  );
});

describe('localDate', () => {
  it('is the calendar day in the zone', () => {
    const t = Date.parse('2026-11-22T20:00:00Z');
    expect(localDate(t, 'UTC')).toBe('2026-11-22');
    expect(localDate(t, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDate(Date.parse('2026-11-22T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-21');
  });
});
