import type { FeedRecord, HistoryIdentity, MappingStations, TabletState } from '../wire.js';
import { AlertBook, type LiveAlert } from './alerts.js';
import { OrderEvents } from './order-events.js';
import { StationBook } from '../../../../common/tally/stations.js';
import { SiteStats } from '../../../../common/tally/stats.js';

/** What the API views refetch when the feed says their data moved. */
export interface Revisions {
  stations: number;
  freezes: number;
  mapping: number;
  /** The hub's mapping snapshot version (`GET /api/v1/mappings/stations`). */
  hubMapping: number;
  /** The fulfilment funnel and its stuck orders (`GET /api/v1/funnel`). */
  funnel: number;
  /** Handover batches and intercepts (`GET /api/v1/handovers`, `/intercepts`). */
  dock: number;
}

const STATION_EVENTS = /^(task\.|station\.)/;
const FREEZE_EVENTS = /^(freeze\.|task\.(blocked|unblocked|cancelled))/;
const MAPPING_EVENTS = /^(order\.(held|released|created)|mapping\.|catalog\.|template\.|site\.weight-tolerance)/;
/** What moves an order to a node, or opens or closes an order-stuck alert. */
const FUNNEL_EVENTS = /^(order\.(created|released|handed-over|carrier-event)|task\.(verified|label-printed|sealed)|alert\.(raised|closed))$/;
/** What changes a batch or an intercept (a hold after labelling raises one; taking the parcel out or lifting the hold closes it). */
const DOCK_EVENTS = /^(handover\.|parcel\.withdrawn|order\.handed-over|task\.(stopped|stop-lifted|blocked|unblocked|cancelled)|freeze\.|alert\.closed)/;
/** What may move the station snapshot's content: the catalog or the pending list. */
const SNAPSHOT_EVENTS = /^(mapping\.|catalog\.|template\.)/;

/** Everything the page derives from the feed; each record is applied once, in order. */
export class PageModel {
  readonly alerts = new AlertBook();
  readonly stations = new StationBook();
  readonly stats = new SiteStats();
  readonly orderEvents = new OrderEvents();
  readonly revisions: Revisions = { stations: 0, freezes: 0, mapping: 0, hubMapping: 0, funnel: 0, dock: 0 };
  lastSeq = 0;
  /** The hub history the page's sequences belong to: its first record's time (null while unknown). */
  historyId: string | null = null;

  /**
   * Starts from the hub's tablet state (before any record is applied); the feed then follows
   * from `state.seq`. Returns the open alerts, for the alarm.
   */
  load(state: TabletState, now: number): LiveAlert[] {
    this.lastSeq = state.seq;
    this.historyId = state.history.id;
    this.alerts.load(state.alerts);
    this.stations.load(state.stations, state.hubMappingVersion);
    this.stats.load(state.stats);
    this.revisions.stations += 1;
    this.revisions.freezes += 1;
    this.revisions.mapping += 1;
    this.revisions.hubMapping += 1;
    this.revisions.funnel += 1;
    this.revisions.dock += 1;
    return this.alerts.list({ all: false, limit: Infinity, now });
  }

  /** Whether the hub's history is another one than the page's sequences belong to, or went back. */
  isStale(history: HistoryIdentity): boolean {
    return (this.historyId !== null && history.id !== this.historyId) || history.lastSeq < this.lastSeq;
  }

  /** The feed is back after a cut: the hub's snapshot version may have moved meanwhile (a hub restart). */
  reconnected(): void {
    this.revisions.hubMapping += 1;
  }

  /** Takes the hub's snapshot version from its `GET /api/v1/mappings/stations` answer. */
  hubMappingAnswered(answer: MappingStations): void {
    this.stations.hubMappingVersion = answer.version;
  }

  /** Applies a record newer than the last; returns the alerts it raised. */
  apply(record: FeedRecord): LiveAlert[] {
    if (record.seq <= this.lastSeq) return [];
    this.lastSeq = record.seq;
    if (record.seq === 1) this.historyId = record.at;
    this.stations.apply(record);
    this.stats.apply(record);
    this.orderEvents.apply(record);
    if (record.kind === 'station') this.revisions.stations += 1;
    if (record.kind === 'domain') {
      for (const event of record.events) {
        if (STATION_EVENTS.test(event.type)) this.revisions.stations += 1;
        if (FREEZE_EVENTS.test(event.type)) this.revisions.freezes += 1;
        if (MAPPING_EVENTS.test(event.type)) this.revisions.mapping += 1;
        if (SNAPSHOT_EVENTS.test(event.type)) this.revisions.hubMapping += 1;
        if (FUNNEL_EVENTS.test(event.type)) this.revisions.funnel += 1;
        if (DOCK_EVENTS.test(event.type)) this.revisions.dock += 1;
      }
    }
    return this.alerts.apply(record);
  }
}
