import { useEffect } from 'preact/hooks';
import { usePage } from '../context.js';
import { useApi } from '../use-api.js';
import type { MappingStations } from '../wire.js';

/**
 * The page's one reader of `GET /api/v1/mappings/stations`: refetched (debounced) when the feed
 * brings a catalog, mapping or template event and after a reconnect, it gives the model the
 * hub's mapping snapshot version that the station board and the mapping view measure lag from.
 */
export function HubMappingVersion() {
  const { model, refresh } = usePage();
  const { data } = useApi<MappingStations>('/mappings/stations', model.revisions.hubMapping);
  useEffect(() => {
    if (!data) return;
    model.hubMappingAnswered(data);
    refresh();
  }, [data]);
  return null;
}
