/**
 * The words for how far a pack task got and how it looks to people: one list for the hub's
 * domain (hub/domain/model.ts builds its schemas from them) and for the station board, which
 * tells the order at a bench in the same words (bench.ts). Here because the tallies the page
 * bundles import nothing outside common/tally/.
 */

/**
 * Progress of a pack task; holds (stops, block) and cancellation sit beside it. `labelled`: every
 * parcel's label printed; `sealed`: every parcel sealed (the pre-printed flow). Both are finished.
 */
export const TASK_PROGRESS = ['released', 'loaded', 'verified', 'labelled', 'sealed'] as const;
export type TaskProgress = (typeof TASK_PROGRESS)[number];

/** What a task looks like from outside: cancellation, then a stop, then a block hide the progress. */
export const TASK_STATUSES = [...TASK_PROGRESS, 'cancelled', 'stopped', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
