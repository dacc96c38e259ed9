import { PACK_ASIDE_REASONS, type PackAsideReason, type PackBlockReason, type PackFlow, type PackGateReason } from '../../protocol/pack-vocabulary.js';
import { mayRelease } from './gate.js';
import type { ActionKey, MessageKey, PromptKey } from './messages.js';
import { labelStatus, labelsPrinted, unitsIn } from './parcels.js';
import type { Block, BlockScope, ClearBy, LabelStatus, LoadedOrder, Notice, PackContext, PackSession, PackTaskLine } from './types.js';

/** What the packer's screen shows as the session's state. */
export type DisplayState = 'idle' | 'awaiting_order' | 'packing' | 'blocked' | 'verified' | 'printed' | 'sealed';

/** One parcel of the loaded order on the screen. */
export interface DisplayParcel {
  /** 1-based. */
  readonly index: number;
  readonly waybill: string;
  /** Units packed in it. */
  readonly units: number;
  /** The one being packed, or (once verified) the one a REPRINT concerns. */
  readonly current: boolean;
  readonly closed: boolean;
  readonly label: LabelStatus;
  /** Times its label printed at this station. */
  readonly printed: number;
  readonly sealed: boolean;
}

export interface DisplayLine {
  readonly masterSku: string;
  /** The task line's name, attributes and picture, when the hub's catalog has them. */
  readonly name?: PackTaskLine['name'];
  readonly attributes?: PackTaskLine['attributes'];
  readonly imageUrl?: string;
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
  /** The loaded order's flow, or the station's when no order is loaded. */
  readonly flow: PackFlow;
  readonly packer: string | null;
  readonly prompt: PromptKey | ActionKey;
  /** Parameters of `prompt` (`ref` while waiting for the hub). */
  readonly promptParams: Readonly<Record<string, string>>;
  readonly order: { readonly taskId: string; readonly orderNo: string; readonly channel: string; readonly waybill: string; readonly shipTo: string } | null;
  readonly lines: readonly DisplayLine[];
  readonly totals: { readonly expected: number; readonly scanned: number };
  readonly block: DisplayBlock | null;
  readonly notice: Notice | null;
  /**
   * For a loaded order: its labels' status over every parcel (`labelStatus`), how many printed
   * here, and why the release gate would refuse a label or a seal now (null: it would not).
   */
  readonly label: { readonly status: LabelStatus; readonly printed: number; readonly gate: PackGateReason | null } | null;
  /** The loaded order's parcels, in order (one for an order the hub did not split). */
  readonly parcels: readonly DisplayParcel[];
  /** The current parcel and how many the order has. */
  readonly parcel: { readonly current: number; readonly count: number } | null;
  readonly awaiting: { readonly ref: string; readonly remainingMs: number } | null;
  /** The put-aside menu's reasons, in order, while it is open (`$PG:ASIDE` or the screen's button); null when closed. */
  readonly asideMenu: readonly PackAsideReason[] | null;
}

/** A parcel of the order was labelled or sealed here: a hold on it now is an intercept, and the parcel is taken out. */
function hasReleasedParcel(order: LoadedOrder | null): boolean {
  return order?.parcels.some((parcel) => parcel.label.printed > 0 || parcel.sealedAt !== null) ?? false;
}

function actionFor(block: Block, s: PackSession): ActionKey {
  if (s.withdrawing) return 'action.withdraw_armed';
  if (block.scope === 'order') return block.lifted ? 'action.hold_lifted' : hasReleasedParcel(s.order) ? 'action.withdraw_parcel' : 'action.order_hold';
  if (block.reason === 'unreadable') return 'action.unreadable';
  if (block.reason === 'tracking_missing') return 'action.tracking_missing';
  if (block.reason === 'weight_mismatch') return 'action.weight_mismatch';
  return block.clearBy === 'supervisor' ? 'action.supervisor_unit' : 'action.remove_and_resolve';
}

function displayBlock(block: Block, s: PackSession): DisplayBlock {
  return {
    reason: block.reason,
    scope: block.scope,
    clearBy: block.clearBy,
    title: `block.${block.reason}`,
    action: actionFor(block, s),
    params: { sku: block.sku ?? '', code: block.code ?? '', detail: block.detail ?? '' },
    lifted: block.lifted,
    since: block.since,
  };
}

