// The packer's screen: follows the station agent over a WebSocket and draws its view. Messages
// from the pack session arrive in both languages; the page's own strings are in strings.js.
import { drawAside, wireAside } from './aside.js';
import { escape, linesHtml, watchImages } from './lines.js';
import { LOCALES, t } from './strings.js';

const $ = (id) => document.getElementById(id);
let locale = localStorage.getItem('packgate.locale') ?? 'zh-CN';
let view = null;
let connection = 'connecting';
let audio = null;
let lastBlockSince = null;
let linesDrawn = '';
let socket = null;

/** Sends a tap to the agent; lost while the socket is down (the packer taps again, or scans the card). */
function send(message) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

/** A short two-tone beep (WebAudio): the block is heard across the bench, not only seen. */
function beep() {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.25, 660], [0.5, 880]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = frequency;
      osc.type = 'square';
      gain.gain.setValueAtTime(0.2, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.22);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + offset);
      osc.stop(now + offset + 0.22);
    }
  } catch {
    // No audio device or the browser refuses until the page is touched; the red screen stays.
  }
}

const other = () => LOCALES.find((l) => l !== locale);
const both = (text) => (text ? `${escape(text[locale])}<span class="en">${escape(text[other()])}</span>` : '');

/** The bench camera, when the station has one: recording, or why not (a fault, its storage full). */
function drawCamera(camera) {
  $('camera').hidden = !camera;
  if (!camera) return;
  const ok = camera.state === 'ok';
  const why = camera.state === 'absent' && camera.detail === 'starting' ? t(locale, 'cameraStarting') : `${t(locale, camera.state === 'absent' ? 'scannerAbsent' : 'printerFault')} (${camera.detail ?? ''})`;
  $('camera').textContent = `${t(locale, 'camera')}: ${ok ? t(locale, 'cameraRecording') : why}`;
  $('camera').className = `device ${ok ? 'ok' : 'fault'}`;
}

/** The bench scale, when the station has one: the weight once stable, or why there is none. */
function drawScale(scale) {
  $('scale').hidden = !scale;
  if (!scale) return;
  const ok = scale.state === 'ok';
  const weight = scale.weight;
  const shown = !weight ? t(locale, 'scaleEmpty') : weight.stable ? `${(weight.grams / 1000).toFixed(3)} kg` : t(locale, 'scaleSettling');
  $('scale').textContent = `${t(locale, 'scale')}: ${ok ? shown : `${t(locale, scale.state === 'absent' ? 'scannerAbsent' : 'printerFault')} (${scale.detail ?? ''})`}`;
  $('scale').className = `device ${ok ? 'ok' : 'fault'}`;
}

