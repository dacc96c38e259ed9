import { raiseAlert } from './alerts.js';
import type { Channel } from './schemas.js';
import { getOwn, type UnresolvedLine } from './state.js';
import type { ReadonlyDomainState, Tx } from './tx.js';

/** Distinct codes the alert names at most. */
const MAX_EXAMPLES = 5;

/**
 * Records how a new order of a channel resolved, and raises one `mapping-unresolved-rate` alert
 * for the channel when more than `threshold` of its last `window` orders (at least `minOrders`)
 * carry a code that nothing resolves — a channel that changed its code rules — instead of one
 * alert per order. Lines that wait for a pending mapping change do not count. The alert stands
 * until the rate falls to half the threshold or below; then it re-arms.
 */
export function trackResolution(tx: Tx, channel: Channel, orderId: string, unresolved: readonly UnresolvedLine[]): void {
  const { window, threshold, minOrders } = tx.config.unresolvedAlert;
  const current = getOwn(tx.state.channelResolution, channel);
  const codes = [...new Set(unresolved.filter((line) => line.pending === undefined).map((line) => line.channelSku))];
  const before = current?.recent ?? [];
  const kept = before.slice(Math.max(0, before.length - window + 1)).map((entry) => ({ orderId: entry.orderId, unresolved: [...entry.unresolved] }));
  const recent = [...kept, { orderId, unresolved: codes }];
  const failing = recent.filter((entry) => entry.unresolved.length > 0).length;
  const rate = failing / recent.length;
  let open = current?.open;
  if (!open && recent.length >= minOrders && rate > threshold) {
    const examples = [...new Set(recent.toReversed().flatMap((entry) => entry.unresolved))].slice(0, MAX_EXAMPLES);
    const percent = Math.round(rate * 100);
    const message = `${percent}% of the last ${recent.length} ${channel} orders carry codes no row or template resolves, e.g. ${examples.join(', ')}: did the channel change its code rules?`;
    const alert = raiseAlert(tx, 'mapping-unresolved-rate', 'warning', message, { channel, examples, unresolved: failing, orders: recent.length });
    open = { alertSeq: alert.seq, since: tx.at };
    tx.emit({ type: 'mapping.unresolved-rate', channel, open: true, rate, orders: recent.length });
  } else if (open && rate <= threshold / 2) {
    open = undefined;
    tx.emit({ type: 'mapping.unresolved-rate', channel, open: false, rate, orders: recent.length });
  }
  tx.put('channelResolution', channel, { recent, ...(open ? { open } : {}) });
}

/** Whether the channel's unresolved-rate alert stands (its held orders then raise no alert each). */
export function unresolvedRateOpen(state: ReadonlyDomainState, channel: Channel): boolean {
  return getOwn(state.channelResolution, channel)?.open !== undefined;
}
