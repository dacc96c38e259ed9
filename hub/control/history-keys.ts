import type { EventData } from '../domain/events.js';

/** The index keys of a domain record: every order, task, station and SKU its events name. */
export function domainKeys(events: readonly EventData[]): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    if ('orderId' in event) keys.add(`order:${event.orderId}`);
    if ('taskId' in event && event.taskId) keys.add(`task:${event.taskId}`);
    if ('station' in event && event.station) keys.add(`station:${event.station}`);
    if ('sku' in event) keys.add(`sku:${event.sku}`);
    if ('skus' in event) for (const sku of event.skus) keys.add(`sku:${sku}`);
    if (event.type === 'alert.raised') keys.add(`alert:${event.alert.seq}`);
  }
  return [...keys];
}
