import type { StationEventBody } from '../../../protocol/index.js';
import { evidenceKeys } from './evidence-clip.js';

/**
 * The history index keys of a station event's record: a pack event about an order is on the
 * order's timeline (GET /orders/:id/timeline); a clip's record is found by each of its waybills
 * (GET /evidence?waybill=).
 */
export function recordKeys(body: StationEventBody): string[] {
  const orderId = 'order' in body ? body.order?.orderId : undefined;
  return orderId ? [`order:${orderId}`] : body.type === 'evidence.clip' ? evidenceKeys(body) : [];
}
