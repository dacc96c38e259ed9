import type { FeedRecord } from '../wire.js';
import { scanFacts } from './scans.js';
import { dayStart, HOUR_MS, hourStart } from './time.js';

/** The pack funnel's steps, in order. */
export const FUNNEL_STEPS = ['released', 'loaded', 'verified', 'labelled'] as const;
const STEP_OF_EVENT: Readonly<Record<string, number>> = {
  'task.released': 0,
  'task.loaded': 1,
  'task.verified': 2,
  'task.label-printed': 3,
};

/** Site-wide figures for the charts: scans and mismatches per hour, and how far each task got. */
export class SiteStats {
  readonly #hours = new Map<number, { scans: number; mismatches: number }>();
  readonly #tasks = new Map<string, { releasedAt: number; step: number }>();

  apply(record: FeedRecord): boolean {
    if (record.kind === 'event') {
      const facts = scanFacts(record.event.body);
      if (!facts.scan) return false;
      const hour = hourStart(Date.parse(record.event.at));
      const counts = this.#hours.get(hour) ?? { scans: 0, mismatches: 0 };
      counts.scans += 1;
      counts.mismatches += facts.mismatch ? 1 : 0;
      this.#hours.set(hour, counts);
      return true;
    }
    if (record.kind !== 'domain') return false;
    let changed = false;
    for (const event of record.events) {
      const step = STEP_OF_EVENT[event.type];
      if (step === undefined || !event.taskId) continue;
      const task = this.#tasks.get(event.taskId);
      if (step === 0) this.#tasks.set(event.taskId, { releasedAt: Date.parse(record.at), step: Math.max(0, task?.step ?? 0) });
      else if (task) task.step = Math.max(task.step, step);
      changed = true;
    }
    return changed;
  }

  /** The last `hours` hours, oldest first, ending with the current one. */
  perHour(now: number, hours = 12): Array<{ hour: number; scans: number; mismatches: number }> {
    const last = hourStart(now);
    return Array.from({ length: hours }, (_, i) => {
      const hour = last - (hours - 1 - i) * HOUR_MS;
      return { hour, ...(this.#hours.get(hour) ?? { scans: 0, mismatches: 0 }) };
    });
  }

  /** Tasks released today that reached each step (a labelled task counts at every step). */
  funnel(now: number): number[] {
    const today = dayStart(now);
    const counts = FUNNEL_STEPS.map(() => 0);
    for (const task of this.#tasks.values()) {
      if (task.releasedAt < today) continue;
      for (let step = 0; step <= task.step; step += 1) counts[step]! += 1;
    }
    return counts;
  }
}
