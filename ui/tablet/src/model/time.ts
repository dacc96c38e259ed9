/** Hour and day buckets in the tablet's own time zone. */
export const HOUR_MS = 3_600_000;

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
