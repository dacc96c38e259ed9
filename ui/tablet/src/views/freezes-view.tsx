import { useState } from 'preact/hooks';
import { TwoTapActions } from '../components/two-tap.js';
import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label, type Strings } from '../strings.js';
import { useApi } from '../use-api.js';
import type { Freeze } from '../wire.js';

/** Refund freezes: order, SKU, batch, quantity, time left; approve or reject for managers. */
export function FreezesView() {
  const { s, model } = usePage();
  const [all, setAll] = useState(false);
  const { data, error, reload } = useApi<{ freezes: Freeze[] }>('/freezes', model.revisions.freezes);
  const freezes = (data?.freezes ?? []).filter((freeze) => all || freeze.status === 'pending').reverse();
  return (
    <section class="view" data-view="freezes">
      <div class="toolbar">
        <button type="button" class="secondary" onClick={() => setAll(!all)}>
          {all ? s.freezes.hideDecided : s.freezes.showDecided}
        </button>
      </div>
      {error ? <p class="error">{fmt(s.loadFailed, { code: error })}</p> : null}
      {data && freezes.length === 0 ? <p class="empty">{s.freezes.none}</p> : null}
      <ul class="freeze-list">
        {freezes.map((freeze) => (
          <FreezeCard key={freeze.id} freeze={freeze} onDecided={reload} />
        ))}
      </ul>
    </section>
  );
}

function timeLeft(s: Strings, expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return s.freezes.overdue;
  const minutes = Math.floor(ms / 60_000);
  return fmt(s.freezes.timeLeft, { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function FreezeCard({ freeze, onDecided }: { freeze: Freeze; onDecided: () => void }) {
  const { s, lang, now, canAct } = usePage();
  const pending = freeze.status === 'pending';
  return (
    <li class={`freeze-card ${freeze.status}`} data-freeze={freeze.id}>
      <header>
        <h2>{freeze.orderId}</h2>
        <span class={`pill ${freeze.status}`}>{label(s.freezes.status, freeze.status)}</span>
        {freeze.escalatedAt && pending ? <span class="pill bad">{s.freezes.escalated}</span> : null}
      </header>
      <table class="freeze-lines">
        <thead>
          <tr>
            <th>{s.field.sku}</th>
            <th>{s.field.batch}</th>
            <th>{s.field.warehouse}</th>
            <th>{s.field.quantity}</th>
          </tr>
        </thead>
        <tbody>
          {freeze.lines.map((line, index) => (
            <tr key={index}>
              <td>{line.sku}</td>
              <td>{line.batch ?? '–'}</td>
              <td>{line.warehouse ?? '–'}</td>
              <td class="num">{line.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="freeze-time">
        {pending ? (
          <>
            {s.field.timeLeft}: <strong>{timeLeft(s, freeze.expiresAt, now)}</strong>
          </>
        ) : (
          <>
            {fmt(s.freezes.created, { time: dateTime(lang, freeze.createdAt) })}
            {freeze.closedAt ? (
              <span class="decided">
                {' · '}
                {freeze.decidedBy
                  ? fmt(s.freezes.decidedBy, { name: freeze.decidedBy, time: dateTime(lang, freeze.closedAt) })
                  : fmt(s.freezes.decidedAt, { time: dateTime(lang, freeze.closedAt) })}
              </span>
            ) : null}
          </>
        )}
        {freeze.note ? <span class="note"> · {freeze.note}</span> : null}
      </p>
      {pending && canAct ? <Decide freeze={freeze} onDecided={onDecided} /> : null}
    </li>
  );
}

/** Approve or reject in two taps: the first arms the button, the second sends. */
function Decide({ freeze, onDecided }: { freeze: Freeze; onDecided: () => void }) {
  const { s, api } = usePage();
  const decide = (decision: 'approve' | 'reject') => () => api.post(`/freezes/${encodeURIComponent(freeze.id)}/${decision}`);
  return (
    <TwoTapActions
      actions={[
        { id: 'approve', label: s.freezes.approve, tone: 'primary', run: decide('approve') },
        { id: 'reject', label: s.freezes.reject, tone: 'secondary', run: decide('reject') },
      ]}
      armedLabel={s.freezes.confirm}
      failed={(code) => fmt(s.freezes.failed, { code })}
      onDone={onDecided}
    />
  );
}
