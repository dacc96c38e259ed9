import { useEffect, useState } from 'preact/hooks';
import { usePage } from '../context.js';
import { age, dateTime, duration, percent } from '../format.js';
import { fmt, label } from '../strings.js';
import { useApi } from '../use-api.js';
import type { FunnelAnswer, StuckAnswer } from '../wire.js';

/** The window moves and the patrol runs every minute even when the feed is quiet. */
const POLL_MS = 60_000;
/** The stuck orders shown under a node; `total` says how many more there are. */
const STUCK_SHOWN = 50;

/**
 * The fulfilment funnel: per node (released → delivered) the orders that reached it today (since
 * the tablet's midnight: the warehouse's day) or in the last 7 days, the conversion from the node before, the patrol's limit and its stuck
 * orders, one tap away. Reloaded when the feed moves an order to a node, and every minute.
 */
export function FunnelView() {
  const { s, lang, model } = usePage();
  const [days, setDays] = useState<'today' | 7>('today');
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const { data, error } = useApi<FunnelAnswer>(days === 'today' ? `/funnel?since=${encodeURIComponent(midnight().toISOString())}` : `/funnel?days=${days}`, model.revisions.funnel + tick);
  const most = Math.max(1, ...(data?.nodes.map((node) => node.reached) ?? []));
  return (
    <section class="view" data-view="funnel">
      <div class="toolbar">
        <div class="segmented" role="group">
          {(['today', 7] as const).map((value) => (
            <button key={value} type="button" class={value === days ? 'primary' : 'secondary'} aria-pressed={value === days} onClick={() => setDays(value)}>
              {value === 'today' ? s.funnel.day : s.funnel.week}
            </button>
          ))}
        </div>
        {data ? <span class="age">{fmt(s.funnel.window, { from: dateTime(lang, data.from), to: dateTime(lang, data.to) })}</span> : null}
      </div>
      {error ? <p class="error">{fmt(s.loadFailed, { code: error })}</p> : null}
      <ol class="funnel-nodes">
        {(data?.nodes ?? []).map((node) => (
          <li key={node.node} class={`funnel-node${node.stuck > 0 ? ' has-stuck' : ''}`} data-node={node.node}>
            <div class="funnel-head">
              <span class="name">{label(s.node, node.node)}</span>
              <span class="reached num">{node.reached}</span>
            </div>
            <div class="funnel-bar" aria-hidden="true">
              <span style={{ width: `${(node.reached / most) * 100}%` }} />
            </div>
            <div class="funnel-facts">
              <span class="conversion">
                {s.funnel.conversion}
                {s.colon}
                <strong class="num">{percent(node.conversion)}</strong>
              </span>
              <span class="limit">{node.limitMs ? fmt(s.funnel.limit, { limit: duration(s, node.limitMs) }) : s.funnel.noLimit}</span>
              {node.limitMs ? (
                <span class={`stuck${node.stuck > 0 ? ' bad' : ''}`}>
                  {s.funnel.stuck}
                  {s.colon}
                  <strong class="num">{node.stuck}</strong>
                </span>
              ) : null}
            </div>
            {node.stuck > 0 ? (
              <button type="button" class="secondary show-stuck" aria-expanded={open === node.node} onClick={() => setOpen(open === node.node ? null : node.node)}>
                {open === node.node ? s.funnel.hideStuck : fmt(s.funnel.showStuck, { n: node.stuck })}
              </button>
            ) : null}
            {open === node.node ? <StuckOrders node={node.node} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The orders stuck at a node, oldest first; each opens in Order lookup. */
function StuckOrders({ node }: { node: string }) {
  const { s, lang, model, now } = usePage();
  const { data, error } = useApi<StuckAnswer>(`/funnel/stuck?node=${encodeURIComponent(node)}&limit=${STUCK_SHOWN}`, model.revisions.funnel);
  if (error) return <p class="error">{fmt(s.loadFailed, { code: error })}</p>;
  if (!data) return null;
  if (data.total === 0) return <p class="empty">{s.funnel.none}</p>;
  return (
    <div class="stuck-orders">
      <ul>
        {data.orders.map((order) => (
          <li key={order.orderId} data-order={order.orderId}>
            <a href={`#/orders?q=${encodeURIComponent(order.orderId)}`}>{order.orderId}</a>{' '}
            <span class="age">{fmt(s.funnel.since, { time: dateTime(lang, order.since), age: age(s, order.since, now) })}</span>
          </li>
        ))}
      </ul>
      {data.total > data.orders.length ? <p class="age">{fmt(s.funnel.more, { n: data.total - data.orders.length })}</p> : null}
    </div>
  );
}

/** The start of today by the tablet's clock, which is the warehouse's: the hub keeps no time zone. */
function midnight(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}
