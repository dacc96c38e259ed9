import { TwoTapActions } from '../components/two-tap.js';
import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label } from '../strings.js';
import type { PendingMappings } from '../wire.js';

/** Old and new side by side for each change the hub holds orders for, with Confirm and Roll back for managers. */
export function PendingChanges({ pending, onDecided }: { pending: PendingMappings | undefined; onDecided: () => void }) {
  const { s, lang, api, canAct } = usePage();
  const rows = pending?.rows ?? [];
  const templates = pending?.templates ?? [];
  const decide = (path: string, body?: unknown) => (id: 'confirm' | 'rollback') => () => api.post(`${path}/${id}`, body);
  const actions = (run: (id: 'confirm' | 'rollback') => () => ReturnType<typeof api.post>) => (
    <TwoTapActions
      actions={[
        { id: 'confirm', label: s.mapping.confirm, tone: 'primary', run: run('confirm') },
        { id: 'rollback', label: s.mapping.rollback, tone: 'secondary', run: run('rollback') },
      ]}
      armedLabel={s.mapping.tapAgain}
      failed={(code) => fmt(s.mapping.failed, { code })}
      onDone={onDecided}
    />
  );
  return (
    <>
      <h2>{s.mapping.pending}</h2>
      {pending && rows.length + templates.length === 0 ? <p class="empty">{s.mapping.noPending}</p> : null}
      <ul class="mapping-cards pending">
        {rows.map((row) => (
          <li key={`${row.channel}:${row.channelSku}`} class="mapping-card pending" data-channel-sku={row.channelSku}>
            <header>
              <strong>
                {label(s.channel, row.channel)} {row.channelSku}
              </strong>
              <span class="since">
                {s.mapping.changedAt} {dateTime(lang, row.since)}
              </span>
            </header>
            <SideBySide before={row.previous} after={row.masterSku} />
            <p class="holds">{fmt(s.mapping.holds, { skus: row.skus.join(', ') })}</p>
            {canAct ? actions((id) => decide('/mappings', { channel: row.channel, channelSku: row.channelSku })(id)) : null}
          </li>
        ))}
        {templates.map((template) => (
          <li key={`template:${template.channel}`} class="mapping-card pending template" data-template={template.channel}>
            <header>
              <strong>{fmt(s.alerts.templateChange, { channel: label(s.channel, template.channel) })}</strong>
              <span class="since">
                {s.mapping.changedAt} {dateTime(lang, template.since)}
              </span>
            </header>
            <SideBySide before={template.previous ?? '–'} after={template.source} code />
            <p class="holds">{fmt(s.mapping.holds, { skus: template.skus.join(', ') })}</p>
            {canAct ? actions((id) => decide(`/templates/${encodeURIComponent(template.channel)}`)(id)) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function SideBySide({ before, after, code = false }: { before: string; after: string; code?: boolean }) {
  const { s } = usePage();
  const Value = ({ text }: { text: string }) => (code ? <code class="value">{text}</code> : <span class="value">{text}</span>);
  return (
    <div class="side-by-side">
      <div class="before">
        <span class="label">{s.mapping.before}</span>
        <Value text={before} />
      </div>
      <span class="arrow" aria-hidden="true">
        →
      </span>
      <div class="after">
        <span class="label">{s.mapping.after}</span>
        <Value text={after} />
      </div>
    </div>
  );
}