function prompt(s: PackSession, flow: PackFlow, gate: PackGateReason | null): PromptKey | ActionKey {
  if (s.block) return actionFor(s.block, s);
  if (s.withdrawing) return 'action.withdraw_armed';
  if (!s.packer) return 'prompt.scan_badge';
  if (s.asideMenu) return 'prompt.aside_reason';
  const label = s.order ? labelStatus(s.order) : 'none';
  switch (s.phase) {
    case 'idle':
      return flow === 'verify-preprinted' ? 'prompt.scan_waybill' : 'prompt.scan_order';
    case 'awaiting_order':
      return 'prompt.awaiting_order';
    case 'packing':
      return (s.order?.parcels.length ?? 1) > 1 ? 'prompt.scan_items_parcel' : 'prompt.scan_items';
    case 'verified':
      if (flow === 'verify-preprinted') return 'prompt.seal_blocked';
      if (label === 'requested') return 'prompt.label_printing';
      if (label === 'failed') return 'prompt.label_failed';
      return gate === null ? 'prompt.label_ready' : 'prompt.label_blocked';
    case 'printed':
      return label === 'requested' ? 'prompt.label_printing' : 'prompt.next_order';
    case 'sealed':
      return label === 'requested' ? 'prompt.label_printing' : 'prompt.sealed';
  }
}

function displayParcels(order: LoadedOrder): DisplayParcel[] {
  return order.parcels.map((parcel, i) => ({
    index: i + 1,
    waybill: parcel.waybill,
    units: unitsIn(order, i + 1),
    current: order.parcel === i + 1,
    closed: parcel.closedAt !== null,
    label: parcel.label.status,
    printed: parcel.label.printed,
    sealed: parcel.sealedAt !== null,
  }));
}

/** The screen for a session, given the station's current context (for the gate and the wait). */
export function toDisplay(s: PackSession, ctx: PackContext): Display {
  const order = s.order;
  const lines = order
    ? order.task.lines.map((line, i) => {
        const scanned = order.counted[i] ?? 0;
        return {
          masterSku: line.masterSku,
          ...(line.name ? { name: line.name } : {}),
          ...(line.attributes ? { attributes: line.attributes } : {}),
          ...(line.imageUrl ? { imageUrl: line.imageUrl } : {}),
          expected: line.quantity,
          scanned,
          complete: scanned === line.quantity,
        };
      })
    : [];
  const gateResult = order ? mayRelease(s, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse, ctx.scale) : null;
  const gate = gateResult === null || gateResult.ok ? null : gateResult.reason;
  const awaiting = s.awaiting
    ? { ref: `${s.awaiting.ref.type}:${s.awaiting.ref.id}`, remainingMs: Math.max(0, s.awaiting.since + ctx.policy.awaitOrderMs - ctx.now) }
    : null;
  const flow = order?.flow ?? ctx.policy.flow;
  const parcel = order ? { current: order.parcel, count: order.parcels.length } : null;
  return {
    state: s.block ? 'blocked' : s.phase,
    flow,
    packer: s.packer,
    prompt: prompt(s, flow, gate),
    promptParams: awaiting ? { ref: awaiting.ref } : parcel ? { parcel: String(parcel.current), parcels: String(parcel.count) } : {},
    order: order
      ? { taskId: order.task.taskId, orderNo: order.task.orderNo, channel: order.task.channel, waybill: order.task.waybill, shipTo: order.task.label.name }
      : null,
    lines,
    totals: { expected: lines.reduce((sum, l) => sum + l.expected, 0), scanned: lines.reduce((sum, l) => sum + l.scanned, 0) },
    block: s.block ? displayBlock(s.block, s) : null,
    notice: s.notice,
    label: order ? { status: labelStatus(order), printed: labelsPrinted(order), gate } : null,
    parcels: order ? displayParcels(order) : [],
    parcel,
    awaiting,
    asideMenu: s.asideMenu ? PACK_ASIDE_REASONS : null,
  };
}
