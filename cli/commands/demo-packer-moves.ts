import type { PackAsideReason } from '../../protocol/pack-events.js';
import { labelStatus, type PackSession } from '../../station/pack/index.js';
import type { PackerPlan } from './demo-plan.js';

/** What a simulated packer looks at before each move: the bench as the packer's screen shows it. */
export interface BenchView {
  readonly scannerReady: boolean;
  readonly session: Pick<PackSession, 'packer' | 'phase' | 'order' | 'block'>;
}

/** Where the packer is in its plan. */
export interface PackerCursor {
  /** The planned order being packed, or next when `loaded` is false. */
  readonly order: number;
  /** Its label was scanned (whatever the hub answered). */
  readonly loaded: boolean;
  /** Its next unit scan. */
  readonly scan: number;
  /** Put it aside at the next chance (a block a supervisor cleared but the order cannot go on). */
  readonly aside: boolean;
}

export const START: PackerCursor = { order: 0, loaded: false, scan: 0, aside: false };

export const RESOLVE_CARD = '$PG:RESOLVE';
export const SUPERVISOR_CARD = '$PG:SUP:SUPERVISOR-01';
/** NEXT PARCEL (下一包): closes the parcel being packed of an order of several, opens the next. */
export const NEXT_PARCEL_CARD = '$PG:PARCEL';

export type PackerMove =
  | { readonly type: 'wait'; readonly why: string }
  | { readonly type: 'scan'; readonly code: string; readonly next: PackerCursor }
  | { readonly type: 'aside'; readonly reason: PackAsideReason; readonly next: PackerCursor }
  | { readonly type: 'done' };

/**
 * The packer's next move, one per scan interval. It packs the plan in order; clears a wrong
 * unit with RESOLVE and goes on; puts an order aside when the hub holds it (a refund stop, a
 * mapping change) or a supervisor had to clear a unit; waits while the scanner is unplugged,
 * the hub is asked for an order or the label is printing (a printer out of paper keeps it waiting).
 */
export function nextMove(plan: PackerPlan, cursor: PackerCursor, view: BenchView): PackerMove {
  const { session } = view;
  if (!view.scannerReady) return { type: 'wait', why: 'scanner' };
  if (session.packer === null) return { type: 'scan', code: `$PG:BADGE:${plan.badge}`, next: cursor };
  if (session.phase === 'awaiting_order') return { type: 'wait', why: 'hub' };
  const block = session.block;
  if (block?.scope === 'unit') {
    if (block.clearBy === 'resolve') return { type: 'scan', code: RESOLVE_CARD, next: cursor };
    return { type: 'scan', code: SUPERVISOR_CARD, next: { ...cursor, aside: true } };
  }
  const order = session.order;
  const finished = order === null || session.phase === 'printed' || session.phase === 'sealed' || session.phase === 'idle';
  if (!finished) {
    const planned = plan.orders[cursor.order];
    if (!cursor.loaded || order.task.orderNo !== planned?.orderNo) return { type: 'aside', reason: 'other', next: cursor };
    // A label on its way cannot be put aside: the queue prints it or gives it up first.
    const label = labelStatus(order);
    if (label === 'requested') return { type: 'wait', why: 'label' };
    if (block?.scope === 'order' || cursor.aside) return { type: 'aside', reason: 'other', next: { ...cursor, aside: false } };
    if (label === 'failed') return { type: 'aside', reason: 'label_problem', next: cursor };
    if (session.phase === 'verified') return { type: 'wait', why: 'label' };
    const code = planned.scans[cursor.scan];
    if (code === undefined) return { type: 'aside', reason: 'short_pick', next: cursor };
    return { type: 'scan', code, next: { ...cursor, scan: cursor.scan + 1 } };
  }
  const index = cursor.loaded ? cursor.order + 1 : cursor.order;
  const next = plan.orders[index];
  if (!next) return { type: 'done' };
  return { type: 'scan', code: `$PG:ORDER:${next.orderNo}`, next: { order: index, loaded: true, scan: 0, aside: false } };
}
