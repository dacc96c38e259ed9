import { useState } from 'preact/hooks';
import type { ApiResult } from '../api.js';

export interface TwoTapAction {
  readonly id: string;
  readonly label: string;
  /** The button's look before it is armed. */
  readonly tone: 'primary' | 'secondary';
  readonly run: () => Promise<ApiResult<unknown>>;
}

/**
 * Decisions that cannot be taken back, in two taps: the first arms the button (it turns red and
 * says `armedLabel`), the second sends. A failure shows the hub's code.
 */
export function TwoTapActions(props: {
  readonly actions: readonly TwoTapAction[];
  readonly armedLabel: string;
  readonly failed: (code: string) => string;
  readonly onDone: () => void;
}) {
  const [armed, setArmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const tap = async (action: TwoTapAction) => {
    if (armed !== action.id) return setArmed(action.id);
    setArmed(null);
    setBusy(true);
    setFailed(null);
    const result = await action.run();
    setBusy(false);
    if (result.ok) props.onDone();
    else setFailed(result.code);
  };
  return (
    <div class="decide">
      {props.actions.map((action) => (
        <button
          key={action.id}
          type="button"
          data-action={action.id}
          class={armed === action.id ? 'danger' : action.tone}
          disabled={busy}
          onClick={() => tap(action)}
        >
          {armed === action.id ? props.armedLabel : action.label}
        </button>
      ))}
      {failed ? <p class="error">{props.failed(failed)}</p> : null}
    </div>
  );
}