function drawHeader() {
  document.title = t(locale, 'title');
  $('lang').textContent = t(locale, 'language');
  $('link').textContent = connection === 'open' ? '' : t(locale, connection);
  if (!view) return;
  $('station').textContent = `${t(locale, 'station')} ${view.station}`;
  $('packer').textContent = `${t(locale, 'packer')}: ${view.packer ?? t(locale, 'nobody')}`;
  // The packer is the one who replugs the scanner: its state is always shown, with why when it is not connected.
  const scanner = view.scanner;
  $('scanner').hidden = !scanner;
  if (scanner) {
    const scannerOk = scanner.state === 'ok';
    const state = t(locale, scannerOk ? 'scannerOk' : scanner.state === 'absent' ? 'scannerAbsent' : 'scannerReconnecting');
    $('scanner').textContent = `${t(locale, 'scanner')}: ${state}${scannerOk || !scanner.detail ? '' : ` (${scanner.detail})`}`;
    $('scanner').className = `device ${scannerOk ? 'ok' : 'fault'}`;
    $('scanner').dataset.state = scanner.state;
  }
  drawScale(view.scale);
  drawCamera(view.camera);
  const printerOk = view.printer.state === 'ok';
  $('printer').textContent = `${t(locale, 'printer')}: ${printerOk ? t(locale, 'printerOk') : `${t(locale, 'printerFault')} (${view.printer.detail ?? ''})`}`;
  $('printer').className = `device ${printerOk ? 'ok' : 'fault'}`;
  $('programs').replaceChildren(
    ...(view.programs ?? []).map((program) => {
      const chip = document.createElement('span');
      const ok = program.state === 'ok';
      const state = ok ? t(locale, 'printerOk') : `${t(locale, program.state === 'absent' ? 'programAbsent' : 'printerFault')} (${program.detail ?? ''})`;
      chip.textContent = `${t(locale, `program.${program.kind}`)}: ${state}`;
      chip.className = `device ${ok ? 'ok' : 'fault'}`;
      return chip;
    }),
  );
  const hub = view.hub;
  const silentS = hub.lastHeardAt === null ? null : Math.round((Date.now() - hub.lastHeardAt) / 1000);
  $('hub').textContent = hub.live
    ? `${t(locale, 'hub')}: ${t(locale, 'hubLive')}`
    : `${t(locale, 'hub')}: ${silentS === null ? t(locale, 'hubSilent') : t(locale, 'hubSilentFor', { s: silentS, limit: Math.round(hub.silenceLimitMs / 1000) })}`;
  $('hub').className = `device ${hub.live ? 'ok' : 'silent'}`;
}

function drawOrder() {
  const order = view.order;
  $('order').hidden = !order;
  if (!order) return;
  $('order-label').textContent = t(locale, 'order');
  $('waybill-label').textContent = t(locale, 'waybill');
  $('shipto-label').textContent = t(locale, 'shipTo');
  $('sku-head').textContent = t(locale, 'sku');
  $('count-head').textContent = t(locale, 'count');
  $('total-head').textContent = t(locale, 'total');
  $('order-no').textContent = `${order.orderNo} (${order.channel}, ${order.taskId})`;
  $('waybill').textContent = order.waybill;
  $('shipto').textContent = order.shipTo;
  $('flow-label').textContent = t(locale, 'flow');
  $('flow').textContent = t(locale, `flow.${view.flow}`);
  $('parcel-label').textContent = t(locale, 'parcel');
  $('parcel').textContent = view.parcel ? t(locale, 'parcelOf', { n: view.parcel.current, count: view.parcel.count }) : '';
  $('parcels').innerHTML = view.parcels.length > 1 || view.flow === 'verify-preprinted' ? view.parcels.map(parcelItem).join('') : '';
  // Redrawn only when it changed, so a picture is not reloaded every second.
  const lines = linesHtml(view.lines, locale, other());
  if (lines !== linesDrawn) {
    $('lines').innerHTML = lines;
    watchImages($('lines'));
    linesDrawn = lines;
  }
  $('total').textContent = `${view.totals.scanned} / ${view.totals.expected}`;
  const label = view.label;
  // Why the gate is shut says more than a count of labels: "do not seal" is read across the room.
  $('label').className = `label-status${label?.gateText && view.state !== 'printed' && view.state !== 'sealed' ? ' refused' : ''}`;
  $('label').innerHTML = !label ? '' : label.gateText && view.state !== 'printed' && view.state !== 'sealed' ? both(label.gateText) : label.printed > 0 ? escape(t(locale, 'labelPrinted', { n: label.printed })) : both(label.gateText);
}

