import { BarChart } from '../components/bar-chart.js';
import { usePage } from '../context.js';
import { FUNNEL_STEPS } from '../../../../common/tally/stats.js';
import { fmt, label } from '../strings.js';

const BLUE = '#2563eb';
const RED = '#dc2626';
const GREEN = '#15803d';
const AMBER = '#d97706';

/** Scans and mismatches per hour, parcels blocked for their weight per hour and by station, and today's pack funnel. */
export function ChartsView() {
  const { s, model, now } = usePage();
  // The stations' own counts added up: the bars agree with the station board by construction.
  const hours = model.stations.siteHours(now);
  const thisHour = hours[hours.length - 1]!;
  const funnel = model.stats.funnel(now);
  const byStation = model.stations.weightMismatchesByStation(hours[0]!.hour);
  const hourLabels = hours.map(({ hour }) => `${String(new Date(hour).getHours()).padStart(2, '0')}:00`);
  // The last step counts sealed tasks too (the pre-printed flow).
  const stepLabels = FUNNEL_STEPS.map((step) => (step === 'labelled' ? s.charts.finished : label(s.taskStatus, step)));
  return (
    <section class="view" data-view="charts">
      <article class="chart-card">
        <h2>{s.charts.perHour}</h2>
        <p class="this-hour" data-scans={thisHour.scans} data-mismatches={thisHour.mismatches}>
          {fmt(s.charts.thisHour, { scans: thisHour.scans, mismatches: thisHour.mismatches })}
        </p>
        <p class="legend">
          <span class="swatch" style={{ background: BLUE }} /> {s.charts.scans}
          <span class="swatch" style={{ background: RED }} /> {s.charts.mismatches}
        </p>
        <BarChart
          categories={hourLabels}
          height={240}
          series={[
            { label: s.charts.scans, color: BLUE, values: hours.map((h) => h.scans), width: 0.7 },
            { label: s.charts.mismatches, color: RED, values: hours.map((h) => h.mismatches), width: 0.35 },
          ]}
        />
      </article>
      <article class="chart-card weight-chart">
        <h2>{s.charts.weightPerHour}</h2>
        <p class="weight-this-hour" data-weight-mismatches={thisHour.weightMismatches}>
          {fmt(s.charts.weightThisHour, { n: thisHour.weightMismatches })}
        </p>
        <p class="legend">
          <span class="swatch" style={{ background: AMBER }} /> {s.charts.weightMismatches}
        </p>
        <BarChart
          categories={hourLabels}
          height={160}
          series={[{ label: s.charts.weightMismatches, color: AMBER, values: hours.map((h) => h.weightMismatches), width: 0.5 }]}
        />
        <h3>{s.charts.weightByStation}</h3>
        {byStation.length === 0 ? <p class="empty">{s.charts.weightNone}</p> : null}
        <ul class="weight-by-station">
          {byStation.map(({ station, count }) => (
            <li key={station} data-station={station} data-count={count}>
              <span>{station}</span> <strong>{count}</strong>
            </li>
          ))}
        </ul>
      </article>
      <article class="chart-card">
        <h2>{s.charts.funnel}</h2>
        <ol class="funnel-figures">
          {FUNNEL_STEPS.map((step, i) => (
            <li key={step} data-step={step}>
              <span>{stepLabels[i]}</span> <strong>{funnel[i]}</strong>
            </li>
          ))}
        </ol>
        <BarChart categories={stepLabels} height={220} series={[{ label: s.charts.tasks, color: GREEN, values: funnel, width: 0.6 }]} />
      </article>
    </section>
  );
}
