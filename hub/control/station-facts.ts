import { createLogger } from '../../common/log.js';
import type { HubCommand, StationEvent } from '../../protocol/index.js';
import type { CommandContext } from '../domain/audit.js';
import type { CommandResult } from '../domain/apply.js';
import type { DomainCommand } from '../domain/schemas.js';
import type { ReadonlyDomainState } from '../domain/tx.js';
import { taskAnswer } from './task-answer.js';

const log = createLogger('hub.station-facts');

/**
 * The domain command a pack event stands for, if any: one case per event type. A parcel's
 * `lines` become its units (`counted` per master SKU); a parcel withdrawn at the bench is the
 * hub's `withdrawParcel`, as at the dock (it closes the order's intercept alert).
 */
function factOf(body: StationEvent['body'], station: string): DomainCommand | undefined {
  if (body.type.startsWith('dock.')) return dockFactOf(body, station);
  if (!('order' in body) || body.order === null) return undefined;
  const taskId = body.order.taskId;
  switch (body.type) {
    case 'pack.order_loaded':
      return { type: 'taskLoaded', taskId, station };
    case 'pack.order_verified':
      return { type: 'taskVerified', taskId, station };
    case 'pack.order_aside':
      return { type: 'taskUnloaded', taskId, station, reason: body.reason };
    case 'pack.order_cancelled':
      return { type: 'taskUnloaded', taskId, station, reason: 'cancelled' };
    case 'pack.label_printed':
      return { type: 'labelPrinted', taskId, station, ...(body.parcel ? { parcel: { ...body.parcel } } : {}) };
    case 'pack.sealed':
      return { type: 'parcelSealed', taskId, station, parcel: { ...body.parcel } };
    case 'pack.parcel_closed':
      return { type: 'parcelClosed', taskId, station, parcel: { ...body.parcel }, units: body.lines.map((line) => ({ sku: line.masterSku, quantity: line.counted })) };
    case 'pack.parcel_withdrawn':
      return { type: 'withdrawParcel', waybill: body.parcel.waybill, station, note: `taken out at bench ${station}` };
    default:
      return undefined;
  }
}

type PackBody = Extract<StationEvent['body'], { type: 'pack.label_requested' | 'pack.sealed' }>;

/**
 * The weighing a label request or a seal reports, as a domain fact, when it is one to learn from:
 * a first label (not a reprint) or the first parcel's seal (the order's parcels were weighed
 * together, and every parcel's event repeats it), with its weight, box and contents, and a check
 * that passed or could not run (a supervisor's override is not a true weight of those units).
 */
function weighingOf(body: StationEvent['body'], station: string): DomainCommand | undefined {
  if (body.type !== 'pack.label_requested' && body.type !== 'pack.sealed') return undefined;
  const weighed = body as PackBody;
  if (weighed.order === null || weighed.weightGrams === undefined || !weighed.box || !weighed.contents?.length) return undefined;
  if (weighed.weightCheck !== 'passed' && weighed.weightCheck !== 'unchecked') return undefined;
  if (weighed.type === 'pack.label_requested' ? weighed.reprint : weighed.parcel.index !== 1) return undefined;
  return {
    type: 'recordWeighing',
    station,
    taskId: weighed.order.taskId,
    grams: weighed.weightGrams,
    boxGrams: weighed.box.grams,
    lines: weighed.contents.map((line) => ({ sku: line.masterSku, quantity: line.units })),
  };
}

/**
 * The bench's block as the hub's alerts follow it: a scan that blocks raises one (a hold from the
 * stop or freeze list replaces it: the hub raised its own alert for that), and clearing it, or
 * the order leaving the bench, ends it. A weight block (`weight_mismatch`) is one too: a reweigh
 * within tolerance or a supervisor clears it.
 */
