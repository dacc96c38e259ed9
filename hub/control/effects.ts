import {
  PAYLOAD_VERSION,
  type FreezeListPayload,
  type SitePolicyPayload,
  type HoldCommand,
  type SiteTopics,
  type StopListPayload,
} from '../../protocol/index.js';
import { DEFAULT_WEIGHT_TOLERANCE, type WeightTolerance } from '../../protocol/pack-vocabulary.js';
import type { EventData } from '../domain/events.js';
import { getOwn, type DomainState } from '../domain/state.js';
import type { HistoryRecord } from '../store/history.js';
import { DockManifestPublisher } from './dock-manifest.js';
import { MappingPublisher } from '../mapping/mapping-publisher.js';

export interface EffectOutlets {
  /** Publishes to MQTT (QoS 1), retained when asked. */
  readonly publish: (topic: string, payload: unknown, retain?: boolean) => void;
  /** Hands a stored record to the tablet feed. */
  readonly feed: (record: HistoryRecord) => void;
}

export interface EffectOptions {
  /** Where the mapping snapshot's last version is recorded (`MappingPublisher`); none keeps it in memory. */
  readonly mappingVersionPath?: string;
  /** Least time between two full mapping snapshots after changes. */
  readonly mappingDebounceMs?: number;
  /** The history's newest sequence, the version of a dock manifest published at connect (default 0). */
  readonly historySeq?: () => number;
  /** The site's weight tolerance the stations apply (default `DEFAULT_WEIGHT_TOLERANCE`). */
  readonly weightTolerance?: WeightTolerance;
}

const COMMAND_OF_EVENT: Partial<Record<EventData['type'], HoldCommand['type']>> = {
  'task.stopped': 'task-stopped',
  'task.blocked': 'task-blocked',
  'task.unblocked': 'task-released',
  'task.stop-lifted': 'task-released',
};

/**
 * What an applied domain command does outside the hub: tablets see its record, the retained
 * stop and freeze lists are republished when their version moved, and the station holding an
 * affected task gets an immediate command (invariant 3: blocked within a second while online;
 * the retained lists cover a station that was away).
 */
export class DomainEffects {
  readonly mapping: MappingPublisher;
  readonly dock: DockManifestPublisher;

  constructor(
    private readonly topics: SiteTopics,
    private readonly out: EffectOutlets,
    private readonly options: EffectOptions = {},
  ) {
    this.dock = new DockManifestPublisher({ topics, publish: out.publish });
    this.mapping = new MappingPublisher({
      topics,
      publish: out.publish,
      ...(options.mappingVersionPath === undefined ? {} : { path: options.mappingVersionPath }),
      ...(options.mappingDebounceMs === undefined ? {} : { debounceMs: options.mappingDebounceMs }),
    });
  }

  /** Publishes both retained lists, the site policy, the mapping snapshot and the dock manifest as they stand (at every broker connect). */
  publishLists(state: DomainState, now = new Date()): void {
    this.out.publish(this.topics.stops, stopListPayload(state, now), true);
    this.out.publish(this.topics.sitePolicy, sitePolicyPayload(this.options.weightTolerance ?? DEFAULT_WEIGHT_TOLERANCE, now), true);
    this.out.publish(this.topics.freezes, freezeListPayload(state, now), true);
    this.mapping.publishSnapshot(state, now);
    this.dock.publish(state, Math.max(this.dock.version, this.options.historySeq?.() ?? 0), now);
  }

  /** Stops the mapping snapshot's and the dock manifest's pending publish. */
  close(): void {
    this.mapping.close();
    this.dock.close();
  }

  apply(record: HistoryRecord, state: DomainState): void {
    this.out.feed(record);
    if (record.kind !== 'domain') return;
    const now = new Date(record.at);
    if (record.events.some((event) => event.type === 'stop-list.changed')) {
      this.out.publish(this.topics.stops, stopListPayload(state, now), true);
    }
    if (record.events.some((event) => event.type === 'freeze-list.changed')) {
      this.out.publish(this.topics.freezes, freezeListPayload(state, now), true);
    }
    this.mapping.changed(state, now);
    this.dock.changed(state, record.seq);
    record.events.forEach((event, index) => {
      const type = COMMAND_OF_EVENT[event.type];
      if (!type || !('taskId' in event) || !event.taskId) return;
      const station = ('station' in event && event.station) || getOwn(state.tasks, event.taskId)?.station;
      if (!station) return;
      const command: HoldCommand = {
        v: PAYLOAD_VERSION,
        id: `${record.seq}.${index}`,
        at: record.at,
        type,
        taskId: event.taskId,
        orderId: event.orderId,
        stopListVersion: state.stopList.version,
        ...('reason' in event ? { reason: event.reason } : {}),
      };
      this.out.publish(this.topics.stationCmd(station), command);
    });
  }
}

export function stopListPayload(state: DomainState, now: Date): StopListPayload {
  return { v: PAYLOAD_VERSION, version: state.stopList.version, at: now.toISOString(), entries: state.stopList.entries };
}

export function freezeListPayload(state: DomainState, now: Date): FreezeListPayload {
  return { v: PAYLOAD_VERSION, version: state.freezeList.version, at: now.toISOString(), entries: state.freezeList.entries };
}

export function sitePolicyPayload(weightTolerance: WeightTolerance, now: Date): SitePolicyPayload {
  return { v: PAYLOAD_VERSION, at: now.toISOString(), weightTolerance: { grams: weightTolerance.grams, percent: weightTolerance.percent } };
}
