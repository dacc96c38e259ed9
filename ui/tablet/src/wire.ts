/**
 * What the page reads from the hub: the `/ws` feed records (docs/protocol.md) and the `/api/v1`
 * answers (docs/api.md), narrowed to the fields the page uses. The hub's records (alerts…) are
 * its own types, imported as types only, so they cannot drift from what the API sends.
 */

import type { Alert, Freeze, OrderLine, ParcelShown as ParcelView } from '../../../hub/domain/model.js';
import type { LiveAlert } from './model/alerts.js';
import type { StationSnapshot } from './model/stations.js';
import type { StatsSnapshot } from './model/stats.js';

/** The hub's alert record, declared once in the hub's domain (a type only: nothing of the hub is bundled). */
export type { Alert, AlertKind, AlertTarget, Severity } from '../../../hub/domain/model.js';

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

/** A domain event as stored in a `domain` record; the page switches on `type`. */
export interface DomainEvent {
  readonly type: string;
  readonly orderId?: string;
  readonly taskId?: string;
  readonly station?: string;
  readonly reason?: string;
  readonly stopId?: string;
  readonly freezeId?: string;
  readonly sku?: string;
  readonly version?: number;
  readonly alert?: Alert;
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
  /** A parcel's label, seal or closing; absent on a label event: parcel 1. */
  readonly parcel?: ParcelRef;
  /** `pack.sealed`: how many parcels the order has. */
  readonly parcels?: number;
  /** `pack.label_requested`, `pack.sealed`: the parcel's stable weight, and what it should weigh where checked. */
  readonly weightGrams?: number;
  readonly expectedGrams?: number;
}

export interface StationEvent {
  readonly station: string;
  readonly seq: number;
  readonly at: string;
  readonly body: StationEventBody;
}

interface RecordBase {
  readonly seq: number;
  readonly at: string;
}

export type FeedRecord =
  | (RecordBase & { readonly kind: 'event'; readonly station: string; readonly event: StationEvent })
  | (RecordBase & { readonly kind: 'station'; readonly station: string; readonly status: StationStatus })
  | (RecordBase & { readonly kind: 'rejected'; readonly station: string | null; readonly code: string; readonly message: string })
  | (RecordBase & { readonly kind: 'domain'; readonly command: { readonly type: string }; readonly audit: Audit; readonly events: readonly DomainEvent[] })
  | (RecordBase & { readonly kind: 'external'; readonly orderId: string; readonly type: string; readonly source: string; readonly audit: Omit<Audit, 'command'> });

/** Which history the hub keeps (its first record's time; null while empty) and its newest sequence. */
export interface HistoryIdentity {
  readonly id: string | null;
  readonly lastSeq: number;
}

/** `GET /api/v1/tablet/state`: what the page shows, as of history sequence `seq`. */
export interface TabletState {
  readonly history: HistoryIdentity;
  readonly seq: number;
  readonly alerts: readonly Alert[];
  readonly blocks: readonly LiveAlert[];
  readonly stations: readonly StationSnapshot[];
  readonly hubMappingVersion: number | null;
  readonly stats: StatsSnapshot;
}

/** The hub's history recovery (`GET /api/v1/health` `recovery`): the stations and ranges it still waits for. */
export interface RecoveryView {
  readonly recovering: boolean;
  readonly holes: ReadonlyArray<{ readonly station: string; readonly from: number; readonly to: number; readonly missingEvents: number }>;
}

/** The hub's messages on `/ws`. */
export type FeedMessage =
  | { readonly type: 'welcome'; readonly role: string; readonly name: string; readonly history: HistoryIdentity; readonly recovery?: RecoveryView }
  | { readonly type: 'recovery'; readonly recovery: RecoveryView }
  | { readonly type: 'record'; readonly record: FeedRecord }
  | { readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } };

export interface StationView {
  readonly id: string;
  readonly state: 'online' | 'offline' | 'unknown';
  readonly since: string | null;
  readonly faults: ReadonlyArray<{ readonly device: string; readonly detail: string; readonly since: string }>;
  readonly tasks: ReadonlyArray<{ readonly taskId: string; readonly orderId: string; readonly status: string; readonly progress: string }>;
}

