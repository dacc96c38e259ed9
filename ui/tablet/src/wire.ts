/**
 * What the page reads from the hub: the `/ws` feed records (docs/protocol.md) and the `/api/v1`
 * answers (docs/api.md). The hub's records (alerts, orders, freezes, mapping changes…) are the
 * types of its own schemas, imported as types only (nothing of the hub is bundled); the answers a
 * route computes are narrowed here to the fields the page uses, and test/ui/tablet/wire.test.ts
 * checks that every answer the route's schema allows fits them.
 */

import type { Alert, MappingLogEntry, PendingMapping, PendingTemplate, WeightToleranceChange } from '../../../hub/domain/model.js';
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
  | { readonly type: 'welcome'; readonly role: string; readonly name: string; readonly seesCustomers: boolean; readonly actsAsManager: boolean; readonly history: HistoryIdentity; readonly recovery?: RecoveryView }
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

/** `GET /api/v1/orders/:id` (the order as shown, never its print data), its parcels and its fulfilment nodes: the API's schemas, their types only. */
export type { FulfilmentView, OrderView } from '../../../hub/api/routes/record-schemas.js';
export type { ParcelShown as ParcelView } from '../../../hub/domain/model.js';

/** The fulfilment nodes, in order: the protocol's own list (it loads without TypeBox). */
import { FULFILMENT_NODES, type FulfilmentNode } from '../../../protocol/fulfilment-vocabulary.js';
export { FULFILMENT_NODES, type FulfilmentNode };

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

/** `GET /api/v1/mappings/pending`: changes the circuit breaker holds orders for, oldest first: the hub's records and the orders each holds now (absent from older hubs). */
export interface PendingMappings {
  readonly rows: ReadonlyArray<PendingMapping & { readonly heldOrders?: readonly string[] }>;
  readonly templates: ReadonlyArray<PendingTemplate & { readonly heldOrders?: readonly string[] }>;
}

/** `GET /api/v1/mappings/log`: every mapping change with who and when, oldest first (the hub's record). */
export interface MappingLog {
  readonly version: number;
  readonly entries: readonly MappingLogEntry[];
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

/**
 * `GET /api/v1/catalog/weights`, the part the page shows: catalog weights the learned ones
 * disagree with, and the site's weight tolerance in force with its changes, newest first.
 */
export interface LearnedWeights {
  readonly weighings: number;
  readonly flagged: ReadonlyArray<{ readonly masterSku: string; readonly catalogGrams?: number; readonly learnedGrams: number; readonly samples: number }>;
  readonly tolerance: { readonly grams: number; readonly percent: number; readonly changes: readonly WeightToleranceChange[] };
}
