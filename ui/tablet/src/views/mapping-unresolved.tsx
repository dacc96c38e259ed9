import { useState } from 'preact/hooks';
import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label } from '../strings.js';
import type { MappingSuggestion, UnresolvedCodes } from '../wire.js';

type Code = UnresolvedCodes['codes'][number];

/** Codes no mapping resolves, with the orders they hold and the hub's near misses; a manager maps one in a tap. */
export function UnresolvedList({ unresolved, onMapped }: { unresolved: UnresolvedCodes | undefined; onMapped: () => void }) {
  const { s } = usePage();
  const codes = unresolved?.codes ?? [];
  return (
    <>
      <h2>{s.mapping.unresolved}</h2>
      {unresolved && codes.length === 0 ? <p class="empty">{s.mapping.noUnresolved}</p> : null}
      <ul class="mapping-cards unresolved">
        {codes.map((code) => (
          <UnresolvedCard key={`${code.channel}:${code.channelSku}`} code={code} onMapped={onMapped} />
        ))}
      </ul>
    </>
  );
}

function UnresolvedCard({ code, onMapped }: { code: Code; onMapped: () => void }) {
  const { s, lang, api, canAct } = usePage();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const accept = async (suggestion: MappingSuggestion) => {
    setBusy(true);
    setFailed(null);
    const result = await api.put('/mappings', { channel: code.channel, channelSku: code.channelSku, masterSku: suggestion.masterSku });
    setBusy(false);
    if (result.ok) onMapped();
    else setFailed(result.code);
  };
  return (
    <li class="mapping-card unresolved" data-channel-sku={code.channelSku}>
      <header>
        <strong>
          {label(s.channel, code.channel)} {code.channelSku}
        </strong>
        <span class="pill held">{fmt(s.mapping.heldOrders, { n: code.orders.length })}</span>
        <span class="since">{fmt(s.mapping.firstSeen, { time: dateTime(lang, code.firstSeen) })}</span>
      </header>
      <p class="orders">{code.orders.join(', ')}</p>
      <h3>{s.mapping.suggestions}</h3>
      {code.suggestions.length === 0 ? <p class="empty">{s.mapping.noSuggestion}</p> : null}
      <ul class="suggestions">
        {code.suggestions.map((suggestion) => (
          <li key={suggestion.channelSku} class="suggestion" data-suggestion={suggestion.channelSku}>
            <span class="near">
              <strong>{suggestion.channelSku}</strong> → <span class="master">{suggestion.masterSku}</span>
              <span class="distance">
                {' '}
                · {suggestion.kind === 'normalised' ? s.mapping.sameNormalised : fmt(s.mapping.distance, { n: suggestion.distance })}
              </span>
            </span>
            {canAct ? (
              <button type="button" class="primary" disabled={busy} onClick={() => accept(suggestion)}>
                {fmt(s.mapping.accept, { sku: suggestion.masterSku })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {failed ? <p class="error">{fmt(s.mapping.failed, { code: failed })}</p> : null}
    </li>
  );
}