/** The hub's order lines and parcels (as shown: never the print data), its types only. */
export type { OrderLine, ParcelMark, ParcelShown as ParcelView } from '../../../hub/domain/model.js';

export interface OrderView {
  readonly order: {
    readonly id: string;
    readonly channel: string;
    readonly orderNo: string;
    readonly waybill: string;
    readonly status: string;
    readonly lines: readonly OrderLine[];
    /** Absent from hubs before parcels: one parcel on `waybill`. */
    readonly parcels?: readonly ParcelView[];
    readonly hold?: { readonly since: string; readonly unresolved: ReadonlyArray<{ readonly line: number; readonly channelSku: string }> };
  };
  readonly task: { readonly id: string; readonly status: string; readonly progress: string; readonly station?: string } | null;
  readonly stops: ReadonlyArray<{ readonly id: string; readonly reason: string; readonly since: string }>;
  readonly freezes: readonly Freeze[];
}

/** The hub's freeze record, its type only. */
export type { Freeze } from '../../../hub/domain/model.js';

export interface MappingRow {
  readonly channel: string;
  readonly channelSku: string;
  readonly masterSku: string;
}

export interface HeldOrder {
  readonly id: string;
  readonly channel: string;
  readonly orderNo: string;
  readonly hold?: { readonly since: string; readonly unresolved: ReadonlyArray<{ readonly line: number; readonly channelSku: string }> };
}

/** A mapping the hub suggests for a code nothing resolves (a near miss). */
export interface MappingSuggestion {
  readonly channelSku: string;
  readonly masterSku: string;
  /** Edits apart; 0: the same after normalising case, separators and zero padding. */
  readonly distance: number;
  readonly kind: 'normalised' | 'edit';
}

/** `GET /api/v1/mappings/unresolved`: codes holding orders, most orders first. */
export interface UnresolvedCodes {
  readonly codes: ReadonlyArray<{
    readonly channel: string;
    readonly channelSku: string;
    readonly orders: readonly string[];
    readonly firstSeen: string;
    readonly suggestions: readonly MappingSuggestion[];
  }>;
}

/** `GET /api/v1/mappings/pending`: changes the circuit breaker holds orders for, oldest first. */
export interface PendingMappings {
  readonly rows: ReadonlyArray<{
    readonly channel: string;
    readonly channelSku: string;
    readonly previous: string;
    readonly masterSku: string;
    readonly skus: readonly string[];
    readonly since: string;
    /** The orders it holds now (absent from older hubs). */
    readonly heldOrders?: readonly string[];
  }>;
  readonly templates: ReadonlyArray<{
    readonly channel: string;
    readonly previous: string | null;
    readonly source: string;
    readonly skus: readonly string[];
    readonly since: string;
    readonly heldOrders?: readonly string[];
  }>;
}

/** `GET /api/v1/mappings/log`: every mapping change with who and when, oldest first. */
export interface MappingLog {
  readonly version: number;
  readonly entries: ReadonlyArray<{
    readonly version: number;
    readonly at: string;
    readonly by: string;
    readonly channel: string;
    readonly channelSku?: string;
    readonly kind: string;
    readonly from?: string;
    readonly to?: string;
  }>;
}

/** `GET /api/v1/mappings/health`. */
export interface MappingHealth {
  readonly rows: ReadonlyArray<{
    readonly channel: string;
    readonly channelSku: string;
    readonly masterSku: string;
    readonly matches: number;
    readonly lastMatchedAt?: string;
    readonly status: string;
    readonly flagged: boolean;
  }>;
}

/** `GET /api/v1/mappings/stations`: the hub's mapping version and each station's. */
export interface MappingStations {
  /** Null before the hub's first snapshot publish. */
  readonly version: number | null;
  readonly stations: ReadonlyArray<{ readonly station: string; readonly version: number | null; readonly lag: number | null; readonly online: boolean }>;
}
