import { clip, emit, listVersions, type Turn } from './events.js';
import { mayPrintLabel } from './gate.js';
import { refuseAct } from './orders.js';

/**
 * A label is asked for: by the printer layer once the order is verified, or by the packer's
 * REPRINT card. The session applies the gate itself; only `pack.label_requested` lets the
 * printer layer print. After the label printed once, a request is a reprint.
 */
export function requestLabel(turn: Turn, act: 'label_requested' | 'reprint'): void {
  const { s, ctx } = turn;
  if (s.order?.label.status === 'requested') return refuseAct(turn, act, 'label_in_progress');
  const reprint = s.phase === 'printed';
  const gate = mayPrintLabel(s, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse);
  if (!gate.ok || !s.order || ctx.link.lastHeardAt === null) {
    const reason = gate.ok ? 'hub_silent' : gate.reason;
    emit(turn, 'pack.label_refused', { reprint, reason });
    s.notice = { key: `gate.${reason}`, params: {} };
    return;
  }
  s.order.label.status = 'requested';
  s.notice = null;
  emit(turn, 'pack.label_requested', { reprint, ...listVersions(ctx), hubLastHeardAt: new Date(ctx.link.lastHeardAt).toISOString() });
}

/** The printer layer printed the requested label. The first print finishes the order. */
export function onLabelPrinted(turn: Turn): void {
  const { s, ctx } = turn;
  const order = s.order;
  if (!order || order.label.status !== 'requested') return refuseAct(turn, 'label_printed', 'no_label_requested');
  const reprint = s.phase === 'printed';
  order.label.status = 'printed';
  order.label.printed += 1;
  if (!reprint) {
    s.phase = 'printed';
    const serials = order.units.flatMap((unit) => (unit.serial === null ? [] : [unit.serial]));
    const remembered = [...s.shippedSerials, ...serials];
    const keep = ctx.policy.serialMemory;
    s.shippedSerials = keep === 0 ? [] : remembered.slice(-keep);
  }
  emit(turn, 'pack.label_printed', { reprint });
}

/** The printer layer could not print the requested label; the packer may scan REPRINT. */
export function onLabelFailed(turn: Turn, reason: string): void {
  const { s } = turn;
  const order = s.order;
  if (!order || order.label.status !== 'requested') return refuseAct(turn, 'label_failed', 'no_label_requested');
  order.label.status = 'failed';
  const detail = clip(reason) ?? '';
  emit(turn, 'pack.label_failed', { reprint: s.phase === 'printed', reason: detail });
  s.notice = { key: 'notice.label_failed', params: { detail } };
}