/** One parcel: its waybill, its units, and how far it got (packed, label, seal). */
function parcelItem(parcel) {
  const packing = parcel.closed ? t(locale, 'parcel.closed') : parcel.units > 0 || parcel.current ? t(locale, 'parcel.open') : t(locale, 'parcel.waiting');
  const release =
    view.flow === 'verify-preprinted'
      ? t(locale, parcel.sealed ? 'parcel.sealed' : 'parcel.notSealed')
      : parcel.label === 'none'
        ? ''
        : t(locale, `parcel.label.${parcel.label}`, { n: parcel.printed });
  const reprinted = view.flow === 'verify-preprinted' && parcel.printed > 0 ? ` · ${t(locale, 'parcel.label.printed', { n: parcel.printed })}` : '';
  const done = view.flow === 'verify-preprinted' ? parcel.sealed : parcel.label === 'printed';
  const classes = [parcel.current ? 'current' : '', done ? 'done' : '', parcel.label === 'failed' ? 'failed' : ''].filter(Boolean).join(' ');
  const text = [`${parcel.index}. ${parcel.waybill}`, t(locale, 'parcel.units', { n: parcel.units }), packing, release].filter(Boolean).join(' · ');
  return `<li class="${classes}">${escape(text + reprinted)}</li>`;
}

function drawBlock() {
  const block = view.block;
  $('block').hidden = !block;
  if (!block) return;
  $('block-title-zh').textContent = block.titleText['zh-CN'];
  $('block-title-en').textContent = block.titleText.en;
  $('block-action-zh').textContent = block.actionText['zh-CN'];
  $('block-action-en').textContent = block.actionText.en;
  // The overlay covers the page: what the last scan did (a parcel withdrawn, a refusal) shows on it too.
  $('block-notice').hidden = !view.notice;
  $('block-notice').innerHTML = both(view.notice);
  $('block-since').textContent = t(locale, 'blockedFor', { s: Math.max(0, Math.round((Date.now() - block.since) / 1000)) });
  if (block.since !== lastBlockSince) beep();
  lastBlockSince = block.since;
}

/** The dock (`--mode dock`): the open batch, the carriers to choose from, the last batch closed. */
function drawDock() {
  const dock = view.mode === 'dock';
  $('dock').hidden = !dock;
  if (!dock) return;
  const batch = view.batch;
  $('carriers').replaceChildren(
    ...(batch || !view.operator ? [] : view.carriers).map((carrier) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = carrier;
      button.addEventListener('click', () => send({ type: 'carrier', carrier }));
      return button;
    }),
  );
  $('dock-batch').textContent = batch ? t(locale, 'dockBatch', { id: batch.id, carrier: batch.carrier, n: batch.count }) : t(locale, 'dockNoBatch');
  $('dock-parcels').innerHTML = (batch?.parcels ?? []).map((p) => `<li>${escape(`${p.waybill} · ${p.orderId}`)}</li>`).join('');
  const closed = view.lastClosed;
  $('dock-closed').textContent = closed ? t(locale, 'dockClosed', { id: closed.id, carrier: closed.carrier, n: closed.count, print: t(locale, `dockPrint.${closed.print ?? 'none'}`) }) : '';
}

function draw() {
  drawHeader();
  if (!view) return;
  document.body.className = `state-${view.state}`;
  $('prompt').innerHTML = both(view.prompt);
  $('notice').hidden = !view.notice;
  $('notice').innerHTML = both(view.notice);
  drawOrder();
  drawDock();
  drawBlock();
  drawAside($, view, locale, other());
  if (!view.block) lastBlockSince = null;
}

function connect() {
  socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  socket.addEventListener('open', () => {
    connection = 'open';
    draw();
  });
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(message.data);
    if (data.type === 'view') {
      view = data.view;
      draw();
    }
  });
  socket.addEventListener('close', () => {
    connection = 'disconnected';
    draw();
    setTimeout(connect, 1000);
  });
}

$('lang').addEventListener('click', () => {
  locale = other();
  localStorage.setItem('packgate.locale', locale);
  document.documentElement.lang = locale;
  draw();
});
wireAside($, send);
// The header's height changes with the screen's width; the put-aside menu starts below it.
window.addEventListener('resize', () => view && drawAside($, view, locale, other()));
// The seconds counters (hub silence, time blocked) move without a new view.
setInterval(() => view && (drawHeader(), view.block && drawBlock()), 1000);
draw();
connect();
