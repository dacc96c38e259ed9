import type { StationEventBody } from './records.js';
import type { TaskProgress, TaskStatus } from './task-status.js';

/** How far an order at a bench can have got: the task's progress from its loading on. */
export const BENCH_PROGRESS = ['loaded', 'verified', 'labelled', 'sealed'] as const satisfies readonly TaskProgress[];

/**
 * The order at a bench as its station's own pack events tell it (docs/pack-session.md, "Phases"),
 * from its `pack.order_loaded` until the next one, or until it is put aside or cancelled there. It
 * stays once labelled or sealed: the station keeps the order on screen until the next order.
 */
export interface BenchState {
  /** How far the order got: loaded (packing), verified, labelled or sealed (its last parcel's label or seal). */
  readonly progress: (typeof BENCH_PROGRESS)[number];
  /** Parcels closed so far: an order of several closes each one, the last as it is verified (one parcel closes none). */
  readonly closed: number;
  /** Parcels whose label printed the first time, or that were sealed. */
  readonly released: number;
  /** The block on the bench: its reason and detail as `pack.blocked` gave them, and whether the hub's lists still hold the order (a stop or freeze). */
  readonly block: { readonly reason: string; readonly detail: string | null; readonly hold: boolean } | null;
  /** A label asked for and not printed yet, or the last one that failed (the packer scans REPRINT). */
  readonly label: 'requested' | 'failed' | null;
  /** Why the label gate refused the last label or seal (`awaiting_weight` …), until one is asked for or made. */
  readonly refused: string | null;
}

const LOADED: BenchState = { progress: 'loaded', closed: 0, released: 0, block: null, label: null, refused: null };

/** The bench after one of its station's events; null while no order is on it (or none the feed told of). */
export function benchAfter(bench: BenchState | null, body: StationEventBody): BenchState | null {
  if (body.type === 'pack.order_loaded') return LOADED;
  if (body.type === 'pack.order_aside' || body.type === 'pack.order_cancelled') return null;
  if (bench === null) return null;
  switch (body.type) {
    case 'pack.order_verified':
      return { ...bench, progress: 'verified' };
    case 'pack.parcel_closed':
      return { ...bench, closed: bench.closed + 1 };
    case 'pack.blocked':
      return { ...bench, block: { reason: body.reason ?? '', detail: body.detail ?? null, hold: body.cause === 'stop_list' || body.cause === 'freeze_list' } };
    case 'pack.hold_lifted':
      return bench.block ? { ...bench, block: { ...bench.block, hold: false } } : bench;
    case 'pack.block_cleared':
      return { ...bench, block: null };
    case 'pack.label_requested':
      return { ...bench, label: 'requested', refused: null };
    case 'pack.label_refused':
    case 'pack.seal_refused':
      return { ...bench, refused: body.reason ?? null };
    case 'pack.label_failed':
      return { ...bench, label: 'failed' };
    case 'pack.label_printed': {
      // A reprint, or any print in the pre-printed flow, releases no parcel.
      const released = bench.released + (body.reprint === true ? 0 : 1);
      const labelled = bench.progress === 'verified' && released >= Math.max(1, bench.closed);
      return { ...bench, label: null, released, ...(labelled ? { progress: 'labelled' } : {}) };
    }
    case 'pack.sealed': {
      const released = bench.released + 1;
      const sealed = released >= (body.parcels ?? 1);
      return { ...bench, released, refused: null, ...(sealed ? { progress: 'sealed' } : {}) };
    }
    default:
      return bench;
  }
}

/** The bench's order in the task's words: a hold from the hub's lists (`stopped`), else a block, else how far it got. */
export function benchStatus(bench: BenchState): TaskStatus {
  if (bench.block?.hold) return 'stopped';
  if (bench.block) return 'blocked';
  return bench.progress;
}
