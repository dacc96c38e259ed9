/** A GS1 YYMMDD date resolved to a calendar date. */
export interface Gs1Date {
  /** ISO 8601 calendar date, `YYYY-MM-DD`. With DD = 00 this is the month's last day. */
  readonly iso: string;
  /** DD was 00: the label gives only year and month. */
  readonly dayOmitted: boolean;
}

/**
 * GS1 GenSpecs 7.12: a two-digit year lies within 49 years before and 50 years after the
 * current year. `currentYear` is the four-digit year "today".
 */
export function gs1Year(yy: number, currentYear: number): number {
  const century = currentYear - (currentYear % 100);
  const difference = yy - (currentYear % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`, Gregorian leap years included. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

function twoDigits(text: string, offset: number): number {
  return (text.charCodeAt(offset) - 48) * 10 + (text.charCodeAt(offset + 1) - 48);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Reads six digits YYMMDD. Returns undefined for a month outside 1–12, a day that does
 * not exist in that month, or DD = 00 where `dayZero` is false.
 */
export function parseGs1Date(digits: string, currentYear: number, dayZero: boolean): Gs1Date | undefined {
  const year = gs1Year(twoDigits(digits, 0), currentYear);
  const month = twoDigits(digits, 2);
  const day = twoDigits(digits, 4);
  if (month < 1 || month > 12) return undefined;
  const last = daysInMonth(year, month);
  if (day > last || (day === 0 && !dayZero)) return undefined;
  const resolvedDay = day === 0 ? last : day;
  return { iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(resolvedDay, 2)}`, dayOmitted: day === 0 };
}

/** Reads ten digits YYMMDDHHMM (AI 7003) as a local date-time `YYYY-MM-DDTHH:MM`; undefined when invalid. */
export function parseGs1DateTime(digits: string, currentYear: number): string | undefined {
  const date = parseGs1Date(digits.slice(0, 6), currentYear, false);
  const hour = twoDigits(digits, 6);
  const minute = twoDigits(digits, 8);
  if (!date || hour > 23 || minute > 59) return undefined;
  return `${date.iso}T${pad(hour, 2)}:${pad(minute, 2)}`;
}
