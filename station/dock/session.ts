import type { DockEvent } from '../../protocol/dock.js';
import type { DockRefusal } from '../../protocol/dock-vocabulary.js';
import { waybillText } from '../pack/waybill.js';
import type { PackInput } from '../pack/types.js';
import { BLOCKING_REFUSALS, type DockMessageKey } from './messages.js';
import { judgeDockScan, type DockManifestIndex } from './verdict.js';

/*
 * The dock session (`packgate station --mode dock`): a handover batch opened for a carrier, the
 * waybills scanned into it, a block while a parcel must be taken out, and the close. Pure: one
 * `dockStep` per input gives the next session and the `dock.*` events it made; the driver
 * writes, journals and sends them (station/agent/dock-driver.ts). docs/pack-session.md, "Dock mode".
 */

export interface DockParcel {
  readonly waybill: string;
  readonly orderId: string;
  readonly parcel: number;
  readonly at: string;
}

export interface DockBatch {
  readonly id: string;
  readonly carrier: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly parcels: readonly DockParcel[];
}

export interface DockBlock {
  readonly waybill: string;
  readonly code: DockRefusal;
  readonly orderId: string | null;
  readonly detail: string;
  readonly at: string;
}

export interface DockClosed {
  readonly batch: DockBatch;
  readonly closedAt: string;
  readonly closedBy: string;
}

export interface DockSession {
  readonly operator: string | null;
  readonly batch: DockBatch | null;
  readonly block: DockBlock | null;
  /** The WITHDRAW card was scanned: the next waybill is the parcel taken out. */
  readonly withdrawing: boolean;
  /** The number of the last batch this station opened (its ids are `{station}-{n}`). */
  readonly opened: number;
  readonly lastClosed: DockClosed | null;
  readonly notice: { readonly key: DockMessageKey; readonly params: Readonly<Record<string, string>> } | null;
}

export const EMPTY_DOCK_SESSION: DockSession = { operator: null, batch: null, block: null, withdrawing: false, opened: 0, lastClosed: null, notice: null };

export type DockInput = PackInput extends infer I ? (I extends { type: 'scan' } ? I : never) : never;
/** A scan, or a carrier chosen on the screen. */
export type DockStepInput = DockInput | { readonly type: 'carrier'; readonly carrier: string };

export interface DockContext {
  readonly station: string;
  readonly now: number;
  readonly manifest: DockManifestIndex | null;
  /** When the hub was last heard; a batch closes only within `hubSilenceMs` of it. */
  readonly lastHeardAt: number | null;
  readonly hubSilenceMs: number;
}

type Body<K extends DockEvent['type']> = Omit<Extract<DockEvent, { type: K }>, 'at' | 'station' | 'operator'>;

export interface DockStep {
  readonly session: DockSession;
  readonly events: DockEvent[];
  /** The batch just closed: its sheet is to print. */
  readonly closed: DockClosed | null;
}

/** How the sheet of the batch last closed is printing: what the screen shows under it. */
export interface SheetPrint {
  readonly batchId: string;
  readonly state: 'printing' | 'printed' | 'failed';
  readonly detail?: string;
}

