import type { PackBlockReason } from '../../protocol/pack-events.js';
import { clip, emit, listVersions, type EventFields, type Turn } from './events.js';
import { orderHold } from './holds.js';
import { CLEARED_BY } from './policy.js';
import type { BlockScope } from './types.js';

/** What a new block is about. */
export interface BlockCause {
  readonly reason: PackBlockReason;
  readonly scope: BlockScope;
  readonly cause: 'scan' | 'stop_list' | 'freeze_list' | 'weight';
  readonly sku: string | null;
  readonly code: string | null;
  readonly detail: string | null;
  /** A `weight_mismatch` block's weighing, recorded with it (station/pack/weighing.ts `mismatchBlock`). */
  readonly weighing?: Pick<EventFields<'pack.blocked'>, 'weightGrams' | 'expectedGrams' | 'tolerance' | 'allowedGrams'>;
}

/** Blocks the session (replacing a unit block when an order hold arrives) and records it. */
export function block(turn: Turn, cause: BlockCause): void {
  const { s, ctx } = turn;
  const code = clip(cause.code);
  const detail = clip(cause.detail);
  s.block = {
    reason: cause.reason,
    scope: cause.scope,
    clearBy: CLEARED_BY[cause.reason],
    since: ctx.now,
    sku: cause.sku,
    code,
    detail,
    lifted: false,
  };
  s.notice = null;
  emit(turn, 'pack.blocked', {
    reason: cause.reason,
    scope: cause.scope,
    clearBy: CLEARED_BY[cause.reason],
    cause: cause.cause,
    sku: cause.sku,
    code,
    detail,
    ...listVersions(ctx),
    ...cause.weighing,
  });
}

/** Lifts the block as a logged act: the packer's RESOLVE, a supervisor's badge, or a reweighing within tolerance. */
export function clearBlock(turn: Turn, by: 'resolve' | 'supervisor' | 'reweigh', supervisor: string | null): void {
  const { s, ctx } = turn;
  const current = s.block;
  if (!current) return;
  emit(turn, 'pack.block_cleared', {
    reason: current.reason,
    scope: current.scope,
    by,
    supervisor,
    blockedMs: Math.max(0, ctx.now - current.since),
  });
  s.block = null;
  s.notice = { key: 'notice.block_cleared', params: {} };
}

/** True when the newest lists in the context hold the loaded order. */
export function isHeld(turn: Turn): boolean {
  const { s, ctx } = turn;
  return s.order !== null && orderHold(s.order.task, s.order.units, ctx.stopList, ctx.freezeList, ctx.warehouse) !== null;
}

/**
 * Applies the newest stop and freeze lists to the loaded order: a hold blocks the session at
 * once (over a unit block, which it outranks); a hold that the lists no longer carry is marked
 * lifted, and still waits for a supervisor.
 */
export function recheckHolds(turn: Turn): void {
  const { s, ctx } = turn;
  if (!s.order) return;
  const hold = orderHold(s.order.task, s.order.units, ctx.stopList, ctx.freezeList, ctx.warehouse);
  const current = s.block;
  if (hold) {
    if (current?.scope === 'order' && !current.lifted) return;
    block(turn, { ...hold, scope: 'order', code: null });
    return;
  }
  if (current?.scope === 'order' && !current.lifted) {
    current.lifted = true;
    emit(turn, 'pack.hold_lifted', { reason: current.reason, ...listVersions(ctx) });
  }
}
