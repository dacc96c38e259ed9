import { getOwn, type HandoverBatch } from './state.js';
import type { Immutable, ReadonlyDomainState } from './tx.js';

/** `GET /api/v1/handovers`'s page size when none is asked for, and the most it gives. */
export const DEFAULT_HANDOVER_LIMIT = 100;
export const MAX_HANDOVER_LIMIT = 1000;

export interface HandoverQuery {
  /** Only open batches (`true`), only closed ones (`false`), or every batch. */
  readonly open?: boolean;
  /** At most this many, the newest. */
  readonly limit: number;
  /** Only batches opened before this one (the `before` of the previous page). */
  readonly before?: string;
}

export type HandoverPage =
  | { readonly ok: true; readonly batches: ReadonlyArray<Immutable<HandoverBatch>>; readonly before: string | null }
  | { readonly ok: false; readonly before: string };

/** Oldest first: by when opened, then by id (a batch id may be any code, so the record's key order is not its age). */
function older(a: Immutable<HandoverBatch>, b: Immutable<HandoverBatch>): number {
  return a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A page of handover batches, the newest `limit` of those that match and were opened before the
 * cursor batch, answered oldest first, with the cursor of the next older page (its oldest
 * batch's id), or null when none is older. Pure. An unknown cursor is refused (`ok: false`).
 */
export function handoverPage(state: ReadonlyDomainState, query: HandoverQuery): HandoverPage {
  const cursor = query.before === undefined ? undefined : getOwn(state.handovers, query.before);
  if (query.before !== undefined && !cursor) return { ok: false, before: query.before };
  const matching = Object.values(state.handovers).filter(
    (batch) => (query.open === undefined || (batch.closed === undefined) === query.open) && (!cursor || older(batch, cursor) < 0),
  );
  matching.sort(older);
  const batches = matching.slice(Math.max(0, matching.length - query.limit));
  const more = matching.length > batches.length;
  return { ok: true, batches, before: more ? batches[0]!.id : null };
}
