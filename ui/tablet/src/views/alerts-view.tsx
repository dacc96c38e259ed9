import { useState } from 'preact/hooks';
import { usePage } from '../context.js';
import { age } from '../format.js';
import { isOpen, type LiveAlert } from '../model/alerts.js';
import { alertDetail, closedText } from '../alert-text.js';
import { fmt, label } from '../strings.js';
import type { Alert, AlertKind } from '../wire.js';

const SHOWN = 200;

/**
 * The colour family of an alert: stops red, frozen stock orange, as everywhere in the product.
 * Every kind has one (the type makes a new kind name its colour); a kind this page does not know
 * (a newer hub) is grey.
 */
const TONE: Readonly<Record<AlertKind, 'stop' | 'frozen' | 'held' | 'fault' | 'offline' | 'ok'>> = {
  'task-stopped': 'stop',
  'label-while-held': 'stop',
  'sealed-while-held': 'stop',
  'station-block': 'stop',
  'parcel-intercepted': 'stop',
  'freeze-created': 'frozen',
  'freeze-expired': 'frozen',
  'freeze-released': 'frozen',
  'task-blocked': 'frozen',
  'order-held': 'held',
  'order-stuck': 'held',
  'carrier-exception': 'held',
  'mapping-pending': 'held',
  'mapping-unresolved-rate': 'held',
  'weight-tolerance-loosened': 'held',
  'mapping-confirmed': 'ok',
  'mapping-rolled-back': 'ok',
  'station-fault': 'fault',
  'station-reset': 'fault',
  'history-lost': 'fault',
  'station-offline': 'offline',
  'station-online': 'ok',
  'station-recovered': 'ok',
};

/** Live alerts, newest first, with one-tap acknowledgement. */
export function AlertsView() {
  const { s, model, now } = usePage();
  const [all, setAll] = useState(false);
  const alerts = model.alerts.list({ all, limit: SHOWN, now: Math.max(now, Date.now()) });
  return (
    <section class="view" data-view="alerts">
      <div class="toolbar">
        <strong class="open-count">{fmt(s.alerts.open, { n: model.alerts.openCount() })}</strong>
        <button type="button" class="secondary" onClick={() => setAll(!all)}>
          {all ? s.alerts.hideAcknowledged : s.alerts.showAcknowledged}
        </button>
      </div>
      {alerts.length === 0 ? <p class="empty">{s.alerts.none}</p> : null}
      <ol class="alert-list">
        {alerts.map((alert) => (
          <AlertCard key={alert.key} alert={alert} />
        ))}
      </ol>
    </section>
  );
}

function AlertCard({ alert }: { alert: LiveAlert }) {
  const { s, now } = usePage();
  const title =
    alert.kind === 'station-block'
      ? fmt(s.alerts.stationBlock, { reason: label(s.verdict, alert.reason ?? '') })
      : Object.hasOwn(s.kind, alert.kind)
        ? s.kind[alert.kind]!
        : alert.message;
  const tone = Object.hasOwn(TONE, alert.kind) ? TONE[alert.kind as AlertKind] : 'info';
  const detail = alertDetail(s, alert);
  return (
    <li
      class={`alert-card ${tone} ${alert.severity}${isOpen(alert) ? ' open' : ' closed'}`}
      data-key={alert.key}
      data-kind={alert.kind}
    >
      <div class="alert-main">
        <div class="alert-title">
          <span class={`severity ${alert.severity}`}>{s.severity[alert.severity]}</span>
          <span class="title">{title}</span>
        </div>
        {detail ? <p class="alert-detail">{detail}</p> : null}
        <dl class="facts">
          {alert.station ? <Fact name={s.field.station} value={alert.station} cls="station" /> : null}
          {alert.channel ? <Fact name={s.field.channel} value={label(s.channel, alert.channel)} cls="channel" /> : null}
          {alert.orderId ? <Fact name={s.field.order} value={alert.orderId} cls="order" /> : null}
          {alert.sku ? <Fact name={s.field.sku} value={alert.sku} cls="sku" /> : null}
          {alert.channelSku ? <Fact name={s.mapping.channelSku} value={alert.channelSku} cls="sku" /> : null}
          {alert.device ? <Fact name={s.field.device} value={label(s.device, alert.device)} cls="device" /> : null}
        </dl>
        <time class="age" dateTime={alert.at}>
          {age(s, alert.at, now)}
        </time>
      </div>
      <AlertAction alert={alert} />
    </li>
  );
}

function Fact({ name, value, cls }: { name: string; value: string; cls: string }) {
  return (
    <div class={`fact ${cls}`}>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function AlertAction({ alert }: { alert: LiveAlert }) {
  const { s, api, model, canAct, refresh } = usePage();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (alert.acknowledged) return <p class="ack done">{fmt(s.alerts.acknowledgedBy, { name: alert.acknowledged.by })}</p>;
  if (alert.closed) return <p class="ack over">{closedText(s, alert.closed.reason)}</p>;
  if (!canAct) return null;
  const seq = alert.alertSeq;
  const acknowledge = async () => {
    setBusy(true);
    setFailed(null);
    const result = await api.post<{ alert: Alert }>(`/alerts/${seq}/ack`);
    setBusy(false);
    if (result.ok && result.value.alert.acknowledged) {
      model.alerts.acknowledge(seq, result.value.alert.acknowledged.by, result.value.alert.acknowledged.at);
      refresh();
    } else if (!result.ok && result.code !== 'ALERT_ALREADY_ACKNOWLEDGED') setFailed(result.code);
  };
  return (
    <div class="ack">
      <button type="button" class="primary" disabled={busy} onClick={acknowledge}>
        {s.alerts.acknowledge}
      </button>
      {failed ? <p class="error">{fmt(s.alerts.ackFailed, { code: failed })}</p> : null}
    </div>
  );
}
