import { TwoTapActions } from '../components/two-tap.js';
import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label } from '../strings.js';
import { useApi } from '../use-api.js';
import type { MappingLog, PendingMappings } from '../wire.js';

/** Orders named in a pending change's line before "…". */
const ORDERS_SHOWN = 10;
/** Decided changes the Mapping view lists, newest first. */
const DECIDED_SHOWN = 10;
/** How far back in the mapping log the decided changes are looked for (versions). */
const DECIDED_LOOKBACK = 200;

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
            <Holds skus={row.skus} orders={row.heldOrders} />
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
            <SideBySide before={template.previous ?? '–'} after={template.source ?? '–'} code />
            <Holds skus={template.skus} orders={template.heldOrders} />
            {canAct ? actions((id) => decide(`/templates/${encodeURIComponent(template.channel)}`)(id)) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Which orders a pending change holds, and how many (a hub without `heldOrders` says only the SKUs). */
function Holds({ skus, orders }: { skus: readonly string[]; orders: readonly string[] | undefined }) {
  const { s } = usePage();
  const names = skus.join(', ');
  if (orders === undefined) return <p class="holds">{fmt(s.mapping.holds, { skus: names })}</p>;
  if (orders.length === 0) return <p class="holds">{fmt(s.mapping.holdsNone, { skus: names })}</p>;
  const shown = orders.slice(0, ORDERS_SHOWN).join(', ') + (orders.length > ORDERS_SHOWN ? ', …' : '');
  return (
    <p class="holds" data-held={orders.length}>
      {fmt(s.mapping.holdsOrders, { skus: names, n: orders.length, orders: shown })}
    </p>
  );
}

/** The latest confirmed and rolled-back changes, with who decided and when (`GET /mappings/log`). */
export function DecidedChanges({ revision }: { revision: number }) {
  const { s, lang } = usePage();
  const head = useApi<MappingLog>('/mappings/log?limit=1', revision);
  const since = head.data ? Math.max(0, head.data.version - DECIDED_LOOKBACK) : null;
  const log = useApi<MappingLog>(since === null ? null : `/mappings/log?since=${since}`, revision);
  const decided = (log.data?.entries ?? [])
    .filter((entry) => entry.kind === 'confirmed' || entry.kind === 'rolled-back')
    .slice(-DECIDED_SHOWN)
    .reverse();
  return (
    <>
      <h2>{s.mapping.decided}</h2>
      {log.data && decided.length === 0 ? <p class="empty">{s.mapping.noDecided}</p> : null}
      <ul class="mapping-cards decided">
        {decided.map((entry) => (
          <li key={entry.version} class={`mapping-card decided ${entry.kind}`} data-version={entry.version}>
            <header>
              <strong>
                {entry.channelSku
                  ? `${label(s.channel, entry.channel)} ${entry.channelSku}`
                  : fmt(s.alerts.templateChange, { channel: label(s.channel, entry.channel) })}
              </strong>
              <span class="since decided-by">
                {fmt(s.mapping.decidedBy, { decision: label(s.mapping.decision, entry.kind), name: entry.by, time: dateTime(lang, entry.at) })}
              </span>
            </header>
            {entry.channelSku ? <SideBySide before={entry.from ?? '–'} after={entry.to ?? '–'} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The old and the new value side by side, labelled Before and After. */
export function SideBySide({ before, after, code = false }: { before: string; after: string; code?: boolean }) {
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
