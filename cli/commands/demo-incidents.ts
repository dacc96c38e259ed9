/**
 * What the demo shift stages, and when: one of each thing the tablet page exists for, within
 * two minutes at the default pace. Times are counted in scan intervals (`--interval`), so a
 * test running the shift fast gets every incident, in the same order, in seconds. The wrong
 * item is not here: the seeded shift itself scans one every fifth order, the first in the
 * second order.
 */

export type IncidentKind = 'refund-freeze' | 'scanner-unplugged' | 'mapping-change' | 'printer-paper-out';

export interface Incident {
  readonly kind: IncidentKind;
  /** The bench it happens at; none for a site-wide change. */
  readonly station?: string;
  /** Milliseconds after the shift starts. */
  readonly atMs: number;
  /** How long the fault lasts: the scanner's absence; for the printer, from its waiting label to the refill. */
  readonly forMs?: number;
}

/** The default scan interval of `packgate demo`. */
export const DEMO_INTERVAL_MS = 1500;

interface Step {
  readonly kind: IncidentKind;
  /** Index into the stations (wrapped), or null. */
  readonly station: number | null;
  /** Scan intervals after the start. */
  readonly at: number;
  readonly for?: number;
}

const STEPS: readonly Step[] = [
  { kind: 'refund-freeze', station: 0, at: 10 },
  { kind: 'scanner-unplugged', station: 1, at: 22, for: 10 },
  { kind: 'mapping-change', station: null, at: 34 },
  // Staged when the bench next takes up an own-contract order (every fourth), whose label is ZPL.
  { kind: 'printer-paper-out', station: 1, at: 40, for: 12 },
];

/** The incidents of a shift at these stations and this scan interval, in time order. */
export function incidentSchedule(stations: readonly string[], intervalMs: number): Incident[] {
  if (stations.length === 0) return [];
  return STEPS.map((step) => ({
    kind: step.kind,
    ...(step.station === null ? {} : { station: stations[step.station % stations.length]! }),
    atMs: step.at * intervalMs,
    ...(step.for === undefined ? {} : { forMs: step.for * intervalMs }),
  }));
}

/** `12:03:41 staged: …`, the line a newcomer reads on the console (local time). */
export function consoleLine(at: Date, word: string, text: string): string {
  const clock = [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${clock} ${word}: ${text}`;
}

/** Whole seconds, for people. */
export function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}
