import type { Order } from '../../domain/state.js';
import { draftOf, type Immutable, type ReadonlyDomainState } from '../../domain/tx.js';
import { unresolvedCodes, type UnresolvedCode } from './health.js';
import { buildNearMissIndex, suggestNearMisses, type NearMiss, type NearMissIndex } from './near-miss.js';

/*
 * The mapping queries the API answers (docs/mapping.md): codes nothing resolves, near-miss
 * suggestions and when each row got its master SKU. Pure, on a state.
 */

/**
 * Codes no row resolves, across held orders. Lines held only because their mapping change
 * awaits confirmation are left out: they resolve, and the breaker's pending list shows them.
 */
export function unresolvedOf(state: ReadonlyDomainState): UnresolvedCode[] {
  const orders: Array<Immutable<Order>> = [];
  for (const order of Object.values(state.orders)) {
    if (order.status !== 'held' || !order.hold) continue;
    const unresolved = order.hold.unresolved.filter((line) => line.pending === undefined);
    if (unresolved.length > 0) orders.push({ ...order, hold: { ...order.hold, unresolved } });
  }
  return unresolvedCodes(orders);
}

/** When each row got its current master SKU (the newest set, confirmation or rollback in the mapping log), by key. */
export function rowsSetAt(state: Pick<ReadonlyDomainState, 'mappingLog'>): Map<string, string> {
  const setAt = new Map<string, string>();
  for (const entry of state.mappingLog) {
    if (entry.channelSku === undefined || entry.kind === 'removed' || entry.kind.startsWith('template-')) continue;
    setAt.set(`${entry.channel}:${entry.channelSku}`, entry.at);
  }
  return setAt;
}

// One index per mapping table: states are copy-on-write, so a committed state's `mappings` is a
// new object exactly when a row changed, and the index (100-250 ms for 100,000 rows) is built once
// per table, whatever else (a template, an order) changed. A command's own state is still being
// written in place: its index is built for the one read and not kept.
const nearMissIndexes = new WeakMap<object, NearMissIndex>();

/** The near-miss index of the state's mapping rows, built at its first use and kept while the table lives. */
export function nearMissIndexOf(state: Pick<ReadonlyDomainState, 'mappings'>): NearMissIndex {
  const draft = draftOf(state as ReadonlyDomainState) !== undefined;
  let index = draft ? undefined : nearMissIndexes.get(state.mappings);
  if (!index) {
    index = buildNearMissIndex(Object.values(state.mappings));
    if (!draft) nearMissIndexes.set(state.mappings, index);
  }
  return index;
}

/** Near-miss suggestions for a code among the state's rows, as the API shows them. */
export function suggestionsFor(
  state: Pick<ReadonlyDomainState, 'mappings'>,
  code: string,
  options: { channel?: string; limit?: number },
): Array<Pick<NearMiss, 'channelSku' | 'masterSku' | 'distance' | 'kind'>> {
  return suggestNearMisses(nearMissIndexOf(state), code, options).map(({ channelSku, masterSku, distance, kind }) => ({
    channelSku,
    masterSku,
    distance,
    kind,
  }));
}
