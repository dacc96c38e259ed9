import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label } from '../strings.js';
import { useApi } from '../use-api.js';
import type { HeldOrder, MappingRow } from '../wire.js';

/** Mapping work: changes awaiting confirmation, orders held for a missing mapping, and the mappings in use. */
export function MappingView() {
  const { s, lang, model } = usePage();
  const held = useApi<{ orders: HeldOrder[] }>('/orders/held', model.revisions.mapping);
  const rows = useApi<{ mappings: MappingRow[] }>('/mappings', model.revisions.mapping);
  const error = held.error ?? rows.error;
  return (
    <section class="view" data-view="mapping">
      {error ? <p class="error">{fmt(s.loadFailed, { code: error })}</p> : null}
      <PendingChanges />
      <h2>{s.mapping.held}</h2>
      {held.data && held.data.orders.length === 0 ? <p class="empty">{s.mapping.noHeld}</p> : null}
      <ul class="held-list">
        {(held.data?.orders ?? []).map((order) => (
          <li key={order.id} class="held-card" data-order={order.id}>
            <strong>
              {label(s.channel, order.channel)} {order.orderNo}
            </strong>
            {order.hold ? <span class="since">{fmt(s.mapping.heldSince, { time: dateTime(lang, order.hold.since) })}</span> : null}
            <ul class="missing">
              {(order.hold?.unresolved ?? []).map((line) => (
                <li key={line.line}>{fmt(s.mapping.missing, { sku: line.channelSku })}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h2>{s.mapping.rows}</h2>
      {rows.data && rows.data.mappings.length === 0 ? <p class="empty">{s.mapping.noRows}</p> : null}
      {rows.data && rows.data.mappings.length > 0 ? (
        <table class="mapping-table">
          <thead>
            <tr>
              <th>{s.field.channel}</th>
              <th>{s.mapping.channelSku}</th>
              <th>{s.mapping.masterSku}</th>
            </tr>
          </thead>
          <tbody>
            {rows.data.mappings.map((row) => (
              <tr key={`${row.channel}:${row.channelSku}`}>
                <td>{label(s.channel, row.channel)}</td>
                <td>{row.channelSku}</td>
                <td>{row.masterSku}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Old and new rows side by side for each change the hub holds orders for. */
function PendingChanges() {
  const { s, lang, model } = usePage();
  const pending = model.mappingChanges.list();
  return (
    <>
      <h2>{s.mapping.pending}</h2>
      {pending.length === 0 ? (
        <p class="empty">{s.mapping.noPending}</p>
      ) : (
        <table class="mapping-table pending">
          <thead>
            <tr>
              <th>{s.field.channel}</th>
              <th>{s.mapping.channelSku}</th>
              <th>{s.mapping.before}</th>
              <th>{s.mapping.after}</th>
              <th>{s.mapping.changedAt}</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((change) => (
              <tr key={`${change.channel}:${change.channelSku}`} data-channel-sku={change.channelSku}>
                <td>{label(s.channel, change.channel)}</td>
                <td>{change.channelSku}</td>
                <td class="before">{change.previous}</td>
                <td class="after">{change.masterSku}</td>
                <td>{dateTime(lang, change.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
