import { nearbyRowsOfMany } from './near-miss-batch.js';
import type { MappingRef } from './near-miss.js';

/** A row that is in both tables with another master SKU. */
export interface MappingChange {
  readonly key: string;
  readonly before: MappingRef;
  readonly after: MappingRef;
}

/** Two rows of the new table whose codes are nearly the same: one is likely a mistyped copy of the other. */
export interface NearDuplicate {
  /** The added or changed row. */
  readonly row: MappingRef;
  readonly similar: MappingRef;
  /** 0: the same after normalising case, separators and zero padding; else edits apart. */
  readonly distance: number;
  /** Both map to one master SKU (an alias), or not (one of them is probably wrong). */
  readonly sameMaster: boolean;
}

export interface MappingDiff {
  /** Each list by key. */
  readonly added: readonly MappingRef[];
  readonly removed: readonly MappingRef[];
  readonly changed: readonly MappingChange[];
  readonly unchanged: number;
  readonly nearDuplicates: readonly NearDuplicate[];
}

export interface DiffOptions {
  /** Largest edit distance for a near duplicate; default 1 (0: only the same after normalising). */
  readonly nearDistance?: number;
}

/** The key of a row: `{channel}:{channelSku}`, as in `DomainState.mappings`. */
export function rowKey(row: Pick<MappingRef, 'channel' | 'channelSku'>): string {
  return `${row.channel}:${row.channelSku}`;
}

interface Keyed {
  readonly key: string;
  readonly row: MappingRef;
}

/** An added or changed row and its position in the new table. */
interface Touched extends Keyed {
  readonly id: number;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function keyed(rows: Iterable<MappingRef>): Map<string, MappingRef> {
  const map = new Map<string, MappingRef>();
  for (const row of rows) map.set(rowKey(row), row);
  return map;
}

/**
 * The difference between two mapping tables (two versions, or an imported sheet against the
 * current table): rows added, removed, changed (same channel SKU, another master SKU), the
 * count unchanged, and near duplicates — each added or changed row whose code is, within its
 * channel in the new table, the same as another's after normalising or `nearDistance` edits
 * from it (see `suggestNearMisses`: the 20 nearest of each). Pure; O(rows) and, when
 * anything was added or changed, one pass over the new table's codes (`nearMissesOfMany`).
 */
export function diffMappings(before: Iterable<MappingRef>, after: Iterable<MappingRef>, options: DiffOptions = {}): MappingDiff {
  const old = keyed(before);
  const now = keyed(after);
  const added: Keyed[] = [];
  const changed: MappingChange[] = [];
  const removed: Keyed[] = [];
  const touched: Touched[] = [];
  let unchanged = 0;
  let id = 0;
  for (const [key, row] of now) {
    const previous = old.get(key);
    if (!previous) added.push({ key, row });
    else if (previous.masterSku !== row.masterSku) changed.push({ key, before: previous, after: row });
    else unchanged++;
    if (previous?.masterSku !== row.masterSku) touched.push({ key, row, id });
    id++;
  }
  for (const [key, row] of old) if (!now.has(key)) removed.push({ key, row });
  const rows = (list: Keyed[]) => list.sort(byKey).map(({ row }) => row);

  return {
    added: rows(added),
    removed: rows(removed),
    changed: changed.sort(byKey),
    unchanged,
    nearDuplicates: nearDuplicatesOf(now, touched, options.nearDistance ?? 1),
  };
}

/** Each touched row's near duplicates in `table` (the 20 nearest), in key order, each pair once. */
function nearDuplicatesOf(table: ReadonlyMap<string, MappingRef>, touched: Touched[], nearDistance: number): NearDuplicate[] {
  if (touched.length === 0) return [];
  const rows = [...table.values()];
  touched.sort(byKey);
  const order = new Int32Array(rows.length).fill(-1); // position among the touched rows
  touched.forEach(({ id }, i) => (order[id] = i));
  const nearest = nearbyRowsOfMany(rows, touched.map(({ row }) => row), { maxDistance: nearDistance, limit: 20 });
  const nearDuplicates: NearDuplicate[] = [];
  const reported = new Set<number>(); // pairs of two touched rows: the second sees the first again
  touched.forEach(({ row }, i) => {
    for (const near of nearest[i]!) {
      const other = order[near.id]!;
      if (other === i) continue;
      if (other >= 0) {
        const pair = Math.min(i, other) * touched.length + Math.max(i, other);
        if (reported.has(pair)) continue;
        reported.add(pair);
      }
      const { channel, channelSku, masterSku } = rows[near.id]!;
      nearDuplicates.push({ row, similar: { channel, channelSku, masterSku }, distance: near.distance, sameMaster: masterSku === row.masterSku });
    }
  });
  return nearDuplicates;
}