function blockFactOf(body: StationEvent['body'], station: string): DomainCommand | undefined {
  switch (body.type) {
    case 'pack.blocked':
      if (body.cause === 'scan' || body.cause === 'weight') {
        return {
          type: 'stationBlocked',
          station,
          reason: body.reason,
          ...(body.order ? { orderId: body.order.orderId, taskId: body.order.taskId } : {}),
          ...(body.sku === null ? {} : { sku: body.sku }),
          ...(body.code === null ? {} : { code: body.code }),
        };
      }
      return { type: 'stationBlockEnded', station, by: 'replaced' };
    case 'pack.block_cleared':
      return { type: 'stationBlockEnded', station, by: body.by, ...(body.supervisor === null ? {} : { supervisor: body.supervisor }) };
    case 'pack.order_aside':
      return body.block === null ? undefined : { type: 'stationBlockEnded', station, by: 'aside' };
    case 'pack.order_cancelled':
      return body.block === null ? undefined : { type: 'stationBlockEnded', station, by: 'cancelled' };
    default:
      return undefined;
  }
}

/**
 * The domain command a dock event stands for (docs/pack-session.md, "Dock mode"): the hub applies
 * the station's batch with its own checks, so a scan the station passed on a stale manifest is
 * refused here and the parcel is not handed over. A refused scan is not applied at all; a
 * withdrawal is the hub's `withdrawParcel` (which closes the order's intercept alert).
 */
function dockFactOf(body: StationEvent['body'], station: string): DomainCommand | undefined {
  const operator = 'operator' in body && body.operator !== null ? body.operator : station;
  switch (body.type) {
    case 'dock.batch_opened':
      return { type: 'openHandover', batchId: body.batchId, carrier: body.carrier, station, operator };
    case 'dock.scanned':
      return body.verdict === 'accepted' && body.batchId !== null ? { type: 'handoverScan', batchId: body.batchId, waybill: body.waybill, station } : undefined;
    case 'dock.block_cleared':
      return body.by === 'withdrawn' ? { type: 'withdrawParcel', waybill: body.waybill, station, note: `taken out at dock ${station}` } : undefined;
    case 'dock.batch_closed':
      return { type: 'closeHandover', batchId: body.batchId, operator };
    default:
      return undefined;
  }
}

/**
 * The domain commands a stored station event stands for: a station loading, verifying,
 * labelling or sealing a task, or closing one of its parcels, an accepted weighing, or a dock's
 * batch and scans, is a fact the domain records (docs/domain.md, "Facts versus requests"); so is a
 * block at its bench and its end. The station is the actor and the event the raw payload. Pure;
 * empty for any other event.
 */
export function stationFacts(event: StationEvent): Array<{ command: DomainCommand; context: CommandContext }> {
  const context: CommandContext = {
    now: new Date(event.at),
    actor: { kind: 'station', id: event.station },
    origin: event.station,
    raw: event,
  };
  return [blockFactOf(event.body, event.station), factOf(event.body, event.station), weighingOf(event.body, event.station)].flatMap((command) =>
    command ? [{ command, context: { ...context } }] : [],
  );
}

/** What the hub does with a stored station event. */
export interface StationEventHooks {
  readonly state: () => ReadonlyDomainState;
  readonly execute: (command: DomainCommand, context: CommandContext) => CommandResult;
  /** Sends a command to the station (QoS 1, `station/{id}/cmd`). */
  readonly command: (station: string, command: HubCommand) => void;
}

/**
 * A station event newly stored: its task facts go to the domain (a refusal, such as a fact out of
 * order, is logged: the event itself is stored whatever the domain makes of it), and an order
 * request is answered with the task or why there is none.
 */
export function onStationEvent(stored: { seq: number; event: StationEvent }, hooks: StationEventHooks): void {
  for (const { command, context } of stationFacts(stored.event)) {
    const result = hooks.execute(command, context);
    if (!result.ok) log.warn({ station: stored.event.station, seq: stored.event.seq, command: command.type, code: result.code, reason: result.message }, 'station fact refused by the domain');
  }
  const answer = taskAnswer(hooks.state(), stored.event, stored.seq);
  if (answer) hooks.command(stored.event.station, answer);
}
