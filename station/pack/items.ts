import type { PackScanRefusal } from '../../protocol/pack-events.js';
import type { Rejection } from '../barcode/index.js';
import { block } from './block.js';
import { clip, emit, lineCounts, type Turn } from './events.js';
import { scannedBoxType } from './boxes.js';
import { closeParcel } from './parcels.js';
import type { ItemScan } from './scan.js';
import { judgeItem } from './verdict.js';

const NOT_JUDGED = { units: 0, sku: null, via: null, line: null, detail: null, blocks: false } as const;

function refuse(turn: Turn, verdict: PackScanRefusal, code: string): void {
  emit(turn, 'pack.verdict', { verdict, code: clip(code), ...NOT_JUDGED });
  turn.s.notice = { key: `scan.${verdict}`, params: {} };
}

/** True when an item scan will be judged against the order (and so decides any hub hold itself). */
export function isJudged(turn: Turn): boolean {
  const { s, input } = turn;
  if (input.type !== 'scan' || !input.result.ok || !s.packer || !s.order || s.block || turn.waybill !== null) return false;
  const scan = input.result.scan;
  if (scan.kind !== 'gtin' && scan.kind !== 'gs1' && scan.kind !== 'text') return false;
  return scannedBoxType(turn, scan) === undefined;
}

/**
 * A product scan: not judged without a packer, an order, or while blocked (nothing counts while
 * blocked); otherwise exactly one verdict, which either counts the units or blocks the session.
 */
export function onItemScan(turn: Turn, scan: ItemScan): void {
  const { s, ctx } = turn;
  if (!s.packer) return refuse(turn, 'no_packer', scan.data);
  const order = s.order;
  if (!order) return refuse(turn, 'no_order', scan.data);
  if (s.block) return refuse(turn, 'while_blocked', scan.data);

  const judged = judgeItem(order, scan, ctx, s.shippedSerials);
  if (judged.unit) {
    order.units.push(judged.unit);
    order.counted[judged.unit.line] = (order.counted[judged.unit.line] ?? 0) + judged.unit.units;
    s.notice = null;
  }
  const index = judged.line;
  const line = index === null ? undefined : order.task.lines[index];
  emit(turn, 'pack.verdict', {
    verdict: judged.verdict,
    units: judged.units,
    code: clip(judged.code),
    sku: judged.sku,
    via: judged.via,
    line: index === null || !line ? null : { index, masterSku: line.masterSku, counted: order.counted[index] ?? 0, quantity: line.quantity },
    detail: clip(judged.detail),
    blocks: judged.verdict !== 'counted',
  });
  if (judged.verdict !== 'counted') {
    block(turn, { reason: judged.verdict, scope: judged.scope, cause: judged.cause, sku: judged.sku, code: judged.code, detail: judged.detail });
    return;
  }
  const complete = order.task.lines.every((l, i) => (order.counted[i] ?? 0) === l.quantity);
  if (complete && s.phase === 'packing') {
    // The last parcel closes with the order; the gate refuses an order with a parcel left empty.
    closeParcel(turn, order, order.parcel);
    s.phase = 'verified';
    order.verifiedAt = ctx.now;
    emit(turn, 'pack.order_verified', { lines: lineCounts(s) });
  }
}

/**
 * A scan the decoder refused: verdict `unreadable` with the decoder's code. It blocks only a
 * session that is packing an order for a signed-in packer and not already blocked.
 */
export function onUnreadable(turn: Turn, rejection: Rejection): void {
  const { s } = turn;
  const blocks = s.packer !== null && s.order !== null && s.block === null;
  emit(turn, 'pack.verdict', { ...NOT_JUDGED, verdict: 'unreadable', code: rejection.code, detail: clip(rejection.message), blocks });
  if (blocks) block(turn, { reason: 'unreadable', scope: 'unit', cause: 'scan', sku: null, code: rejection.code, detail: rejection.message });
  else s.notice = { key: 'block.unreadable', params: { code: rejection.code } };
}
