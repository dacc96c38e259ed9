import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../../common/random.js';
import { zonedFields } from '../../common/zoned-time.js';

describe('zonedFields', () => {
  it('reads UTC off the Date exactly as Intl would, over instants from 1970 to 2100', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const random = seededRandom(7);
    for (let i = 0; i < 5000; i += 1) {
      const at = randomInt(random, Date.UTC(2100, 0, 1));
      const parts = Object.fromEntries(intl.formatToParts(at).map((part) => [part.type, part.value]));
      expect(zonedFields(at, 'UTC'), new Date(at).toISOString()).toEqual({ year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute });
    }
  });

  it('gives the wall clock of any other zone', () => {
    const at = Date.parse('2026-11-22T20:05:00Z');
    expect(zonedFields(at, 'Asia/Shanghai')).toEqual({ year: '2026', month: '11', day: '23', hour: '04', minute: '05' });
    expect(zonedFields(Date.parse('2026-01-01T00:00:00Z'), 'America/Los_Angeles')).toEqual({ year: '2025', month: '12', day: '31', hour: '16', minute: '00' });
  });

  it('throws RangeError for a zone the runtime does not know', () => {
    expect(() => zonedFields(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
