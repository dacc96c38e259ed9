import { block } from './block.js';
import { clip, emit, listVersions, refuseAct, type Turn } from './events.js';
import { mayRelease } from './gate.js';
import { labelStatus, parcelRecord, requestedParcel } from './parcels.js';
import type { LoadedOrder } from './types.js';
import { isMismatch, mismatchBlock, weighingFields, weighParcel } from './weighing.js';

/**
 * The parcel a label request concerns and whether it is a reprint. print-after-verify: the first
 * parcel whose label has not printed yet, or, once all have, the current parcel again. In
 * verify-preprinted every label was printed before picking: a request reprints the current parcel.
 */
function labelTarget(order: LoadedOrder): { index: number; reprint: boolean } {
  if (order.flow === 'print-after-verify') {
    const unprinted = order.parcels.findIndex((parcel) => parcel.label.printed === 0) + 1;
    if (unprinted > 0) return { index: unprinted, reprint: false };
  }
  return { index: order.parcel, reprint: true };
}

/** Once every parcel was printed or sealed: the order's serials are remembered for `duplicate_serial`. */
export function rememberSerials(turn: Turn, order: LoadedOrder): void {
  const { s, ctx } = turn;
  const serials = order.units.flatMap((unit) => (unit.serial === null ? [] : [unit.serial]));
  const remembered = [...s.shippedSerials, ...serials];
  const keep = ctx.policy.serialMemory;
  s.shippedSerials = keep === 0 ? [] : remembered.slice(-keep);
}

/**
 * A label is asked for: by the printer layer once the order is verified (print-after-verify, the
 * next parcel's), or by the packer's REPRINT card. The session applies the release gate itself;
 * only `pack.label_requested` lets the printer layer print, one parcel's label at a time.
 */
export function requestLabel(turn: Turn, act: 'label_requested' | 'reprint', options: { skipWeight?: boolean } = {}): void {
  const { s, ctx } = turn;
  const order = s.order;
  if (order && labelStatus(order) === 'requested') return refuseAct(turn, act, 'label_in_progress');
  if (order?.flow === 'verify-preprinted' && act === 'label_requested') return refuseAct(turn, act, 'label_preprinted');
  const target = order ? labelTarget(order) : null;
  const parcel = order && target ? { parcel: parcelRecord(order, target.index) } : {};
  const reprint = target?.reprint ?? false;
  const gate = mayRelease(s, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse, ctx.scale);
  const state = order && target ? order.parcels[target.index - 1] : undefined;
  if (!gate.ok || !state || ctx.link.lastHeardAt === null) {
    const reason = gate.ok ? 'hub_silent' : gate.reason;
    emit(turn, 'pack.label_refused', { reprint, ...parcel, reason });
    s.notice = { key: `gate.${reason}`, params: {} };
    return;
  }
  const weighed = reprint || !order ? null : weighParcel(order, target!.index, ctx);
  if (isMismatch(weighed) && options.skipWeight !== true) {
    block(turn, mismatchBlock(weighed.verdict));
    return;
  }
  state.label.status = 'requested';
  s.notice = null;
  emit(turn, 'pack.label_requested', {
    reprint,
    ...parcel,
    ...listVersions(ctx),
    hubLastHeardAt: new Date(ctx.link.lastHeardAt).toISOString(),
    ...(reprint ? reprintWeight(ctx.scale?.grams ?? null) : weighingFields(weighed, options.skipWeight === true)),
  });
}

/** A reprint is no weighing: it records the scale's reading only. */
const reprintWeight = (grams: number | null): { weightGrams?: number } => (grams === null ? {} : { weightGrams: grams });

/** The parcel a printer report is about: the one requested, and the one the report names if it names one. */
function reported(order: LoadedOrder | null, parcel: number | undefined): number {
  const requested = order ? requestedParcel(order) : 0;
  return parcel === undefined || parcel === requested ? requested : 0;
}

/**
 * The printer layer printed the requested label. In print-after-verify the order is printed once
 * every parcel's label printed once.
 */
export function onLabelPrinted(turn: Turn, parcel: number | undefined): void {
  const { s } = turn;
  const order = s.order;
  const index = reported(order, parcel);
  const state = order?.parcels[index - 1];
  if (!order || !state) return refuseAct(turn, 'label_printed', 'no_label_requested');
  const reprint = state.label.printed > 0 || order.flow === 'verify-preprinted';
  state.label.status = 'printed';
  state.label.printed += 1;
  emit(turn, 'pack.label_printed', { reprint, parcel: parcelRecord(order, index) });
  if (s.phase === 'verified' && order.flow === 'print-after-verify' && order.parcels.every((p) => p.label.printed > 0)) {
    s.phase = 'printed';
    rememberSerials(turn, order);
  }
}

/** The printer layer could not print the requested label; the packer may scan REPRINT. */
export function onLabelFailed(turn: Turn, reason: string, parcel: number | undefined): void {
  const { s } = turn;
  const order = s.order;
  const index = reported(order, parcel);
  const state = order?.parcels[index - 1];
  if (!order || !state) return refuseAct(turn, 'label_failed', 'no_label_requested');
  state.label.status = 'failed';
  const detail = clip(reason) ?? '';
  emit(turn, 'pack.label_failed', { reprint: state.label.printed > 0 || order.flow === 'verify-preprinted', parcel: parcelRecord(order, index), reason: detail });
  s.notice = { key: 'notice.label_failed', params: { detail } };
}
