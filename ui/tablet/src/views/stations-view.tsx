import { usePage } from '../context.js';
import { percent } from '../format.js';
import { fmt, label, type Strings } from '../strings.js';
import { useApi } from '../use-api.js';
import { benchStatus, type BenchState } from '../../../../common/tally/bench.js';
import type { StationFacts } from '../../../../common/tally/stations.js';
import type { DeviceStatus, StationView } from '../wire.js';

/** Every station: presence, devices, who and what is at the bench, this hour's work, mapping lag. */
export function StationsView() {
  const { s, model, now } = usePage();
  const { data, error } = useApi<{ stations: StationView[] }>('/stations', model.revisions.stations);
  const fromApi = new Map((data?.stations ?? []).map((station) => [station.id, station]));
  const ids = [...new Set([...fromApi.keys(), ...model.stations.ids()])].sort();
  const site = model.stations.siteHours(now, 1)[0]!;
  return (
    <section class="view" data-view="stations">
      <p class="site-hour" data-scans={site.scans} data-mismatches={site.mismatches}>
        {fmt(s.stations.siteThisHour, { scans: site.scans, mismatches: site.mismatches })}
      </p>
      {error ? <p class="error">{fmt(s.loadFailed, { code: error })}</p> : null}
      {ids.length === 0 ? <p class="empty">{s.stations.none}</p> : null}
      <ul class="station-grid">
        {ids.map((id) => (
          <StationCard key={id} id={id} view={fromApi.get(id)} />
        ))}
      </ul>
    </section>
  );
}

function StationCard({ id, view }: { id: string; view: StationView | undefined }) {
  const { s, model, now } = usePage();
  const facts = model.stations.get(id);
  const presence = view?.state ?? facts?.presence ?? 'unknown';
  const figures = model.stations.figures(id, now);
  const lag = model.stations.mappingLag(id);
  const { orderId, status, bench } = benchOrder(facts, view);
  const held = status === 'blocked' || status === 'stopped';
  const detail = bench ? benchDetail(s, bench) : null;
  const offlineWorking = presence === 'offline' && (facts?.packer || facts?.order);
  return (
    <li class={`station-card ${presence}`} data-station={id}>
      <header>
        <h2>{id}</h2>
        <span class={`pill ${presence}`}>{label(s.presence, presence)}</span>
        {offlineWorking ? <span class="pill offline">{s.stations.workingOffline}</span> : null}
      </header>
      <dl class="station-facts">
        <Device name={s.device.scanner!} status={facts?.scanner} fault={view?.faults.find((f) => f.device === 'scanner')?.detail} />
        <Device name={s.device.printer!} status={facts?.printer} fault={view?.faults.find((f) => f.device === 'printer')?.detail} />
        {facts?.scale ? <Device name={s.device.scale!} status={facts.scale} fault={view?.faults.find((f) => f.device === 'scale')?.detail} /> : null}
        <dt>{s.field.packer}</dt>
        <dd>{facts?.packer ?? s.stations.noPacker}</dd>
        <dt>{s.field.order}</dt>
        <dd class={`order${held ? ' bad' : ''}`} data-status={status}>
          {orderId ?? s.stations.idle}
          {[status && label(s.taskStatus, status), detail].map((part) => (part ? <> <span class="part">· {part}</span></> : null))}
        </dd>
        <dt>{s.stations.scansThisHour}</dt>
        <dd class="num scans-hour">{figures.scansThisHour}</dd>
        <dt>{s.stations.verifiedThisHour}</dt>
        <dd class="num">{figures.verifiedThisHour}</dd>
        {facts?.scale ? (
          <>
            <dt>{s.stations.weightThisHour}</dt>
            <dd class={`num weight-hour${figures.weightMismatchesThisHour > 0 ? ' bad' : ''}`}>{figures.weightMismatchesThisHour}</dd>
          </>
        ) : null}
        <dt>{s.stations.mismatchToday}</dt>
        <dd class={`num${(figures.mismatchRateToday ?? 0) > 0.02 ? ' bad' : ''}`}>{percent(figures.mismatchRateToday)}</dd>
        <dt>{s.stations.mapping}</dt>
        <dd class={`mapping-lag${lag ? ' bad' : ''}`}>{lag === null ? '–' : lag === 0 ? s.stations.mappingCurrent : fmt(s.stations.mappingBehind, { n: lag })}</dd>
      </dl>
    </li>
  );
}

/**
 * The order on the bench and its state there: the order the station's own events say it loaded
 * (until it is put aside or cancelled there, or the next is loaded) in the state the same events
 * tell (`benchStatus`); when the feed has told nothing of it, the hub's latest task at the station
 * and that task's status (the hub takes put-aside tasks off the bench).
 */
export function benchOrder(facts: StationFacts | undefined, view: StationView | undefined): { orderId: string | undefined; status: string | undefined; bench: BenchState | null } {
  if (facts?.order && facts.bench) return { orderId: facts.order.orderId, status: benchStatus(facts.bench), bench: facts.bench };
  const task = view?.tasks.at(-1);
  return { orderId: task?.orderId, status: task?.status, bench: null };
}

/** What stands beside the bench's state: the block or hold and why, else a label printing or failed, else why the gate refused the last one. */
function benchDetail(s: Strings, bench: BenchState): string | null {
  const { block } = bench;
  // A stop's reason (refund, cancel …) says more than "order stopped".
  if (block) return block.reason === 'order_stopped' && block.detail ? label(s.stopReason, block.detail) : label(s.verdict, block.reason);
  if (bench.label === 'requested') return s.stations.labelPrinting;
  if (bench.label === 'failed') return s.stations.labelFailed;
  return bench.refused ? label(s.gate, bench.refused) : null;
}

function Device({ name, status, fault }: { name: string; status: DeviceStatus | undefined; fault: string | undefined }) {
  const { s } = usePage();
  const state = fault ? 'fault' : (status?.state ?? 'unknown');
  return (
    <>
      <dt>{name}</dt>
      <dd class={`device ${state}`}>
        {label(s.deviceState, state)}
        {fault ?? (state === 'fault' || state === 'absent' ? status?.detail : undefined) ? <span class="detail"> · {fault ?? status?.detail}</span> : null}
      </dd>
    </>
  );
}
