/**
 * What the page reads from the hub: the `/ws` feed records (docs/protocol.md) and the `/api/v1`
 * answers (docs/api.md), narrowed to the fields the page uses. The hub's records (alerts…) are
 * its own types, imported as types only, so they cannot drift from what the API sends.
 */

import type { Alert, Freeze, OrderLine, ParcelShown as ParcelView } from '../../../hub/domain/model.js';
import type { DomainEventBase, FeedRecordOf } from '../../../common/tally/records.js';
import type { StationSnapshot } from '../../../common/tally/stations.js';
import type { StatsSnapshot } from '../../../common/tally/stats.js';

/** The hub's alert record, declared once in the hub's domain (a type only: nothing of the hub is bundled). */
export type { Alert, AlertKind, AlertTarget, Severity } from '../../../hub/domain/model.js';

export type { Audit, DeviceStatus, PackOrderRef, ParcelRef, StationEvent, StationEventBody, StationStatus } from '../../../common/tally/records.js';

/** A domain event as stored in a `domain` record; the page switches on `type`. */
export interface DomainEvent extends DomainEventBase {
  readonly alert?: Alert;
}

/** A stored history record as the feed sends it. */
export type FeedRecord = FeedRecordOf<DomainEvent>;

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
  /** Absent from hubs before the fulfilment nodes. */
  readonly fulfilment?: FulfilmentView;
}

/** The fulfilment nodes, in order: the protocol's own list (it loads without TypeBox). */
import { FULFILMENT_NODES, type FulfilmentNode } from '../../../protocol/fulfilment-vocabulary.js';
export { FULFILMENT_NODES, type FulfilmentNode };

/** An order's fulfilment nodes (docs/api.md, "Fulfilment nodes"). */
export interface FulfilmentView {
  readonly node: FulfilmentNode | null;
  readonly at: Readonly<Partial<Record<FulfilmentNode, string>>>;
  readonly stuck?: { readonly node: string; readonly since: string; readonly alertSeq: number };
}

/** `GET /api/v1/funnel` (docs/api.md, "Fulfilment funnel"). */
export interface FunnelAnswer {
  readonly days: number | null;
  readonly from: string;
  readonly to: string;
  readonly nodes: ReadonlyArray<{ readonly node: FulfilmentNode; readonly reached: number; readonly conversion: number | null; readonly stuck: number; readonly limitMs?: number | null }>;
}

/** `GET /api/v1/funnel/stuck`. */
export interface StuckAnswer {
  readonly total: number;
  readonly orders: ReadonlyArray<{ readonly orderId: string; readonly node: string; readonly since: string }>;
}

/** The hub's dock handover batch, its type only. */
export type { HandoverBatch } from '../../../hub/domain/model.js';

/** `GET /api/v1/intercepts`: an order whose parcels must be taken out, and where each is. */
export interface InterceptView {
  readonly orderId: string;
  readonly alertSeq: number;
  readonly since: string;
  readonly parcels: ReadonlyArray<{ readonly waybill: string; readonly batchId?: string; readonly carrier?: string; readonly station?: string }>;
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

/** `GET /api/v1/catalog/weights`, the part the page shows: catalog weights the learned ones disagree with. */
export interface LearnedWeights {
  readonly weighings: number;
  readonly flagged: ReadonlyArray<{ readonly masterSku: string; readonly catalogGrams?: number; readonly learnedGrams: number; readonly samples: number }>;
}
