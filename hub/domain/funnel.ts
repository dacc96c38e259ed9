import { FULFILMENT_NODES, STUCK_NODES, type FulfilmentNode, type StuckNode } from '../../protocol/fulfilment-vocabulary.js';
import { nodeIndexOf } from './node-index.js';
import type { StuckFinding } from './patrol.js';
import { DEFAULT_DOMAIN_CONFIG } from './state.js';
import type { ReadonlyDomainState } from './tx.js';

/** The windows the funnel is asked for, in days: today's 24 hours, or the last 7 days. */
export const FUNNEL_WINDOW_DAYS = [1, 7] as const;

/** One node of the funnel. */
export interface FunnelNode {
  readonly node: FulfilmentNode;
  /** Orders that reached the node within the window. */
  readonly reached: number;
  /** `reached` over the previous node's `reached` (0..n, not capped: an order may reach a node inside the window after the previous one outside it); null for the first node or when the previous reached none. */
  readonly conversion: number | null;
  /** Orders with an open `order-stuck` alert at this node (the patrol's last pass); 0 for nodes without a limit. */
  readonly stuck: number;
  /** The patrol's limit at this node in ms (an order longer there is stuck); null for nodes without a limit. */
  readonly limitMs: number | null;
}

/** The longest window a `since` may open: the node index keeps more, the page asks no more. */
export const FUNNEL_MAX_SINCE_DAYS = 31;

/** The fulfilment funnel of a window ending at `to`. */
export interface Funnel {
  /** The window asked for in days; null for one asked from a time (`since`: today, by the asker's clock). */
  readonly days: number | null;
  /** The window, ISO, both ends included. */
  readonly from: string;
  readonly to: string;
  readonly nodes: readonly FunnelNode[];
}

/**
 * The fulfilment funnel over the `window` up to `now` (a number of days × 24 h, or from a time:
 * "today" is the asker's midnight, which only the asker's clock knows): per node, how many orders reached it
 * in the window and the conversion from the node before, and the patrol's `limits` (the ones it
 * runs with). Pure; reads the state's node index (two binary searches per node) and the patrol's
 * open stuck alerts.
 */
export function funnel(
  state: ReadonlyDomainState,
  now: Date,
  window: number | Date,
  limits: Readonly<Record<StuckNode, number>> = DEFAULT_DOMAIN_CONFIG.stuckLimits,
): Funnel {
  const index = nodeIndexOf(state);
  const to = now.toISOString();
  const days = typeof window === 'number' ? window : null;
  const from = (typeof window === 'number' ? new Date(now.getTime() - window * 24 * 3600_000) : window).toISOString();
  const stuck = new Map<FulfilmentNode, number>();
  for (const id in state.stuck) {
    const node = state.stuck[id]!.node;
    stuck.set(node, (stuck.get(node) ?? 0) + 1);
  }
  let previous: number | undefined;
  const nodes = FULFILMENT_NODES.map((node): FunnelNode => {
    const reached = index.reached[node].countIn(from, to);
    const conversion = previous === undefined || previous === 0 ? null : Math.round((reached / previous) * 10_000) / 10_000;
    previous = reached;
    return { node, reached, conversion, stuck: stuck.get(node) ?? 0, limitMs: isStuckNode(node) ? limits[node] : null };
  });
  return { days, from, to, nodes };
}

/**
 * The orders with an open `order-stuck` alert (at `node`, or at any node), oldest first, at most
 * `limit` of them, with how many there are in all.
 */
export function stuckOrders(
  state: ReadonlyDomainState,
  node: StuckNode | undefined,
  limit: number,
): { total: number; orders: StuckFinding[] } {
  const all: StuckFinding[] = [];
  for (const orderId in state.stuck) {
    const open = state.stuck[orderId]!;
    if (node === undefined || open.node === node) all.push({ orderId, node: open.node, since: open.since });
  }
  all.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.orderId < b.orderId ? -1 : 1));
  return { total: all.length, orders: all.slice(0, limit) };
}

/** Whether a string names a node with a limit. */
export function isStuckNode(node: string): node is StuckNode {
  return (STUCK_NODES as readonly string[]).includes(node);
}
