import { usePage } from '../context.js';
import { dateTime } from '../format.js';
import { fmt, label, type Strings } from '../strings.js';
import type { LearnedWeights } from '../wire.js';
import { SideBySide } from './mapping-pending.js';

type Tolerance = LearnedWeights['tolerance'];

const shown = (s: Strings, tolerance: { grams: number; percent: number } | null): string =>
  tolerance ? fmt(s.mapping.toleranceValue, tolerance) : s.mapping.toleranceNone;

/**
 * The site's weight tolerance the stations check with, and every change the hub recorded, newest
 * first, each with the one before, when, and where it came from (the hub's start-up options): a
 * loosened tolerance is on the record (docs/operations.md).
 */
export function WeightTolerance({ tolerance }: { tolerance: Tolerance | undefined }) {
  const { s, lang } = usePage();
  if (!tolerance) return null;
  return (
    <>
      <h2>{s.mapping.tolerance}</h2>
      <p class="tolerance-in-force" data-grams={tolerance.grams} data-percent={tolerance.percent}>
        {fmt(s.mapping.toleranceInForce, { grams: tolerance.grams, percent: tolerance.percent })}
      </p>
      {tolerance.changes.length === 0 ? <p class="empty">{s.mapping.noToleranceChanges}</p> : null}
      <ul class="mapping-cards tolerance">
        {tolerance.changes.map((change) => (
          <li key={change.at} class="mapping-card tolerance-change" data-at={change.at}>
            <header>
              <span class="since">{fmt(s.mapping.toleranceChanged, { time: dateTime(lang, change.at), source: label(s.mapping.toleranceSource, change.source) })}</span>
            </header>
            <SideBySide before={shown(s, change.before)} after={shown(s, change.after)} />
          </li>
        ))}
      </ul>
    </>
  );
}
