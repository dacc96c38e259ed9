import type { Applied } from './pack-driver.js';

/**
 * The tasks whose platform print data the station's held tasks no longer need after a step: their
 * labels printed or their parcels were sealed, or the order left the bench unfinished (cancelled,
 * put aside). The session keeps its own copy while the order is on the bench, for a REPRINT there.
 */
export function printDataReleased(applied: Applied): string[] {
  const s = applied.session;
  const tasks: string[] = [];
  for (const { body } of applied.events) {
    if (!('order' in body) || body.order === null) continue;
    const ended = body.type === 'pack.order_cancelled' || body.type === 'pack.order_aside';
    const released = (body.type === 'pack.label_printed' || body.type === 'pack.sealed') && (s.phase === 'printed' || s.phase === 'sealed');
    if (ended || released) tasks.push(body.order.taskId);
  }
  return tasks;
}
