import { FeedClient } from './feed-client.js';
import { STRINGS, defaultLanguage } from './strings.js';

const MAX_SHOWN = 500;
const state = {
  lang: localStorage.getItem('packgate.lang') || defaultLanguage(navigator.language),
  connection: 'connecting',
  records: [],
};
const $ = (id) => document.getElementById(id);
const t = (key) => STRINGS[state.lang][key];

function tokenFromPage() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('packgate.token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('packgate.token');
}

// Alert kinds by the colour the whole product uses for them.
const ALERT_CLASS = {
  'task-stopped': 'stop',
  'label-while-held': 'stop',
  'task-blocked': 'frozen',
  'freeze-created': 'frozen',
  'freeze-expired': 'frozen',
  'freeze-released': 'frozen',
  'order-held': 'held',
  'station-fault': 'fault',
  'station-offline': 'offline',
  'station-recovered': 'online',
  'station-online': 'online',
};

function targetText(target) {
  return [
    target.orderId && `${t('order')} ${target.orderId}`,
    target.sku && `${t('sku')} ${target.sku}`,
    target.device,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The rows a record shows as: a station event, a presence change, a refusal, or the alerts a command raised. */
function describe(record) {
  switch (record.kind) {
    case 'event':
      return [{ cls: 'scan', label: t('scan'), text: record.event.body.data ?? record.event.body.type, seq: record.event.seq }];
    case 'station':
      return [
        record.status.state === 'online'
          ? { cls: 'online', label: t('stationOnline'), text: '' }
          : { cls: 'offline', label: t('stationOffline'), text: '' },
      ];
    case 'rejected':
      return [{ cls: 'rejected', label: t('rejected'), text: `${record.code}: ${record.message}` }];
    case 'domain':
      return record.events
        .filter((event) => event.type === 'alert.raised')
        .map(({ alert }) => ({
          cls: `alert ${ALERT_CLASS[alert.kind] ?? 'info'} ${alert.severity}`,
          label: t('alerts')[alert.kind] ?? alert.kind,
          text: targetText(alert.target),
          station: alert.target.station,
          alertSeq: alert.seq,
        }));
    case 'external':
      return [{ cls: 'info', label: t('external'), text: `${record.orderId} · ${record.type}` }];
    default:
      return [];
  }
}

function renderRows(record) {
  return describe(record).map((item) => {
    const li = document.createElement('li');
    li.className = `record ${item.cls}`;
    li.dataset.seq = String(record.seq);
    const station = item.station ?? record.station;
    li.innerHTML =
      '<span class="time"></span><span class="label"></span><span class="station"></span><span class="data"></span><span class="seq"></span>';
    li.querySelector('.time').textContent = new Date(record.at).toLocaleTimeString(state.lang);
    li.querySelector('.label').textContent = item.label;
    li.querySelector('.station').textContent = station ? `${t('station')} ${station}` : '';
    li.querySelector('.data').textContent = item.text;
    li.querySelector('.seq').textContent = item.seq ? `${t('seq')} ${item.seq}` : '';
    if (item.alertSeq) li.append(ackButton(item.alertSeq));
    return li;
  });
}

// Acknowledged alerts by their seq: `by` once the hub has stored the acknowledgement.
const acknowledged = new Map();

function ackButton(alertSeq) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'ack';
  button.dataset.alert = String(alertSeq);
  showAck(button);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const response = await fetch(`/api/v1/alerts/${alertSeq}/ack`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sessionStorage.getItem('packgate.token')}` },
    });
    if (response.ok) acknowledged.set(alertSeq, (await response.json()).alert.acknowledged.by);
    else button.disabled = false;
    showAck(button);
  });
  return button;
}

function showAck(button) {
  const by = acknowledged.get(Number(button.dataset.alert));
  button.textContent = by ? `${t('acknowledgedBy')} ${by}` : t('acknowledge');
  button.disabled = by !== undefined;
}

function render() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  $('title').textContent = t('title');
  $('lang').textContent = t('language');
  $('connection').textContent = t(state.connection);
  $('connection').className = `connection ${state.connection}`;
  $('count').textContent = `${state.records.length} ${t('records')}`;
  $('empty').textContent = t('empty');
  $('empty').hidden = state.records.length > 0;
  $('token-label').textContent = t('tokenLabel');
  $('token-input').placeholder = t('tokenPlaceholder');
  $('token-submit').textContent = t('tokenSubmit');
  $('feed').replaceChildren(...state.records.flatMap(renderRows));
}

function onRecord(record) {
  if (record.kind === 'domain') {
    for (const event of record.events) {
      if (event.type !== 'alert.acknowledged') continue;
      acknowledged.set(event.seq, event.by);
      const button = document.querySelector(`button.ack[data-alert="${event.seq}"]`);
      if (button) showAck(button);
    }
  }
  const rows = renderRows(record);
  if (rows.length === 0) return;
  state.records.unshift(record);
  if (state.records.length > MAX_SHOWN) state.records.length = MAX_SHOWN;
  $('feed').prepend(...rows);
  while ($('feed').children.length > MAX_SHOWN) $('feed').lastElementChild.remove();
  $('empty').hidden = true;
  $('count').textContent = `${state.records.length} ${t('records')}`;
}

function connect(token) {
  $('token-form').hidden = true;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const client = new FeedClient({
    url,
    token,
    onRecord,
    onState: (connection) => {
      state.connection = connection;
      if (connection === 'unauthorized') {
        sessionStorage.removeItem('packgate.token');
        $('token-form').hidden = false;
      }
      render();
    },
  });
  client.start();
}

$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('packgate.lang', state.lang);
  render();
});
$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token-input').value.trim();
  if (!token) return;
  sessionStorage.setItem('packgate.token', token);
  connect(token);
});

render();
const token = tokenFromPage();
if (token) connect(token);
else {
  state.connection = 'disconnected';
  render();
  $('token-form').hidden = false;
}
