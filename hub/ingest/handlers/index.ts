import { createLogger } from '../../../common/log.js';
import type { StationEvent } from '../../../protocol/index.js';
import { handleBatchClosed } from './dock-batch-closed.js';
import { handleBatchOpened } from './dock-batch-opened.js';
import { handleDockBlockCleared } from './dock-block-cleared.js';
import { handleDockScanned } from './dock-scanned.js';
import { handleEvidenceClip } from './evidence-clip.js';
import { handleBlockCleared } from './pack-block-cleared.js';
import { handleBlocked } from './pack-blocked.js';
import { handleLabelPrinted } from './pack-label-printed.js';
import { handleLabelRequested } from './pack-label-requested.js';
import { handleOrderAside } from './pack-order-aside.js';
import { handleOrderCancelled } from './pack-order-cancelled.js';
import { handleOrderLoaded } from './pack-order-loaded.js';
import { handleOrderRequested } from './pack-order-requested.js';
import { handleOrderVerified } from './pack-order-verified.js';
import { handleParcelClosed } from './pack-parcel-closed.js';
import { handleParcelWithdrawn } from './pack-parcel-withdrawn.js';
import { handleSealed } from './pack-sealed.js';
import { eventScope, type StationEventHooks } from './scope.js';
import { storedOnly } from './stored-only.js';

export { recordKeys } from './record-keys.js';
export type { StationEventHooks } from './scope.js';

const log = createLogger('hub.ingest');

/**
 * What the hub does with a station event newly stored (ingest calls it once per event, never for
 * a duplicate, after the history and the tablets have it): one handler per event type, as aedes
 * has one per MQTT packet type. A new event type in the protocol does not compile until it has a
 * case here. False for a body no handler knows (one the protocol's schema does not list: ingest
 * refuses it before it is stored).
 */
export function handleStationEvent(stored: { seq: number; event: StationEvent }, hooks: StationEventHooks): boolean {
  const on = eventScope(stored, hooks);
  const body = stored.event.body;
  switch (body.type) {
    case 'scan':
    case 'cmd.ack':
    case 'pack.packer_signed_in':
    case 'pack.packer_signed_out':
    case 'pack.order_unavailable':
    case 'pack.verdict':
    case 'pack.hold_lifted':
    case 'pack.refused':
    case 'pack.label_refused':
    case 'pack.label_failed':
    case 'pack.seal_refused':
      storedOnly();
      break;
    case 'evidence.clip':
      handleEvidenceClip(body, on);
      break;
    case 'pack.order_requested':
      handleOrderRequested(body, on);
      break;
    case 'pack.order_loaded':
      handleOrderLoaded(body, on);
      break;
    case 'pack.blocked':
      handleBlocked(body, on);
      break;
    case 'pack.block_cleared':
      handleBlockCleared(body, on);
      break;
    case 'pack.order_verified':
      handleOrderVerified(body, on);
      break;
    case 'pack.order_cancelled':
      handleOrderCancelled(body, on);
      break;
    case 'pack.order_aside':
      handleOrderAside(body, on);
      break;
    case 'pack.label_requested':
      handleLabelRequested(body, on);
      break;
    case 'pack.label_printed':
      handleLabelPrinted(body, on);
      break;
    case 'pack.sealed':
      handleSealed(body, on);
      break;
    case 'pack.parcel_closed':
      handleParcelClosed(body, on);
      break;
    case 'pack.parcel_withdrawn':
      handleParcelWithdrawn(body, on);
      break;
    case 'dock.batch_opened':
      handleBatchOpened(body, on);
      break;
    case 'dock.scanned':
      handleDockScanned(body, on);
      break;
    case 'dock.block_cleared':
      handleDockBlockCleared(body, on);
      break;
    case 'dock.batch_closed':
      handleBatchClosed(body, on);
      break;
    default:
      return unhandled(body);
  }
  return true;
}

function unhandled(body: never): false {
  log.error({ type: (body as { type?: unknown }).type }, 'stored station event without a handler');
  return false;
}
