import { TwoTapActions } from '../components/two-tap.js';
import { usePage } from '../context.js';
import { fmt } from '../strings.js';
import type { LearnedWeights } from '../wire.js';

/** Grams as the page shows them: whole grams, a tenth where there is one. */
const grams = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * Catalog unit weights the hub's learned weights disagree with (issue #15), each with what the
 * catalog says, what the scales learned and from how many parcels; a manager takes the learned
 * weight into the catalog in two taps (`POST /catalog/weights/:masterSku/confirm`, logged).
 */
export function CatalogWeights({ weights, onConfirmed }: { weights: LearnedWeights | undefined; onConfirmed: () => void }) {
  const { s, api, canAct } = usePage();
  const flagged = weights?.flagged ?? [];
  return (
    <>
      <h2>{s.mapping.weights}</h2>
      {weights && flagged.length === 0 ? <p class="empty">{s.mapping.noWeights}</p> : null}
      <ul class="mapping-cards weights">
        {flagged.map((row) => (
          <li key={row.masterSku} class="mapping-card weight" data-sku={row.masterSku} data-catalog={row.catalogGrams ?? ''} data-learned={row.learnedGrams}>
            <header>
              <strong>{row.masterSku}</strong>
              <span class="since">{fmt(s.mapping.weightSamples, { n: row.samples })}</span>
            </header>
            <div class="side-by-side">
              <div class="before">
                <span class="label">{s.mapping.weightCatalog}</span>
                <span class="value">{row.catalogGrams === undefined ? s.mapping.weightNone : `${grams(row.catalogGrams)} g`}</span>
              </div>
              <span class="arrow" aria-hidden="true">
                →
              </span>
              <div class="after">
                <span class="label">{s.mapping.weightLearned}</span>
                <span class="value">{`${grams(row.learnedGrams)} g`}</span>
              </div>
            </div>
            {canAct ? (
              <TwoTapActions
                actions={[
                  {
                    id: 'confirm',
                    label: fmt(s.mapping.takeWeight, { grams: grams(row.learnedGrams) }),
                    tone: 'primary',
                    run: () => api.post(`/catalog/weights/${encodeURIComponent(row.masterSku)}/confirm`, {}),
                  },
                ]}
                armedLabel={s.mapping.tapAgain}
                failed={(code) => fmt(s.mapping.failed, { code })}
                onDone={onConfirmed}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
