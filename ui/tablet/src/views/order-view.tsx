import { useEffect, useState } from 'preact/hooks';
import { segment, type Api } from '../api.js';
import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label, type Strings } from '../strings.js';
import { useApi } from '../use-api.js';
import type { FeedRecord, OrderView as Order, ParcelView } from '../wire.js';
import { FulfilmentNodes } from './fulfilment-nodes.js';
import { orderStatusText, timelineEntries } from './timeline.js';

const CHANNELS = ['taobao', 'pinduoduo', 'douyin', 'kuaishou'];

/** The order for what a person typed or scanned: an order id, a waybill, or an order number on any channel. */
async function findOrder(api: Api, query: string): Promise<Order | null> {
  const tries = query.includes(':')
    ? [`/orders/${segment(query)}`]
    : [`/orders?waybill=${encodeURIComponent(query)}`, ...CHANNELS.map((channel) => `/orders/${segment(`${channel}:${query}`)}`)];
  for (const path of tries) {
    const result = await api.get<Order>(path);
    if (result.ok) return result.value;
  }
  return null;
}

/** What `#/orders?q=…` asks to look up (a stuck order tapped in the funnel), or ''. */
function queryFromHash(): string {
  const at = location.hash.indexOf('?');
  return at === -1 ? '' : (new URLSearchParams(location.hash.slice(at + 1)).get('q') ?? '');
}

/** Order lookup by number or waybill, with the order's whole timeline. */
export function OrderLookupView() {
  const { s, api } = usePage();
  const [query, setQuery] = useState(queryFromHash);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const lookUp = async (text: string) => {
    if (!text) return;
    const found = await findOrder(api, text);
    setNotFound(found === null);
    setOrderId(found?.order.id ?? null);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void lookUp(query.trim());
  };
  useEffect(() => void lookUp(queryFromHash().trim()), []);
  return (
    <section class="view" data-view="orders">
      <form class="lookup" onSubmit={submit}>
        <input
          type="search"
          name="order"
          value={query}
          placeholder={s.orders.placeholder}
          aria-label={s.orders.placeholder}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {s.orders.lookUp}
        </button>
      </form>
      {notFound ? <p class="error">{s.orders.notFound}</p> : null}
      {orderId ? <OrderDetail orderId={orderId} /> : notFound ? null : <p class="empty">{s.orders.hint}</p>}
    </section>
  );
}

function OrderDetail({ orderId }: { orderId: string }) {
  const { s, model } = usePage();
  const revision = model.revisions.stations + model.revisions.freezes;
  const order = useApi<Order>(`/orders/${segment(orderId)}`, revision);
  const timeline = useApi<{ records: FeedRecord[] }>(`/orders/${segment(orderId)}/timeline?limit=1000`, revision);
  if (!order.data) return order.error ? <p class="error">{fmt(s.loadFailed, { code: order.error })}</p> : null;
  const { order: o, task, stops } = order.data;
  const parcels = o.parcels ?? [{ waybill: o.waybill }];
  // One parcel on its own ZPL label says nothing the waybill does not.
  const showParcels = parcels.length > 1 || parcels.some((parcel) => parcel.platform !== undefined);
  return (
    <article class="order-detail" data-order={o.id}>
      <h2>
        {label(s.channel, o.channel)} {o.orderNo}
      </h2>
      <dl class="order-facts">
        <dt>{s.field.waybill}</dt>
        <dd>{o.waybill}</dd>
        <dt>{s.field.status}</dt>
        <dd class="status">{orderStatusText(s, o.status, task?.status)}</dd>
        <dt>{s.field.task}</dt>
        <dd class="task-status">
          {task ? `${label(s.taskStatus, task.status)}${task.station ? ` · ${s.field.station} ${task.station}` : ''}` : s.orders.noTask}
        </dd>
        <dt>{s.field.lines}</dt>
        <dd>
          <ul class="lines">
            {o.lines.map((line) => (
              <li key={line.channelSku}>
                {line.channelSku} × {line.quantity}
                {line.masterSku ? ` → ${line.masterSku}` : ''}
              </li>
            ))}
          </ul>
        </dd>
        {showParcels ? (
          <>
            <dt>{s.orders.parcels}</dt>
            <dd>
              <ol class="parcels">
                {parcels.map((parcel) => (
                  <ParcelItem key={parcel.waybill} parcel={parcel} />
                ))}
              </ol>
            </dd>
          </>
        ) : null}
        {stops.length > 0 ? (
          <>
            <dt>{s.orders.stops}</dt>
            <dd class="stops">{stops.map((stop) => label(s.stopReason, stop.reason)).join(' · ')}</dd>
          </>
        ) : null}
      </dl>
      {order.data.fulfilment ? <FulfilmentNodes fulfilment={order.data.fulfilment} /> : null}
      <h3>{s.orders.timeline}</h3>
      <Timeline s={s} records={timeline.data?.records ?? []} orderId={o.id} parcels={parcels.length} />
    </article>
  );
}

/** One parcel: its waybill, how its label prints, and how far it got (printed or sealed, closed). */
function ParcelItem({ parcel }: { parcel: ParcelView }) {
  const { s, lang } = usePage();
  const done = parcel.sealed ?? parcel.labelled;
  const units = parcel.closed?.units.map((unit) => `${unit.sku} × ${unit.quantity}`).join(', ') ?? '';
  return (
    <li class={`parcel ${done ? 'done' : 'waiting'}`} data-waybill={parcel.waybill}>
      <span class="waybill">{parcel.waybill}</span> <span class="platform">{label(s.platform, parcel.platform ?? 'zpl')}</span>
      <span class="progress">
        {parcel.sealed
          ? fmt(s.orders.sealed, { time: dateTime(lang, parcel.sealed.at), station: parcel.sealed.station })
          : parcel.labelled
            ? fmt(s.orders.labelled, { time: dateTime(lang, parcel.labelled.at), station: parcel.labelled.station })
            : s.orders.waiting}
      </span>
      {parcel.closed ? <span class="closed">{fmt(s.orders.closed, { time: dateTime(lang, parcel.closed.at), units })}</span> : null}
    </li>
  );
}

function Timeline({ s, records, orderId, parcels }: { s: Strings; records: readonly FeedRecord[]; orderId: string; parcels: number }) {
  const { model, lang } = usePage();
  const entries = timelineEntries(s, records, model.orderEvents.of(orderId), orderId, parcels);
  return (
    <ol class="timeline">
      {entries.map((entry) => (
        <li key={entry.key} class={`entry ${entry.tone}`} data-type={entry.type}>
          <time dateTime={entry.at}>{dateTime(lang, entry.at)}</time>
          <span class="what">{entry.label}</span>
          {entry.detail ? <span class="detail">{entry.detail}</span> : null}
          {entry.who ? <span class="who">{entry.who}</span> : null}
        </li>
      ))}
    </ol>
  );
}
