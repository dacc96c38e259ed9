import type { PackEvent, PackEventOf, PackEventType, PackOrderRecord, PackScanRecord } from '../../protocol/pack-events.js';
import type { PackAct, PackActRefusal } from '../../protocol/pack-vocabulary.js';
import type { PackContext, PackInput, PackSession, PackTask, WaybillReading } from './types.js';

export type { PackEvent, PackEventOf, PackEventType, PackOrderRecord, PackScanRecord } from '../../protocol/pack-events.js';

/** One input being applied: the working copy of the session, the context, and the events so far. */
export interface Turn {
  readonly s: PackSession;
  readonly ctx: PackContext;
  readonly input: PackInput;
  /** The scan behind this input, if it is one. */
  readonly scan: PackScanRecord | undefined;
  /** What the scan means as a waybill (verify-preprinted), or null (see `readWaybill`). */
  readonly waybill: WaybillReading | null;
  readonly events: PackEvent[];
}

type Common = 'type' | 'at' | 'station' | 'packer' | 'order' | 'mappingVersion' | 'scan';

/** The fields that are particular to one event type. */
export type EventFields<K extends PackEventType> = Omit<PackEventOf<K>, Common>;

/** Cuts text to fit the schema's bounds; events are never refused at the hub for length. */
export function clip(text: string | null, max = 200): string | null {
  return text === null || text.length <= max ? text : text.slice(0, max);
}

/** The `order` of an event about `task`. */
export function taskRecord(task: PackTask): PackOrderRecord {
  return { taskId: task.taskId, orderId: task.orderId, orderNo: task.orderNo, channel: task.channel };
}

function orderRecord(s: PackSession): PackOrderRecord | null {
  const task = s.order?.task;
  return task ? taskRecord(task) : null;
}

/**
 * Records an event with the fields every pack event carries, taken from the session as it is
 * now: the clock, station, packer, order, mapping version and the scan being handled. `about`
 * names another order than the one loaded (a parcel withdrawn at the bench).
 */
export function emit<K extends PackEventType>(turn: Turn, type: K, fields: EventFields<K>, about?: PackOrderRecord): void {
  const { s, ctx, scan } = turn;
  const common = {
    type,
    at: new Date(ctx.now).toISOString(),
    station: s.station,
    packer: s.packer,
    order: about ?? orderRecord(s),
    mappingVersion: ctx.mapping.version,
    ...(scan === undefined ? {} : { scan }),
  };
  turn.events.push({ ...common, ...fields } as PackEventOf<K>);
}

/** Records a refused act; the session is unchanged but for the notice. */
export function refuseAct(turn: Turn, act: PackAct, reason: PackActRefusal): void {
  emit(turn, 'pack.refused', { act, reason });
  turn.s.notice = { key: `refusal.${reason}`, params: {} };
}

/** The list versions an event about a hold or a label records. */
export function listVersions(ctx: PackContext): { stopListVersion: number | null; freezeListVersion: number | null } {
  return { stopListVersion: ctx.stopList?.version ?? null, freezeListVersion: ctx.freezeList?.version ?? null };
}

/** Per-line expected and counted units, for events that close or verify an order. */
export function lineCounts(s: PackSession): Array<{ masterSku: string; quantity: number; counted: number }> {
  const order = s.order;
  if (!order) return [];
  return order.task.lines.map((line, i) => ({ masterSku: line.masterSku, quantity: line.quantity, counted: order.counted[i] ?? 0 }));
}
