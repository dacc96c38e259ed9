import type { DomainEventBase, FeedRecordOf } from './records.js';
import { scanFacts } from './scans.js';
import { dayStart, HOUR_MS, hourStart, quarterStart, sumQuarters } from './time.js';

/** The pack funnel's steps, in order; the last counts labelled and sealed tasks alike (finished). */
export const FUNNEL_STEPS = ['released', 'loaded', 'verified', 'labelled'] as const;
const LABELLED = FUNNEL_STEPS.length - 1;
const STEP_OF_EVENT: Readonly<Record<string, number>> = {
  'task.released': 0,
  'task.loaded': 1,
  'task.verified': 2,
  'task.label-printed': 3,
  'task.sealed': 3,
};

/** The step an event takes its task to: a parcel's label or seal finishes it only when its progress says so. */
function stepOf(event: DomainEventBase): number | undefined {
  const step = STEP_OF_EVENT[event.type];
  if (step === LABELLED && event.progress !== undefined && event.progress !== 'labelled' && event.progress !== 'sealed') return undefined;
  return step;
}

interface SiteCounts {
  scans: number;
  mismatches: number;
}

const noCounts = (): SiteCounts => ({ scans: 0, mismatches: 0 });

/** The site figures as the hub sends them in the tablet state. */
export interface StatsSnapshot {
  readonly quarters: ReadonlyArray<SiteCounts & { readonly at: number }>;
  /** Tasks released in the window and not labelled yet: they can still move. */
  readonly tasks: ReadonlyArray<{ readonly taskId: string; readonly releasedAt: number; readonly step: number }>;
  /** Labelled tasks by the quarter they were released in. */
  readonly labelled: ReadonlyArray<{ readonly at: number; readonly count: number }>;
}

/** Site-wide figures for the charts: scans and mismatches per hour, and how far each task got. */
export class SiteStats {
  readonly #quarters = new Map<number, SiteCounts>();
  readonly #tasks = new Map<string, { releasedAt: number; step: number }>();
  /** A labelled task goes no further, so it is only counted, by release quarter. */
  readonly #labelled = new Map<number, number>();

  apply(record: FeedRecordOf): boolean {
    if (record.kind === 'event') {
      const facts = scanFacts(record.event.body);
      if (!facts.scan) return false;
      const quarter = quarterStart(Date.parse(record.event.at));
      const counts = this.#quarters.get(quarter) ?? noCounts();
      counts.scans += 1;
      counts.mismatches += facts.mismatch ? 1 : 0;
      this.#quarters.set(quarter, counts);
      return true;
    }
    if (record.kind !== 'domain') return false;
    let changed = false;
    for (const event of record.events) {
      const step = stepOf(event);
      if (step === undefined || !event.taskId) continue;
      const task = this.#tasks.get(event.taskId);
      if (step === 0) this.#tasks.set(event.taskId, { releasedAt: Date.parse(record.at), step: Math.max(0, task?.step ?? 0) });
      else if (task) task.step = Math.max(task.step, step);
      const moved = this.#tasks.get(event.taskId);
      if (moved && moved.step === LABELLED) {
        this.#tasks.delete(event.taskId);
        const quarter = quarterStart(moved.releasedAt);
        this.#labelled.set(quarter, (this.#labelled.get(quarter) ?? 0) + 1);
      }
      changed = true;
    }
    return changed;
  }

  /** The last `hours` hours, oldest first, ending with the current one. */
  perHour(now: number, hours = 12): Array<{ hour: number; scans: number; mismatches: number }> {
    const last = hourStart(now);
    return Array.from({ length: hours }, (_, i) => {
      const hour = last - (hours - 1 - i) * HOUR_MS;
      return { hour, ...sumQuarters(this.#quarters, hour, hour + HOUR_MS, noCounts) };
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
    for (const [at, labelled] of this.#labelled) {
      if (at < today) continue;
      for (let step = 0; step <= LABELLED; step += 1) counts[step]! += labelled;
    }
    return counts;
  }

  /** Forgets counts and tasks older than `before` (ms): the hub keeps a bounded window. */
  prune(before: number): void {
    for (const at of this.#quarters.keys()) if (at < before) this.#quarters.delete(at);
    for (const at of this.#labelled.keys()) if (at < before) this.#labelled.delete(at);
    for (const [taskId, task] of this.#tasks) if (task.releasedAt < before) this.#tasks.delete(taskId);
  }

  snapshot(): StatsSnapshot {
    return {
      quarters: [...this.#quarters].map(([at, counts]) => ({ at, ...counts })),
      tasks: [...this.#tasks].map(([taskId, task]) => ({ taskId, ...task })),
      labelled: [...this.#labelled].map(([at, count]) => ({ at, count })),
    };
  }

  /** Takes the hub's snapshot as the starting point (before any record after it is applied). */
  load(snapshot: StatsSnapshot): void {
    this.#quarters.clear();
    this.#tasks.clear();
    this.#labelled.clear();
    for (const { at, scans, mismatches } of snapshot.quarters) this.#quarters.set(at, { scans, mismatches });
    for (const { taskId, releasedAt, step } of snapshot.tasks) this.#tasks.set(taskId, { releasedAt, step });
    for (const { at, count } of snapshot.labelled) this.#labelled.set(at, count);
  }
}
