import { createLogger } from '../../common/log.js';
import {
  DOCK_MANIFEST_HANDED_OVER_MS,
  DOCK_MANIFEST_MAX_PARCELS,
  PAYLOAD_VERSION,
  type DockManifestParcel,
  type DockManifestPayload,
  type SiteTopics,
} from '../../protocol/index.js';
import { heldStatus, openBatches } from '../domain/handover.js';
import { taskOfOrder } from '../domain/orders.js';
import { waybillKey } from '../domain/state.js';
import type { ReadonlyDomainState } from '../domain/tx.js';

const log = createLogger('hub.dock-manifest');

/** Least time between two manifests: changes in a burst (a batch closing) go out as one. */
export const DOCK_MANIFEST_DEBOUNCE_MS = 100;

/**
 * The dock manifest: every parcel of the orders on their way out — released, and not handed over
 * more than DOCK_MANIFEST_HANDED_OVER_MS ago — with what the dock checks of it (packed, held now,
 * in an open batch, handed over), and the open batches. Pure. A dock station judges its scans on
 * it (station/dock/verdict.ts) in the order and with the codes of the hub's `judgeDockScan`.
 */
export function dockManifest(state: ReadonlyDomainState, version: number, now: Date): DockManifestPayload {
  const inBatch = new Map<string, string>();
  const batches = openBatches(state).map((batch) => {
    for (const parcel of batch.parcels) inBatch.set(waybillKey(parcel.waybill), batch.id);
    return { id: batch.id, carrier: batch.carrier, ...(batch.station === undefined ? {} : { station: batch.station }), count: batch.parcels.length };
  });
  const since = new Date(now.getTime() - DOCK_MANIFEST_HANDED_OVER_MS).toISOString();
  const parcels: DockManifestParcel[] = [];
  for (const order of Object.values(state.orders)) {
    if (order.status === 'held') continue;
    if (order.status === 'cancelled' && (order.cancelledAt ?? '') < since) continue;
    const held = heldStatus(state, order);
    const verified = taskOfOrder(state, order.id)?.verifiedAt !== undefined;
    order.parcels.forEach((parcel, i) => {
      if (parcel.handedOver && parcel.handedOver.at < since) return;
      if (parcels.length >= DOCK_MANIFEST_MAX_PARCELS) return;
      const batchId = inBatch.get(waybillKey(parcel.waybill));
      parcels.push({
        waybill: parcel.waybill,
        orderId: order.id,
        parcel: i + 1,
        ...(order.carrier === undefined ? {} : { carrier: order.carrier }),
        packed: verified && (parcel.labelled !== undefined || parcel.sealed !== undefined),
        ...(held === undefined ? {} : { held }),
        ...(batchId === undefined ? {} : { batchId }),
        ...(parcel.handedOver ? { handedOver: parcel.handedOver.batchId } : {}),
      });
    });
  }
  if (parcels.length >= DOCK_MANIFEST_MAX_PARCELS) log.warn({ max: DOCK_MANIFEST_MAX_PARCELS }, 'dock manifest cut at its bound: docks refuse the parcels left out as WAYBILL_NOT_FOUND');
  return { v: PAYLOAD_VERSION, version, at: now.toISOString(), parcels, batches };
}

export interface DockManifestPublisherOptions {
  readonly topics: SiteTopics;
  /** Publishes QoS 1, retained when asked. */
  readonly publish: (topic: string, payload: unknown, retain?: boolean) => void;
  readonly debounceMs?: number;
}

/**
 * Keeps the retained dock manifest in step with the domain: after a domain record it is made
 * again at most every `debounceMs` (trailing) and published, retained, when its parcels or
 * batches moved; at every broker connect it goes out at once. Its version is the history
 * sequence of the newest record it stands for.
 */
export class DockManifestPublisher {
  #latest: { state: ReadonlyDomainState; version: number } | undefined;
  #publishedContent: string | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DockManifestPublisherOptions) {}

  /** Publishes the manifest now (at every broker connect). */
  publish(state: ReadonlyDomainState, version: number, now = new Date()): void {
    this.#cancelTimer();
    this.#latest = { state, version };
    const manifest = dockManifest(state, version, now);
    this.#publishedContent = content(manifest);
    this.options.publish(this.options.topics.dock, manifest, true);
  }

  /** After a domain record of history sequence `version`. */
  changed(state: ReadonlyDomainState, version: number): void {
    this.#latest = { state, version };
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const latest = this.#latest!;
      const manifest = dockManifest(latest.state, latest.version, new Date());
      const next = content(manifest);
      if (next === this.#publishedContent) return;
      this.#publishedContent = next;
      this.options.publish(this.options.topics.dock, manifest, true);
    }, this.options.debounceMs ?? DOCK_MANIFEST_DEBOUNCE_MS).unref();
  }

  /** The version of the newest state seen. */
  get version(): number {
    return this.#latest?.version ?? 0;
  }

  close(): void {
    this.#cancelTimer();
  }

  #cancelTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function content(manifest: DockManifestPayload): string {
  return JSON.stringify([manifest.parcels, manifest.batches]);
}
