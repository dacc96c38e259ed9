import { useState } from 'preact/hooks';
import { segment } from '../api.js';
import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label } from '../strings.js';
import { useApi } from '../use-api.js';
import type { HandoverBatch, InterceptView } from '../wire.js';

/** Closed batches shown on request, newest first. */
const CLOSED_SHOWN = 20;

/**
 * The dock: intercepted parcels to take out (and where each is), open handover batches with
 * the parcels scanned per carrier, closed batches on request; every batch's parcels and its
 * sheet as PDF or xlsx. Reloaded when the feed says a batch, a hold or an intercept changed.
 */
export function DockView() {
  const { s, model } = usePage();
  const [showClosed, setShowClosed] = useState(false);
  const intercepts = useApi<{ intercepts: InterceptView[] }>('/intercepts', model.revisions.dock);
  const open = useApi<{ batches: HandoverBatch[] }>('/handovers?open=true', model.revisions.dock);
  const all = useApi<{ batches: HandoverBatch[] }>(showClosed ? '/handovers' : null, model.revisions.dock);
  const batches = open.data?.batches ?? [];
  const closed = (all.data?.batches ?? []).filter((batch) => batch.closed).reverse().slice(0, CLOSED_SHOWN);
  const error = intercepts.error ?? open.error ?? all.error;
  return (
    <section class="view" data-view="dock">
      {error ? <p class="error">{fmt(s.loadFailed, { code: error })}</p> : null}
      <h2>{s.dock.intercepts}</h2>
      {intercepts.data && intercepts.data.intercepts.length === 0 ? <p class="empty">{s.dock.noIntercepts}</p> : null}
      <ul class="intercept-list">
        {(intercepts.data?.intercepts ?? []).map((intercept) => (
          <Intercept key={intercept.orderId} intercept={intercept} />
        ))}
      </ul>
      <h2>{s.dock.open}</h2>
      {open.data && batches.length === 0 ? <p class="empty">{s.dock.noOpen}</p> : null}
      {batches.length > 0 ? <PerCarrier batches={batches} /> : null}
      <ul class="batch-list">
        {batches.map((batch) => (
          <Batch key={batch.id} batch={batch} />
        ))}
      </ul>
      <div class="toolbar">
        <h2>{s.dock.closed}</h2>
        <button type="button" class="secondary" onClick={() => setShowClosed(!showClosed)}>
          {showClosed ? s.dock.hideClosed : s.dock.showClosed}
        </button>
      </div>
      {showClosed && all.data && closed.length === 0 ? <p class="empty">{s.dock.noClosed}</p> : null}
      {showClosed ? (
        <ul class="batch-list">
          {closed.map((batch) => (
            <Batch key={batch.id} batch={batch} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Intercept({ intercept }: { intercept: InterceptView }) {
  const { s, lang } = usePage();
  return (
    <li class="intercept-card" data-order={intercept.orderId}>
      <header>
        <a class="order-link" href={`#/orders?q=${encodeURIComponent(intercept.orderId)}`}>
          {intercept.orderId}
        </a>
        <span class="age">{fmt(s.dock.interceptedAt, { time: dateTime(lang, intercept.since) })}</span>
      </header>
      <ul>
        {intercept.parcels.map((parcel) => (
          <li key={parcel.waybill} data-waybill={parcel.waybill}>
            <span class="waybill">{parcel.waybill}</span>{' '}
            <span class="where">
              {parcel.batchId
                ? fmt(s.dock.inBatch, { batch: parcel.batchId, carrier: label(s.carrier, parcel.carrier ?? '') })
                : parcel.station
                  ? fmt(s.dock.atStation, { station: parcel.station })
                  : ''}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Parcels scanned into open batches, added up per carrier. */
function PerCarrier({ batches }: { batches: readonly HandoverBatch[] }) {
  const { s } = usePage();
  const counts = new Map<string, number>();
  for (const batch of batches) counts.set(batch.carrier, (counts.get(batch.carrier) ?? 0) + batch.parcels.length);
  return (
    <div class="per-carrier">
      <span class="age">{s.dock.perCarrier}</span>
      <ul>
        {[...counts].map(([carrier, n]) => (
          <li key={carrier} data-carrier={carrier}>
            {label(s.carrier, carrier)}
            {s.colon}
            <strong class="num">{n}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Batch({ batch }: { batch: HandoverBatch }) {
  const { s, lang, api } = usePage();
  const [expanded, setExpanded] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const download = async (format: 'pdf' | 'xlsx') => {
    const result = await api.blob(`/handovers/${segment(batch.id)}/sheet?format=${format}`);
    if (!result.ok) return setFailed(result.code);
    setFailed(null);
    const url = URL.createObjectURL(result.value);
    const link = document.createElement('a');
    link.href = url;
    link.download = `handover-${batch.id}.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <li class={`batch-card ${batch.closed ? 'closed' : 'open'}`} data-batch={batch.id}>
      <header>
        <h3>{fmt(s.dock.batch, { id: batch.id })}</h3>
        <span class={`pill ${batch.closed ? 'offline' : 'online'}`}>{batch.closed ? s.dock.statusClosed : s.dock.statusOpen}</span>
        <span class="carrier">{label(s.carrier, batch.carrier)}</span>
        <strong class="count num">{fmt(s.dock.count, { n: batch.closed?.count ?? batch.parcels.length })}</strong>
      </header>
      <p class="batch-facts">
        {fmt(s.dock.opened, { name: batch.openedBy, time: dateTime(lang, batch.openedAt) })}
        {batch.station ? ` · ${fmt(s.dock.station, { station: batch.station })}` : ''}
        {batch.closed ? (
          <>
            <br />
            {fmt(s.dock.closedBy, { name: batch.closed.by, time: dateTime(lang, batch.closed.at), n: batch.closed.count })}
          </>
        ) : null}
      </p>
      <div class="batch-actions">
        <button type="button" class="secondary" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? s.dock.hideParcels : s.dock.showParcels}
        </button>
        <button type="button" class="secondary sheet-pdf" onClick={() => void download('pdf')}>
          {s.dock.pdf}
        </button>
        <button type="button" class="secondary sheet-xlsx" onClick={() => void download('xlsx')}>
          {s.dock.xlsx}
        </button>
      </div>
      {failed ? <p class="error">{fmt(s.dock.downloadFailed, { code: failed })}</p> : null}
      {expanded ? (
        <table class="batch-parcels">
          <thead>
            <tr>
              <th>{s.dock.no}</th>
              <th>{s.field.waybill}</th>
              <th>{s.field.order}</th>
              <th>{s.dock.parcel}</th>
              <th>{s.dock.scanned}</th>
            </tr>
          </thead>
          <tbody>
            {batch.parcels.map((parcel, index) => (
              <tr key={parcel.waybill} data-waybill={parcel.waybill}>
                <td class="num">{index + 1}</td>
                <td>{parcel.waybill}</td>
                <td>{parcel.orderId}</td>
                <td class="num">{parcel.index}</td>
                <td>{dateTime(lang, parcel.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
