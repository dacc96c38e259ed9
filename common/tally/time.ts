/** Hour and day buckets in the tablet's own time zone, summed from quarter-hours. */
export const HOUR_MS = 3_600_000;
/**
 * Counts are kept by quarter-hour (epoch-aligned): every time zone's hours and days start on a
 * quarter-hour, so the hub can count without knowing the tablet's zone and the page sums exactly.
 */
export const QUARTER_MS = 900_000;
/** How far back the hub's counts reach: a local day and the twelve hours the chart shows fit. */
export const WINDOW_MS = 26 * HOUR_MS;

export function quarterStart(ms: number): number {
  return Math.floor(ms / QUARTER_MS) * QUARTER_MS;
}

export function hourStart(ms: number): number {
  const date = new Date(ms);
  date.setMinutes(0, 0, 0);
  return date.getTime();
}

export function dayStart(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Adds up the quarters in `[from, to)`. */
export function sumQuarters<T extends { [K in keyof T]: number }>(quarters: ReadonlyMap<number, T>, from: number, to: number, zero: () => T): T {
  const total = zero();
  for (const [at, counts] of quarters) {
    if (at < from || at >= to) continue;
    for (const key of Object.keys(counts) as Array<keyof T>) (total[key] as number) += counts[key] as number;
  }
  return total;
}
