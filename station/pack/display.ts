import type { PackBlockReason, PackGateReason } from '../../protocol/pack-events.js';
import { mayPrintLabel } from './gate.js';
import type { ActionKey, MessageKey, PromptKey } from './messages.js';
import type { Block, BlockScope, ClearBy, LabelStatus, Notice, PackContext, PackSession } from './types.js';

/** What the packer's screen shows as the session's state. */
export type DisplayState = 'idle' | 'awaiting_order' | 'packing' | 'blocked' | 'verified' | 'printed';

export interface DisplayLine {
  readonly masterSku: string;
  readonly expected: number;
  readonly scanned: number;
  readonly complete: boolean;
}

export interface DisplayBlock {
  readonly reason: PackBlockReason;
  readonly scope: BlockScope;
  readonly clearBy: ClearBy;
  /** What is wrong, short enough to read across the room. */
  readonly title: MessageKey;
  /** What to do about it. */
  readonly action: ActionKey;
  /** Parameters of `title` and `action`: `sku`, `code`, `detail` (empty when unknown). */
  readonly params: Readonly<Record<string, string>>;
  /** Order holds: the hub lifted the hold, a supervisor may now clear it. */
  readonly lifted: boolean;
  readonly since: number;
}

/**
 * The packer's screen as pure data: message keys, never strings (the screen holds the zh-CN and
 * English strings, `MESSAGES`). `prompt` is always the one thing to do next.
 */
export interface Display {
  readonly state: DisplayState;
  readonly packer: string | null;
  readonly prompt: PromptKey | ActionKey;
  /** Parameters of `prompt` (`ref` while waiting for the hub). */
  readonly promptParams: Readonly<Record<string, string>>;
  readonly order: { readonly taskId: string; readonly orderNo: string; readonly channel: string; readonly waybill: string; readonly shipTo: string } | null;
  readonly lines: readonly DisplayLine[];
  readonly totals: { readonly expected: number; readonly scanned: number };
  readonly block: DisplayBlock | null;
  readonly notice: Notice | null;
  /** For a loaded order: the label's status, and why the gate would refuse it now (null: it would not). */
  readonly label: { readonly status: LabelStatus; readonly printed: number; readonly gate: PackGateReason | null } | null;
  readonly awaiting: { readonly ref: string; readonly remainingMs: number } | null;
}

function actionFor(block: Block): ActionKey {
  if (block.scope === 'order') return block.lifted ? 'action.hold_lifted' : 'action.order_hold';
  if (block.reason === 'unreadable') return 'action.unreadable';
  if (block.reason === 'tracking_missing') return 'action.tracking_missing';
  return block.clearBy === 'supervisor' ? 'action.supervisor_unit' : 'action.remove_and_resolve';
}

function displayBlock(block: Block): DisplayBlock {
  return {
    reason: block.reason,
    scope: block.scope,
    clearBy: block.clearBy,
    title: `block.${block.reason}`,
    action: actionFor(block),
    params: { sku: block.sku ?? '', code: block.code ?? '', detail: block.detail ?? '' },
    lifted: block.lifted,
    since: block.since,
  };
}

function prompt(s: PackSession, gate: PackGateReason | null): PromptKey | ActionKey {
  if (s.block) return actionFor(s.block);
  if (!s.packer) return 'prompt.scan_badge';
  const label = s.order?.label.status;
  switch (s.phase) {
    case 'idle':
      return 'prompt.scan_order';
    case 'awaiting_order':
      return 'prompt.awaiting_order';
    case 'packing':
      return 'prompt.scan_items';
    case 'verified':
      if (label === 'requested') return 'prompt.label_printing';
      if (label === 'failed') return 'prompt.label_failed';
      return gate === null ? 'prompt.label_ready' : 'prompt.label_blocked';
    case 'printed':
      return label === 'requested' ? 'prompt.label_printing' : 'prompt.next_order';
  }
}

/** The screen for a session, given the station's current context (for the gate and the wait). */
export function toDisplay(s: PackSession, ctx: PackContext): Display {
  const order = s.order;
  const lines = order
    ? order.task.lines.map((line, i) => {
        const scanned = order.counted[i] ?? 0;
        return { masterSku: line.masterSku, expected: line.quantity, scanned, complete: scanned === line.quantity };
      })
    : [];
  const gateResult = order ? mayPrintLabel(s, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse) : null;
  const gate = gateResult === null || gateResult.ok ? null : gateResult.reason;
  const awaiting = s.awaiting
    ? { ref: `${s.awaiting.ref.type}:${s.awaiting.ref.id}`, remainingMs: Math.max(0, s.awaiting.since + ctx.policy.awaitOrderMs - ctx.now) }
    : null;
  return {
    state: s.block ? 'blocked' : s.phase,
    packer: s.packer,
    prompt: prompt(s, gate),
    promptParams: awaiting ? { ref: awaiting.ref } : {},
    order: order
      ? { taskId: order.task.taskId, orderNo: order.task.orderNo, channel: order.task.channel, waybill: order.task.waybill, shipTo: order.task.label.name }
      : null,
    lines,
    totals: { expected: lines.reduce((sum, l) => sum + l.expected, 0), scanned: lines.reduce((sum, l) => sum + l.scanned, 0) },
    block: s.block ? displayBlock(s.block) : null,
    notice: s.notice,
    label: order ? { status: order.label.status, printed: order.label.printed, gate } : null,
    awaiting,
  };
}
