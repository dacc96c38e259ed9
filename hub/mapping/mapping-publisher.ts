import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../../common/atomic-file.js';
import { createLogger } from '../../common/log.js';
import { PAYLOAD_VERSION, type MappingDeltaPayload, type MappingSnapshotPayload, type SiteTopics } from '../../protocol/index.js';
import { catalogBarcodes, type ReadonlyDomainState } from '../domain/index.js';
import { catalogDelta, mappingContent, sameMappingContent, type MappingContent } from './mapping-delta.js';

const log = createLogger('hub.mapping-publisher');

/** Least time between two full snapshots after changes; deltas carry each change at once. */
export const SNAPSHOT_DEBOUNCE_MS = 2000;
/** A change touching more barcodes than this goes out as a full snapshot at once, not as a delta. */
export const MAX_DELTA_BARCODES = 10_000;

export interface MappingPublisherOptions {
  readonly topics: SiteTopics;
  /** Publishes QoS 1, retained when asked. */
  readonly publish: (topic: string, payload: unknown, retain?: boolean) => void;
  /** Where the last published version and what it stood for are kept; none keeps them in memory only. */
  readonly path?: string;
  readonly debounceMs?: number;
}

interface Published {
  readonly version: number;
  readonly content: MappingContent;
  /** The catalog the version was published from (the state is copy-on-write: never changed after). */
  readonly catalog: ReadonlyDomainState['catalog'] | undefined;
}

/**
 * Keeps the stations' mapping snapshot in step with the domain. The snapshot's version rises by
 * one whenever its content (catalog version, pending list) differs from what was last
 * published — detected by comparison, not by event type — and the version with what it stood
 * for is written to `path` before anything goes out, so a restarted hub reuses a version only
 * for the same content. Each change goes out at once as a delta (`mapping/delta`), and the
 * retained full snapshot follows at most once every `debounceMs` (trailing), for stations that
 * missed a delta or join late; at every broker connect, and when a station comes online while
 * one is waiting (`flush`), it goes out at once.
 */
export class MappingPublisher {
  #published: Published | undefined;
  #latest: ReadonlyDomainState | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MappingPublisherOptions) {}

  /** The version of the snapshot as it stands (after the last change seen). */
  get version(): number | undefined {
    return this.#published?.version;
  }

  /** Publishes the full snapshot now (at every broker connect). */
  publishSnapshot(state: ReadonlyDomainState, now = new Date()): void {
    this.#cancelTimer();
    const published = this.#advance(state);
    this.options.publish(this.options.topics.mappingVersion, mappingSnapshotPayload(state, published.version, now), true);
  }

  /** After a domain record: a delta when the content moved, and the full snapshot soon after. */
  changed(state: ReadonlyDomainState, now = new Date()): void {
    const before = this.#published;
    const after = this.#advance(state);
    if (before && after.version === before.version) return;
    const changes = before?.catalog ? catalogDelta(before.catalog, state.catalog) : undefined;
    const size = changes ? Object.keys(changes.set).length + changes.removed.length : Infinity;
    if (!before || !changes || size > MAX_DELTA_BARCODES) return this.publishSnapshot(state, now);
    const delta: MappingDeltaPayload = {
      v: PAYLOAD_VERSION,
      from: before.version,
      version: after.version,
      at: now.toISOString(),
      set: changes.set,
      removed: changes.removed,
      pending: [...after.content.pending],
    };
    this.options.publish(this.options.topics.mappingDelta, delta, false);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      if (this.#latest) this.publishSnapshot(this.#latest);
    }, this.options.debounceMs ?? SNAPSHOT_DEBOUNCE_MS).unref();
  }

  /**
   * Publishes a snapshot that is waiting for its time now (a station came online: the retained
   * one it was handed on subscribing may be older than the deltas it missed).
   */
  flush(): void {
    if (this.#timer && this.#latest) this.publishSnapshot(this.#latest);
  }

  /** Drops a pending snapshot publish (its content goes out again at the next connect). */
  close(): void {
    this.#cancelTimer();
  }

  /** The version for `state`: the last one if the content is the same, else the next (written down first). */
  #advance(state: ReadonlyDomainState): Published {
    this.#latest = state;
    const content = mappingContent(state);
    const last = this.#published ?? readPublished(this.options.path, state);
    if (sameMappingContent(last.content, content)) {
      this.#published = { ...last, catalog: state.catalog };
      return this.#published;
    }
    this.#published = { version: last.version + 1, content, catalog: state.catalog };
    writePublished(this.options.path, this.#published);
    return this.#published;
  }

  #cancelTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** The snapshot stations hold: every catalog barcode (GTIN-14 for GTINs) and the pending list; `v` and `version` first. */
export function mappingSnapshotPayload(state: ReadonlyDomainState, version: number, now: Date): MappingSnapshotPayload {
  const { pending } = mappingContent(state);
  return { v: PAYLOAD_VERSION, version, at: now.toISOString(), pending: [...pending], barcodes: catalogBarcodes(state) };
}

/**
 * What was last published. Without a record (a new hub, or one from before this file existed),
 * it is what such a hub published: the catalog version as the version, no pending list.
 */
function readPublished(path: string | undefined, state: ReadonlyDomainState): Published {
  const unrecorded: Published = { version: state.catalogVersion, content: { catalogVersion: state.catalogVersion, pending: [] }, catalog: undefined };
  if (!path || !existsSync(path)) return unrecorded;
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown; catalogVersion?: unknown; pending?: unknown };
    const { version, catalogVersion, pending } = doc;
    if (Number.isSafeInteger(version) && Number.isSafeInteger(catalogVersion) && Array.isArray(pending) && pending.every((sku) => typeof sku === 'string')) {
      return { version: version as number, content: { catalogVersion: catalogVersion as number, pending: pending as string[] }, catalog: undefined };
    }
  } catch (err) {
    log.error({ err: (err as Error).message, path }, 'mapping version record unreadable');
  }
  // Unreadable: a version no station can hold yet keeps "same version, same content" true.
  log.warn({ path }, 'mapping version record invalid; starting above the catalog version');
  return { ...unrecorded, version: state.catalogVersion + Date.now() };
}

function writePublished(path: string | undefined, published: Published): void {
  if (!path) return;
  try {
    writeFileAtomicSync(path, JSON.stringify({ version: published.version, ...published.content }));
  } catch (err) {
    log.error({ err: (err as Error).message, path }, 'mapping version not recorded; a restart may publish this content again under a newer version');
  }
}
