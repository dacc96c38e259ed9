import { createLogger } from '../../common/log.js';
import { hubPayloadParser } from '../../protocol/hub-to-station.js';
import type { DockManifestPayload, FreezeListPayload, HubAck, HubCommand, MappingDeltaPayload, MappingSnapshotPayload, SitePolicyPayload, SiteTopics, StopListPayload } from '../../protocol/index.js';
import { snapshotHeadVersion } from '../../protocol/snapshot-head.js';
import type { HubPresence } from './hub-presence.js';

const log = createLogger('station.link.inbound');

/** A site's lists and mapping can outgrow a station payload's 64 KiB; this bounds what a station reads. */
export const MAX_HUB_PAYLOAD_BYTES = 16 * 1024 * 1024;

const parsers = {
  ack: hubPayloadParser('HubAck'),
  command: hubPayloadParser('HubCommand'),
  hubState: hubPayloadParser('HubState'),
  stops: hubPayloadParser('StopListPayload', { maxBytes: MAX_HUB_PAYLOAD_BYTES }),
  freezes: hubPayloadParser('FreezeListPayload', { maxBytes: MAX_HUB_PAYLOAD_BYTES }),
  mapping: hubPayloadParser('MappingSnapshotPayload', { maxBytes: MAX_HUB_PAYLOAD_BYTES }),
  mappingDelta: hubPayloadParser('MappingDeltaPayload', { maxBytes: MAX_HUB_PAYLOAD_BYTES }),
  sitePolicy: hubPayloadParser('SitePolicyPayload'),
  dock: hubPayloadParser('DockManifestPayload', { maxBytes: MAX_HUB_PAYLOAD_BYTES }),
};

/** What the station does with each message the hub sends it; each payload is valid when called. */
export interface InboundHandlers {
  readonly onAck: (ack: HubAck) => void;
  readonly onCommand?: (command: HubCommand) => void;
  readonly onStops?: (list: StopListPayload) => void;
  readonly onFreezes?: (list: FreezeListPayload) => void;
  readonly onMapping?: (snapshot: MappingSnapshotPayload) => void;
  readonly onMappingDelta?: (delta: MappingDeltaPayload) => void;
  /** The site's policy (`policy`): the weight tolerance. */
  readonly onSitePolicy?: (policy: SitePolicyPayload) => void;
  /** The dock manifest (`dock`), read only by a dock station (`--mode dock`): `retained` says it is the broker's replay. */
  readonly onDock?: (manifest: DockManifestPayload, retained: boolean) => void;
  /**
   * The mapping version the station holds: a snapshot of that version is skipped unparsed
   * (the hub republishes the snapshot after every change it already sent as a delta).
   */
  readonly heldMappingVersion?: () => number | null;
}

/**
 * Messages from the hub in: each topic's payload is checked against its protocol schema before
 * anyone sees it. A malformed one is logged and counted by reason code (invariant 5) and changes
 * nothing: the station keeps what it held. Every valid message from the hub tells `presence`
 * the hub was heard, except retained replays and the hub's will.
 */
export class Inbound {
  /** Refused payloads by reason code. */
  readonly rejected: Record<string, number> = {};
  /** Mapping snapshots skipped unparsed: the version held already, or a stale retained replay. */
  mappingSkipped = 0;
  #liveMapping: number | null = null;
  readonly #routes: ReadonlyMap<string, (payload: Buffer, retained: boolean) => void>;

  constructor(topics: SiteTopics, station: string, handlers: InboundHandlers, private readonly presence: HubPresence) {
    const route = <T>(parser: { parse(p: Buffer): { ok: true; value: T } | { ok: false; code: string; message: string } }, use: ((value: T) => void) | undefined) =>
      (payload: Buffer, retained: boolean) => {
        const parsed = parser.parse(payload);
        if (!parsed.ok) return this.#refuse(parsed.code, parsed.message);
        if (!retained) this.presence.heard(Date.now());
        use?.(parsed.value);
      };
    this.#routes = new Map([
      [topics.stationAcks(station), route(parsers.ack, handlers.onAck)],
      [topics.stationCmd(station), route(parsers.command, handlers.onCommand)],
      [topics.stops, route(parsers.stops, handlers.onStops)],
      [topics.freezes, route(parsers.freezes, handlers.onFreezes)],
      [topics.mappingVersion, this.#snapshotGate(handlers, route(parsers.mapping, handlers.onMapping))],
      [topics.mappingDelta, route(parsers.mappingDelta, (delta) => this.#heardLive(delta.version, handlers.onMappingDelta, delta))],
      [topics.sitePolicy, route(parsers.sitePolicy, handlers.onSitePolicy)],
      [topics.hubState, (payload) => this.#hubState(payload)],
      ...(handlers.onDock ? [[topics.dock, (payload: Buffer, retained: boolean) => route(parsers.dock, (manifest) => handlers.onDock!(manifest, retained))(payload, retained)] as const] : []),
    ]);
  }

  /** The topics to subscribe to: exactly what the broker's ACL grants a station. */
  get topics(): string[] {
    return [...this.#routes.keys()];
  }

  handle(topic: string, payload: Buffer, retained: boolean): void {
    // An empty payload clears a retained message; it says nothing.
    if (payload.byteLength === 0) return;
    this.#routes.get(topic)?.(payload, retained);
  }

  /** A new connection to the broker: the retained messages it replays follow. */
  connected(): void {
    this.#liveMapping = null;
  }

  /**
   * Skips a snapshot of the version held, and a retained replay older than a mapping version
   * heard live on this connection: the broker may deliver the replay it owes a new subscription
   * after a newer live publish.
   */
  #snapshotGate(handlers: InboundHandlers, read: (payload: Buffer, retained: boolean) => void) {
    return (payload: Buffer, retained: boolean) => {
      const version = snapshotHeadVersion(payload);
      const held = handlers.heldMappingVersion?.() ?? null;
      const stale = retained && version !== undefined && this.#liveMapping !== null && version < this.#liveMapping;
      if (stale || (held !== null && version === held)) {
        this.mappingSkipped += 1;
        if (!retained) this.presence.heard(Date.now());
        return;
      }
      read(payload, retained);
      if (!retained && version !== undefined) this.#liveMapping = Math.max(this.#liveMapping ?? 0, version);
    };
  }

  #heardLive<T>(version: number, use: ((value: T) => void) | undefined, value: T): void {
    this.#liveMapping = Math.max(this.#liveMapping ?? 0, version);
    use?.(value);
  }

  #hubState(payload: Buffer): void {
    const parsed = parsers.hubState.parse(payload);
    if (!parsed.ok) return this.#refuse(parsed.code, parsed.message);
    this.presence.hubState(parsed.value.state, Date.now());
  }

  #refuse(code: string, message: string): void {
    this.rejected[code] = (this.rejected[code] ?? 0) + 1;
    log.warn({ code, reason: message }, 'ignoring a malformed message from the hub');
  }
}
