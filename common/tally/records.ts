/**
 * The `/ws` feed's records as the tablet's tallies read them (docs/protocol.md), narrowed to the
 * fields they use. Both the hub (hub/push/tablet-tally.ts) and the page (ui/tablet/src/wire.ts)
 * import them from here; nothing in this folder imports either side, nor node.
 */

export interface Audit {
  readonly at: string;
  readonly actor: { readonly kind: string; readonly id: string; readonly name?: string };
  readonly origin?: string;
  readonly reason?: string;
}

/** Which parcel of its order a fact is about: its place (1 is the order's waybill) and its waybill. */
export interface ParcelRef {
  readonly index: number;
  readonly waybill: string;
}

/** A domain event as stored in a `domain` record; readers switch on `type`. The page adds the alert it carries. */
export interface DomainEventBase {
  readonly type: string;
  readonly orderId?: string;
  readonly taskId?: string;
  readonly station?: string;
  readonly reason?: string;
  readonly stopId?: string;
  readonly freezeId?: string;
  readonly sku?: string;
  readonly version?: number;
  readonly seq?: number;
  readonly by?: string;
  readonly channel?: string;
  readonly channelSku?: string;
  readonly masterSku?: string;
  /** The master SKU before (mapping events), or the on-hand before (`stock.changed`). */
  readonly previous?: string | number | null;
  /** `order.created` of an order given in parcels: each parcel's waybill and platform. */
  readonly parcels?: ReadonlyArray<{ readonly waybill: string; readonly platform?: string }>;
  /** A parcel's label, seal or closing: which parcel, of how many. */
  readonly parcel?: ParcelRef;
  readonly parcelCount?: number;
  /** The task's progress after a parcel's label or seal (absent from hubs before parcels: finished). */
  readonly progress?: string;
  /** A label or seal for a stopped, blocked or cancelled task. */
  readonly held?: boolean;
  /** `order.carrier-event`: what the carrier reported (`carrier.picked_up` …), and the node it reached. */
  readonly event?: string;
  readonly node?: string;
  readonly detail?: string;
  /** `order.handed-over`, `order.carrier-event`: the carrier; `order.handed-over`: its batch. */
  readonly carrier?: string;
  readonly batchId?: string;
}

export interface DeviceStatus {
  readonly kind: string;
  readonly state: 'ok' | 'fault' | 'absent';
  readonly detail?: string;
}

export interface StationStatus {
  readonly station: string;
  readonly state: 'online' | 'offline';
  readonly at: string;
  readonly scanner?: DeviceStatus;
  readonly printer?: DeviceStatus;
  readonly scale?: DeviceStatus;
  readonly versions?: { readonly mapping: number | null; readonly stops: number | null; readonly freezes: number | null };
}

export interface PackOrderRef {
  readonly taskId: string;
  readonly orderId: string;
  readonly orderNo: string;
  readonly channel: string;
}

/** A station event's body: a pack-session event (`pack.*`), a bare `scan`, a `cmd.ack`, or an `evidence.clip`. */
export interface StationEventBody {
  readonly type: string;
  readonly data?: string;
  readonly packer?: string | null;
  readonly order?: PackOrderRef | null;
  readonly verdict?: string;
  readonly blocks?: boolean;
  readonly sku?: string | null;
  readonly code?: string | null;
  readonly detail?: string | null;
  readonly reason?: string | null;
  readonly cause?: string;
  readonly mappingVersion?: number | null;
  /** `pack.label_*`: a label again for a parcel already printed (or any label in the pre-printed flow). */
  readonly reprint?: boolean;
  /** A parcel's label, seal or closing; absent on a label event: parcel 1. */
  readonly parcel?: ParcelRef;
  /** `pack.sealed`: how many parcels the order has. */
  readonly parcels?: number;
  /**
   * `pack.label_requested`, `pack.sealed`, a `weight_mismatch` `pack.blocked`: the parcel's stable
   * weight, what it should weigh where checked, and the weight margin it was held to (grams either
   * side; absent from stations older than it).
   */
  readonly weightGrams?: number;
  readonly expectedGrams?: number;
  readonly allowedGrams?: number;
}

export interface StationEvent {
  readonly station: string;
  readonly seq: number;
  readonly at: string;
  readonly body: StationEventBody;
}

export interface RecordBase {
  readonly seq: number;
  readonly at: string;
}

/** A stored history record as the feed sends it; `E` is the domain event type the reader knows. */
export type FeedRecordOf<E extends DomainEventBase = DomainEventBase> =
  | (RecordBase & { readonly kind: 'event'; readonly station: string; readonly event: StationEvent })
  | (RecordBase & { readonly kind: 'station'; readonly station: string; readonly status: StationStatus })
  | (RecordBase & { readonly kind: 'rejected'; readonly station: string | null; readonly code: string; readonly message: string })
  | (RecordBase & { readonly kind: 'domain'; readonly command: { readonly type: string }; readonly audit: Audit; readonly events: readonly E[] })
  | (RecordBase & { readonly kind: 'external'; readonly orderId: string; readonly type: string; readonly source: string; readonly audit: Omit<Audit, 'command'> });
