/** The calendar and clock fields of an instant in one time zone, zero-padded. */
export interface ZonedFields {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The fields of `at` (epoch ms) in `timeZone` (an IANA name). UTC is read off the Date itself:
 * the first Intl.DateTimeFormat loads ICU's locale data, about 6 MB of a station's resident
 * memory, which a station on UTC days (the default) need not pay. Throws RangeError for a zone
 * the runtime does not know.
 */
export function zonedFields(at: number, timeZone: string): ZonedFields {
  if (timeZone === 'UTC') {
    const date = new Date(at);
    return { year: String(date.getUTCFullYear()), month: pad(date.getUTCMonth() + 1), day: pad(date.getUTCDate()), hour: pad(date.getUTCHours()), minute: pad(date.getUTCMinutes()) };
  }
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}
