import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { label } from '../strings.js';
import { FULFILMENT_NODES, type FulfilmentView } from '../wire.js';

/** How the order stands at one node: reached (when), passed without a time, stuck there, or not yet. */
export type NodeState = 'reached' | 'passed' | 'stuck' | 'ahead';

/** Each node's state, in node order: every node up to the furthest is reached or passed; the stuck one is the patrol's. */
export function nodeStates(fulfilment: FulfilmentView): Array<{ node: (typeof FULFILMENT_NODES)[number]; state: NodeState; at?: string }> {
  const furthest = fulfilment.node === null ? -1 : FULFILMENT_NODES.indexOf(fulfilment.node);
  return FULFILMENT_NODES.map((node, index) => {
    const at = fulfilment.at[node];
    const state: NodeState = index > furthest ? 'ahead' : at === undefined ? 'passed' : fulfilment.stuck?.node === node ? 'stuck' : 'reached';
    return { node, state, ...(at === undefined ? {} : { at }) };
  });
}

/** The order's fulfilment nodes, released to delivered, as a row of steps above its timeline. */
export function FulfilmentNodes({ fulfilment }: { fulfilment: FulfilmentView }) {
  const { s, lang } = usePage();
  return (
    <div class="fulfilment">
      <h3>{s.nodes.title}</h3>
      <ol class="node-steps">
        {nodeStates(fulfilment).map(({ node, state, at }) => (
          <li key={node} class={`node-step ${state}`} data-node={node} data-state={state}>
            <span class="name">{label(s.node, node)}</span>
            <span class="when">
              {state === 'ahead' ? s.nodes.notYet : state === 'passed' ? s.nodes.noRecord : dateTime(lang, at!)}
            </span>
            {state === 'stuck' ? <span class="stuck">{s.nodes.stuck}</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
