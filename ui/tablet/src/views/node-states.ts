import { FULFILMENT_NODES, type FulfilmentNode, type FulfilmentView } from '../wire.js';

/** How the order stands at one node: reached (when), passed without a time, stuck there, or not yet. */
export type NodeState = 'reached' | 'passed' | 'stuck' | 'ahead';

/** Each node's state, in node order: every node up to the furthest is reached or passed; the stuck one is the patrol's. */
export function nodeStates(fulfilment: FulfilmentView): Array<{ node: FulfilmentNode; state: NodeState; at?: string }> {
  const furthest = fulfilment.node === null ? -1 : FULFILMENT_NODES.indexOf(fulfilment.node);
  return FULFILMENT_NODES.map((node, index) => {
    const at = fulfilment.at[node];
    const state: NodeState = index > furthest ? 'ahead' : at === undefined ? 'passed' : fulfilment.stuck?.node === node ? 'stuck' : 'reached';
    return { node, state, ...(at === undefined ? {} : { at }) };
  });
}
