import { PackgateError } from '../common/errors.js';

/**
 * MQTT topic scheme, rooted at `packgate/v1/{site}`. Stations publish only under
 * `station/{id}/status`, `station/{id}/events` and `station/{id}/files`; everything else is the hub's
 * (`hub/broker/acl.ts` enforces this on the embedded broker and renders it for Mosquitto).
 */
export const TOPIC_PREFIX = 'packgate/v1';

/** Site and station ids are single topic levels: no `/`, `+`, `#`, spaces or control characters. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function assertTopicId(kind: 'site' | 'station', id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new PackgateError(
      'INVALID_ID',
      `${kind} id "${id}" must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return id;
}

export function isTopicId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export interface SiteTopics {
  readonly root: string;
  /** Retained hub presence; the hub's will sets it offline. */
  readonly hubState: string;
  readonly stationStatus: (station: string) => string;
  readonly stationEvents: (station: string) => string;
  readonly stationAcks: (station: string) => string;
  readonly stationCmd: (station: string) => string;
  /** A station's answers to `evidence-fetch`: binary chunks of a clip's files (protocol/evidence-files.ts). */
  readonly stationFiles: (station: string) => string;
  /** Site-wide retained task stop list, published by the hub only. */
  readonly stops: string;
  /** Site-wide retained refund freezes, published by the hub only. */
  readonly freezes: string;
  /** Site-wide retained SKU-mapping snapshot, published by the hub only. */
  readonly mappingVersion: string;
  /** Site-wide SKU-mapping changes (not retained), published by the hub only. */
  readonly mappingDelta: string;
  /** Site-wide retained site policy (the weight tolerance), published by the hub only. */
  readonly sitePolicy: string;
  /** Site-wide retained dock manifest (parcels on their way out, open batches), published by the hub only. */
  readonly dock: string;
  /** Wildcard subscriptions the hub uses. */
  readonly allStationEvents: string;
  readonly allStationStatus: string;
  readonly allStationFiles: string;
}

export function siteTopics(site: string): SiteTopics {
  const root = `${TOPIC_PREFIX}/${assertTopicId('site', site)}`;
  const station = (id: string, leaf: string) => `${root}/station/${assertTopicId('station', id)}/${leaf}`;
  return {
    root,
    hubState: `${root}/hub/state`,
    stationStatus: (id) => station(id, 'status'),
    stationEvents: (id) => station(id, 'events'),
    stationAcks: (id) => station(id, 'acks'),
    stationCmd: (id) => station(id, 'cmd'),
    stationFiles: (id) => station(id, 'files'),
    stops: `${root}/stops`,
    freezes: `${root}/freezes`,
    mappingVersion: `${root}/mapping`,
    mappingDelta: `${root}/mapping/delta`,
    sitePolicy: `${root}/policy`,
    dock: `${root}/dock`,
    allStationEvents: `${root}/station/+/events`,
    allStationStatus: `${root}/station/+/status`,
    allStationFiles: `${root}/station/+/files`,
  };
}

/** The MQTT client id of the hub of `site`; the embedded broker reserves it to the hub. */
export function hubClientId(site: string): string {
  return `packgate-hub-${site}`;
}

/** The MQTT client id of a station agent; the embedded broker reserves it to that station. */
export function stationClientId(site: string, station: string): string {
  return `packgate-station-${site}-${station}`;
}

/** The station id and leaf of a `…/station/{id}/{leaf}` topic under this site, or undefined. */
export function parseStationTopic(
  topics: SiteTopics,
  topic: string,
): { station: string; leaf: string } | undefined {
  const prefix = `${topics.root}/station/`;
  if (!topic.startsWith(prefix)) return undefined;
  const [station, leaf, ...rest] = topic.slice(prefix.length).split('/');
  if (!station || !leaf || rest.length > 0 || !isTopicId(station)) return undefined;
  return { station, leaf };
}
