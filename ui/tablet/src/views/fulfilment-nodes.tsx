import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { label } from '../strings.js';
import type { FulfilmentView } from '../wire.js';
import { nodeStates } from './node-states.js';

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