/** One input applied to the dock session. */
export function dockStep(s: DockSession, input: DockStepInput, ctx: DockContext): DockStep {
  const at = new Date(ctx.now).toISOString();
  const events: DockEvent[] = [];
  let closed: DockClosed | null = null;
  let next: DockSession = { ...s, notice: null };
  const emit = <K extends DockEvent['type']>(body: Body<K> & { type: K }) => events.push({ ...body, at, station: ctx.station, operator: next.operator } as unknown as DockEvent);
  const say = (key: DockMessageKey, params: Record<string, string> = {}) => (next = { ...next, notice: { key, params } });

  const openBatch = (carrier: string) => {
    if (next.block) return say('notice.blocked');
    if (!next.operator) return say('notice.need_badge');
    if (next.batch) return say('notice.batch_open', { batchId: next.batch.id });
    const id = `${ctx.station}-${next.opened + 1}`;
    next = { ...next, opened: next.opened + 1, batch: { id, carrier, openedAt: at, openedBy: next.operator, parcels: [] } };
    emit({ type: 'dock.batch_opened', batchId: id, carrier });
    say('notice.opened', { batchId: id, carrier });
  };

  const close = () => {
    if (next.block) return say('notice.blocked');
    if (!next.batch) return say('notice.NO_BATCH');
    if (!next.operator) return say('notice.need_badge');
    const silence = ctx.lastHeardAt === null ? Infinity : ctx.now - ctx.lastHeardAt;
    if (!(silence >= 0 && silence <= ctx.hubSilenceMs)) return say('notice.hub_silent');
    // A freeze that reached the manifest after its scan: the parcel is taken out before the batch closes.
    for (const parcel of next.batch.parcels) {
      const held = ctx.manifest?.parcels.get(parcel.waybill.toUpperCase())?.held;
      if (held !== undefined) return block(parcel.waybill, 'PARCEL_INTERCEPTED', parcel.orderId, `take this parcel out: order ${parcel.orderId} is ${held}`);
    }
    const batch = next.batch;
    emit({ type: 'dock.batch_closed', batchId: batch.id, carrier: batch.carrier, count: batch.parcels.length, waybills: batch.parcels.map((p) => p.waybill) });
    closed = { batch, closedAt: at, closedBy: next.operator };
    next = { ...next, batch: null, lastClosed: closed };
    say('notice.closed', { batchId: batch.id, count: String(batch.parcels.length) });
  };

  const block = (waybill: string, code: DockRefusal, orderId: string | null, detail: string) => {
    next = { ...next, block: { waybill, code, orderId, detail, at }, withdrawing: false };
  };

  const clearBlock = (by: 'withdrawn' | 'supervisor', supervisor: string | null) => {
    const b = next.block!;
    const batch = next.batch ? { ...next.batch, parcels: next.batch.parcels.filter((p) => p.waybill.toUpperCase() !== b.waybill.toUpperCase()) } : null;
    emit({ type: 'dock.block_cleared', batchId: next.batch?.id ?? null, waybill: b.waybill, verdict: b.code, by, supervisor });
    next = { ...next, block: null, withdrawing: false, batch };
    say(by === 'withdrawn' ? 'notice.withdrawn' : 'notice.cleared', { waybill: b.waybill });
  };

  const waybillScan = (waybill: string) => {
    if (next.withdrawing && next.block) {
      if (waybill.toUpperCase() !== next.block.waybill.toUpperCase()) return say('notice.not_that_parcel', { waybill: next.block.waybill });
      return clearBlock('withdrawn', null);
    }
    if (next.block) return say('notice.blocked');
    const batch = next.batch;
    const judged = judgeDockScan(ctx.manifest, batch && { id: batch.id, carrier: batch.carrier, waybills: batch.parcels.map((p) => p.waybill) }, waybill);
    const parcel = judged.ok ? judged.parcel : judged.parcel;
    emit({
      type: 'dock.scanned',
      batchId: batch?.id ?? null,
      waybill: parcel?.waybill ?? waybill,
      verdict: judged.ok ? 'accepted' : judged.code,
      orderId: parcel?.orderId ?? null,
      detail: judged.ok ? null : judged.detail.slice(0, 200),
      manifestVersion: ctx.manifest?.version ?? null,
    });
    if (judged.ok) {
      const added = { waybill: judged.parcel.waybill, orderId: judged.parcel.orderId, parcel: judged.parcel.parcel, at };
      next = { ...next, batch: { ...batch!, parcels: [...batch!.parcels, added] } };
      return say('notice.accepted', { waybill: added.waybill, count: String(batch!.parcels.length + 1) });
    }
    if (BLOCKING_REFUSALS.has(judged.code)) return block(parcel?.waybill ?? waybill, judged.code, parcel?.orderId ?? null, judged.detail);
    say(`notice.${judged.code}` as DockMessageKey, { waybill: parcel?.waybill ?? waybill });
  };

  if (input.type === 'carrier') {
    openBatch(input.carrier);
    return { session: next, events, closed };
  }
  const result = input.result;
  if (result.ok && result.scan.kind === 'control') {
    const control = result.scan.control;
    switch (control.command) {
      case 'packer-badge':
        next = { ...next, operator: control.badge };
        say('notice.signed_in', { operator: control.badge });
        break;
      case 'supervisor-badge':
        if (next.block) clearBlock('supervisor', control.badge);
        break;
      case 'carrier':
        openBatch(control.carrier);
        break;
      case 'close':
        close();
        break;
      case 'withdraw':
        if (!next.block) say('notice.nothing_to_withdraw');
        else next = { ...next, withdrawing: true };
        break;
      case 'cancel':
        if (next.withdrawing) {
          next = { ...next, withdrawing: false };
          say('notice.withdraw_cancelled');
        }
        break;
      default:
        break;
    }
    return { session: next, events, closed };
  }
  const waybill = waybillText(input);
  if (waybill === null) say(result.ok ? 'notice.not_a_waybill' : 'notice.unreadable');
  else waybillScan(waybill);
  return { session: next, events, closed };
}

/** The screen's next step for the session as it stands. */
export function dockPrompt(s: DockSession): DockMessageKey {
  if (s.block) return s.withdrawing ? 'prompt.withdraw_armed' : 'prompt.withdraw';
  if (!s.operator) return 'prompt.scan_badge';
  if (!s.batch) return 'prompt.scan_carrier';
  return 'prompt.scan_parcels';
}
