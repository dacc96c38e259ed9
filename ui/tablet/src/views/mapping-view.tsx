import { usePage } from '../context.js';
import { fmt } from '../strings.js';
import { useApi } from '../use-api.js';
import type { LearnedWeights, MappingHealth, PendingMappings, UnresolvedCodes } from '../wire.js';
import { CatalogWeights } from './catalog-weights.js';
import { MappingHealthList, LaggingStations } from './mapping-health.js';
import { DecidedChanges, PendingChanges } from './mapping-pending.js';
import { UnresolvedList } from './mapping-unresolved.js';
import { WeightTolerance } from './weight-tolerance.js';

/**
 * Mapping work: changes awaiting confirmation (confirm or roll back), orders held for codes with
 * no mapping (accept a near miss), mappings flagged by health, catalog weights the scales
 * disagree with (take the learned weight), the site's weight tolerance and its changes, and stations that lag (from the
 * model, as on the station board). Each list is reloaded when the feed brings a mapping event or
 * a held order.
 */
export function MappingView() {
  const { s, model } = usePage();
  const revision = model.revisions.mapping;
  const pending = useApi<PendingMappings>('/mappings/pending', revision);
  const unresolved = useApi<UnresolvedCodes>('/mappings/unresolved', revision);
  const health = useApi<MappingHealth>('/mappings/health', revision);
  const weights = useApi<LearnedWeights>('/catalog/weights', revision);
  const reload = () => {
    pending.reload();
    unresolved.reload();
    health.reload();
    weights.reload();
  };
  const error = pending.error ?? unresolved.error ?? health.error ?? weights.error;
  return (
    <section class="view" data-view="mapping">
      {error ? <p class="error">{fmt(s.loadFailed, { code: error })}</p> : null}
      <PendingChanges pending={pending.data} onDecided={reload} />
      <UnresolvedList unresolved={unresolved.data} onMapped={reload} />
      <MappingHealthList health={health.data} />
      <CatalogWeights weights={weights.data} onConfirmed={reload} />
      <WeightTolerance tolerance={weights.data?.tolerance} />
      <LaggingStations />
      <DecidedChanges revision={revision} />
    </section>
  );
}
