import { hubClientId, isTopicId, parseStationTopic, siteTopics, stationClientId, type SiteTopics } from '../../protocol/index.js';

/**
 * Who may publish and subscribe to what: pure decisions, no I/O. The embedded broker asks
 * these on every PUBLISH and SUBSCRIBE; `mosquitto-files.ts` renders the same grants for an
 * external Mosquitto, so both brokers enforce one rule set.
 */

/** An authenticated MQTT client: the hub of a site (everything under its root) or one station. */
export type Principal =
  | { readonly kind: 'hub'; readonly site: string }
  | { readonly kind: 'station'; readonly site: string; readonly station: string };

/** Why a publish or subscribe was refused. Stable codes: counted per reason and matched by tests. */
export const AclDenial = {
  /** Not under the principal's own site root (`packgate/v1/{site}/`), `$SYS` included. */
  OutsideSite: 'OUTSIDE_SITE',
  /** Another station's topic. */
  OtherStation: 'OTHER_STATION',
  /** A topic only the hub publishes: stops, freezes, mapping (and its deltas), the site policy, the dock manifest, hub state, a station's acks and cmd. */
  HubOnly: 'HUB_ONLY',
  /** A station's subscription with `+` or `#`: stations subscribe to exact topics only. */
  Wildcard: 'WILDCARD',
  /** Under the site, but not granted to this principal. */
  NotPermitted: 'NOT_PERMITTED',
} as const;
export type AclDenialCode = (typeof AclDenial)[keyof typeof AclDenial];

export type AclDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: AclDenialCode };

/** What one station may do: exact topics, no wildcards. */
export interface StationGrants {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

const ALLOWED: AclDecision = { allowed: true };
const deny = (reason: AclDenialCode): AclDecision => ({ allowed: false, reason });

/** The exact topics a station may publish to and subscribe to. The single source of both brokers' ACLs. */
export function stationGrants(topics: SiteTopics, station: string): StationGrants {
  return {
    publish: [topics.stationStatus(station), topics.stationEvents(station), topics.stationFiles(station)],
    subscribe: [
      topics.stationAcks(station),
      topics.stationCmd(station),
      topics.stops,
      topics.freezes,
      topics.mappingVersion,
      topics.mappingDelta,
      topics.sitePolicy,
      topics.dock,
      topics.hubState,
    ],
  };
}

/** Topics of the site that only the hub publishes: every topic a station subscribes to (its own acks and cmd included). */
function hubOnly(topics: SiteTopics, station: string): readonly string[] {
  return stationGrants(topics, station).subscribe;
}

/** May `principal` publish on `topic` (a topic name, never a filter)? */
export function mayPublish(principal: Principal, topic: string): AclDecision {
  const topics = siteTopics(principal.site);
  if (!topic.startsWith(`${topics.root}/`)) return deny(AclDenial.OutsideSite);
  if (principal.kind === 'hub') return ALLOWED;
  if (stationGrants(topics, principal.station).publish.includes(topic)) return ALLOWED;
  const parsed = parseStationTopic(topics, topic);
  if (parsed && parsed.station !== principal.station) return deny(AclDenial.OtherStation);
  if (hubOnly(topics, principal.station).includes(topic)) return deny(AclDenial.HubOnly);
  return deny(AclDenial.NotPermitted);
}

/** May `principal` subscribe with `filter` (which may hold `+` and `#`)? */
export function maySubscribe(principal: Principal, filter: string): AclDecision {
  const topics = siteTopics(principal.site);
  // A filter's literal prefix must be the site root: `packgate/v1/+/…` and `#` reach other sites.
  if (!filter.startsWith(`${topics.root}/`)) return deny(AclDenial.OutsideSite);
  if (principal.kind === 'hub') return ALLOWED;
  if (/[+#]/.test(filter)) return deny(AclDenial.Wildcard);
  if (stationGrants(topics, principal.station).subscribe.includes(filter)) return ALLOWED;
  const parsed = parseStationTopic(topics, filter);
  if (parsed && parsed.station !== principal.station) return deny(AclDenial.OtherStation);
  return deny(AclDenial.NotPermitted);
}

/**
 * May `principal` connect with `clientId`? The hub's and the stations' own client ids are
 * reserved to their owners, so that no station can take over (and so disconnect) the hub's or
 * another station's session by connecting with its id. Any other client id is free.
 */
export function mayUseClientId(principal: Principal, clientId: string): boolean {
  const hubId = hubClientId(principal.site);
  const stationPrefix = stationClientId(principal.site, '');
  if (clientId === hubId) return principal.kind === 'hub';
  if (clientId.startsWith(stationPrefix)) {
    return principal.kind === 'station' && clientId.slice(stationPrefix.length) === principal.station;
  }
  return true;
}

/**
 * Whether `clientId` is the agent client id of `principal`'s own station under another site:
 * a station started with a `--site` that is not its hub's. Its login is right, its topics can
 * never be, so the broker refuses it at CONNECT rather than at every publish.
 */
export function isStationOfOtherSite(principal: Principal, clientId: string): boolean {
  if (principal.kind !== 'station') return false;
  const [before, after] = stationClientId('\0', principal.station).split('\0') as [string, string];
  if (clientId.length <= before.length + after.length || !clientId.startsWith(before) || !clientId.endsWith(after)) return false;
  const site = clientId.slice(before.length, clientId.length - after.length);
  return site !== principal.site && isTopicId(site);
}

/**
 * The default MQTT username of the hub of `site`. `@` cannot occur in a station id, so the
 * hub's login can never collide with a station's (username = station id).
 */
export function defaultHubUsername(site: string): string {
  return `hub@${site}`;
}

/** Whether `username` can be a station's login (a valid station id). */
export function isStationUsername(username: string): boolean {
  return isTopicId(username);
}
