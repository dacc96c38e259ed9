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

export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}
