import { fmt, type Lang, type Strings } from './strings.js';

/** "3 min ago" in the page's language. */
export function age(s: Strings, at: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (seconds < 10) return s.age.now;
  if (seconds < 60) return fmt(s.age.seconds, { n: seconds });
  if (seconds < 3600) return fmt(s.age.minutes, { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return fmt(s.age.hours, { n: Math.floor(seconds / 3600) });
  return fmt(s.age.days, { n: Math.floor(seconds / 86_400) });
}

export function clock(lang: Lang, at: string): string {
  return new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function dateTime(lang: Lang, at: string): string {
  return new Date(at).toLocaleString(lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** Grams in the page's language: `1,234 g`, a tenth where there is one. */
export function grams(lang: Lang, value: number): string {
  return `${value.toLocaleString(lang, { maximumFractionDigits: 1 })} g`;
}

export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A limit such as the patrol's, in the page's language: "90 min", "2 h", "1 d". */
export function duration(s: Strings, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 1440 === 0) return fmt(s.duration.days, { n: minutes / 1440 });
  if (minutes % 60 === 0) return fmt(s.duration.hours, { n: minutes / 60 });
  return fmt(s.duration.minutes, { n: minutes });
}
