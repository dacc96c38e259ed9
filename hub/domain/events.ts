import type { CarrierEventType, FulfilmentNode } from '../../protocol/fulfilment-vocabulary.js';
import type { Audit } from './audit.js';
import type { Channel, ParcelRef } from './schemas.js';
import type {
  Alert,
  BlockReason,
  FreezeLine,
  ItemAttributes,
  ParcelShown,
  StockMove,
  StopReason,
  TaskLine,
  TaskProgress,
  UnresolvedLine,
  WeightToleranceChange,
} from './state.js';

type Event<T extends string, D> = { type: T; audit: Audit } & D;
type FreezeRef = { freezeId: string; orderId: string };
/** A station fact about one parcel: which, of how many, and the task's progress after it. */
type ParcelFact = { taskId: string; orderId: string; station: string; parcel: ParcelRef; parcelCount: number };

/**
 * What a command did, in order. The store writes each to the history (with its audit), the
 * push turns `alert.raised` into tablet alerts, and `stop-list.changed` / `freeze-list.changed`
 * tell the hub to publish the new retained list.
 */
export type DomainEvent =
  | Event<'order.created', { orderId: string; channel: Channel; orderNo: string; waybill: string; parcels?: ParcelShown[] }>
  | Event<'order.print-data-dropped', { orderId: string }>
  | Event<'order.held', { orderId: string; unresolved: UnresolvedLine[] }>
  | Event<'order.released', { orderId: string; taskId: string }>
  | Event<'order.cancelled', FreezeRef>
  | Event<'mapping.set', { channel: Channel; channelSku: string; masterSku: string; previous?: string }>
  | Event<'mapping.removed', { channel: Channel; channelSku: string; masterSku: string }>
  | Event<'mapping.pending', { channel: Channel; channelSku: string; masterSku: string; previous: string; skus: string[] }>
  | Event<'mapping.confirmed', { channel: Channel; channelSku: string; masterSku: string; previous: string; skus: string[] }>
  | Event<'mapping.rolled-back', { channel: Channel; channelSku: string; masterSku: string; rejected: string; skus: string[] }>
  | Event<'mapping.unresolved-rate', { channel: Channel; open: boolean; rate: number; orders: number }>
  | Event<'template.set', { channel: Channel; source: string; previous?: string; version: number }>
  | Event<'template.removed', { channel: Channel; previous: string; version: number }>
  | Event<'template.pending', { channel: Channel; previous: string | null; source: string | null; skus: string[] }>
  | Event<'template.confirmed', { channel: Channel; previous: string | null; source: string | null; skus: string[] }>
  | Event<'template.rolled-back', { channel: Channel; source: string | null; rejected: string | null; skus: string[] }>
  | Event<'catalog.item-set', { sku: string; barcodes: Array<{ code: string; multiplier: number }>; attributes?: ItemAttributes; version: number }>
  | Event<'catalog.box-set', { code: string; grams: number; maxUnits?: number; previousGrams?: number; version: number }>
  | Event<'catalog.box-removed', { code: string; grams: number; version: number }>
  | Event<'weighing.recorded', { id: string; station: string; task: string; grams: number }>
  | Event<'site.weight-tolerance-changed', Omit<WeightToleranceChange, 'at'>>
  | Event<'catalog.weight-confirmed', { sku: string; grams: number; previousGrams?: number; samples: number; version: number }>
  | Event<'task.released', { taskId: string; orderId: string; lines: TaskLine[] }>
  | Event<'task.loaded', { taskId: string; orderId: string; station: string; from?: string }>
  | Event<'task.verified', { taskId: string; orderId: string; station: string }>
  | Event<'task.unloaded', { taskId: string; orderId: string; station: string; reason: string; progress: TaskProgress }>
  | Event<'task.label-printed', ParcelFact & { reprint: boolean; held: boolean; progress: TaskProgress }>
  | Event<'task.sealed', ParcelFact & { held: boolean; progress: TaskProgress }>
  | Event<'task.parcel-closed', ParcelFact & { units: TaskLine[] }>
  | Event<'task.stopped', { stopId: string; orderId: string; taskId?: string; reason: StopReason; station?: string }>
  | Event<'task.stop-lifted', { stopId: string; orderId: string; taskId?: string; reason: StopReason }>
  | Event<'task.blocked', { taskId: string; orderId: string; reason: BlockReason; skus: string[] }>
  | Event<'task.unblocked', { taskId: string; orderId: string }>
  | Event<'task.cancelled', { taskId: string; orderId: string; freezeId: string; unreserved: TaskLine[]; returned: StockMove[] }>
  | Event<'freeze.created', FreezeRef & { lines: FreezeLine[]; expiresAt: string; stopId: string }>
  | Event<'freeze.approved', FreezeRef>
  | Event<'freeze.rejected', FreezeRef>
  | Event<'freeze.escalated', FreezeRef>
  | Event<'freeze.expired', FreezeRef>
  | Event<'stock.changed', Omit<StockMove, 'quantity'> & { onHand: number; previous: number; cause: 'set' | 'adjust' | 'label' | 'release' }>
  | Event<'alert.raised', { alert: Alert }>
  | Event<'alert.acknowledged', { seq: number; by: string }>
  | Event<'waybill.disputed', { waybill: string; by: string; note?: string }>
  | Event<'waybill.dispute-closed', { waybill: string; by: string; note?: string }>
  | Event<'handover.opened', { batchId: string; carrier: string; station?: string; operator: string }>
  | Event<'handover.scanned', { batchId: string; orderId: string; waybill: string; parcelIndex: number; count: number; station?: string }>
  | Event<'handover.closed', { batchId: string; carrier: string; operator: string; count: number; waybills: string[] }>
  | Event<'order.handed-over', { orderId: string; batchId: string; carrier: string; waybills: string[]; complete: boolean }>
  | Event<'parcel.withdrawn', { orderId: string; waybill: string; batchId?: string; station?: string }>
  | Event<'alert.closed', { seq: number; reason: string; orderId?: string }>
  | Event<
      'order.carrier-event',
      {
        orderId: string;
        carrier: string;
        eventId: string;
        event: CarrierEventType;
        occurredAt: string;
        waybill?: string;
        detail?: string;
        /** The node the event moved the order to, if it moved it. */
        node?: FulfilmentNode;
      }
    >
  | Event<'station.fault', { station: string; device: string; detail: string }>
  | Event<'station.recovered', { station: string; device: string }>
  | Event<'station.offline', { station: string }>
  | Event<'station.online', { station: string }>
  | Event<'stop-list.changed', { version: number }>
  | Event<'freeze-list.changed', { version: number }>;

export type DomainEventType = DomainEvent['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the audit block is attached. */
export type EventData = DistributiveOmit<DomainEvent, 'audit'>;
