import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom, type Random } from '../../../../common/random.js';
import { codeKeyOfText } from '../../../../hub/mapping/catalog/code-key.js';
import { hashVariants, variantHashes } from '../../../../hub/mapping/catalog/symmetric-deletes.js';
import {
  boundedDamerauLevenshtein,
  buildNearMissIndex,
  codeKey,
  diffMappings,
  nearMissesOfMany,
  rowKey,
  suggestNearMisses,
  type MappingRef,
  type NearMiss,
} from '../../../../hub/mapping/catalog/index.js';

/*
 * The fast paths (one-pass code keys, trimmed edit distance, the typed-array q-gram index,
 * symmetric deletes in diffs) held to plain definitions on random small tables.
 */

/** Optimal string alignment distance, the textbook full table. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** What `suggestNearMisses` promises, by scanning every row. */
function bruteNearest(table: readonly MappingRef[], code: string, channel: string | undefined, maxDistance = 2, limit = 5): NearMiss[] {
  const key = codeKey(code);
  if (key === '') return [];
  const bound = Math.max(0, Math.min(maxDistance, Math.max(1, Math.floor(key.length / 4))));
  const found: NearMiss[] = [];
  for (const row of table) {
    const distance = osa(key, codeKey(row.channelSku));
    if ((channel !== undefined && row.channel !== channel) || distance > bound) continue;
    const rawDistance = Math.min(osa(code.toUpperCase(), row.channelSku.toUpperCase()), 65);
    found.push({ channel: row.channel, channelSku: row.channelSku, masterSku: row.masterSku, distance, rawDistance, kind: distance === 0 ? 'normalised' : 'edit' });
  }
  found.sort((a, b) => a.distance - b.distance || a.rawDistance - b.rawDistance || (a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0));
  return found.slice(0, limit);
}

const pick = (random: Random, text: string) => text[randomInt(random, text.length)]!;
const codeOf = (random: Random, alphabet: string, longest: number) => Array.from({ length: randomInt(random, longest + 1) }, () => pick(random, alphabet)).join('');

/** A random table of unique keys over few channels and a small alphabet, so near codes abound. */
function randomTable(random: Random, rows: number, alphabet: string, longest: number): MappingRef[] {
  const table = new Map<string, MappingRef>();
  for (let i = 0; i < rows; i++) {
    const row = { channel: pick(random, 'xy'), channelSku: `C${codeOf(random, alphabet, longest)}`, masterSku: `M${randomInt(random, 4)}` };
    table.set(rowKey(row), row);
  }
  return [...table.values()];
}

describe('near-miss fast paths', () => {
  it('codeKey in one pass is the definition for ASCII and other text', () => {
    const random = seededRandom(11);
    const samples = ['', '0', '00', '000-0', 'A0', 'A00B', 'a-0-00-007', 'DY-BABY-SH-001', '0a0', 'Ａ-00１', 'straße-01', 'ı-0', 'ǅ0', '٣0'];
    for (let i = 0; i < 3000; i++) samples.push(codeOf(random, 'aZz09_0- 0.é', 12));
    for (const code of samples) expect(codeKey(code), code).toBe(codeKeyOfText(code));
  });

  it('the bounded, trimmed edit distance is the full table, capped at bound + 1', () => {
    const strings = [''];
    for (let length = 1; length <= 5; length++) for (const s of strings.filter((x) => x.length === length - 1)) for (const c of 'ABC') strings.push(s + c);
    for (const a of strings) {
      for (const b of strings) {
        const d = osa(a, b);
        expect(boundedDamerauLevenshtein(a, b, 9), `${a} ${b}`).toBe(d);
        expect(boundedDamerauLevenshtein(a, b, 1), `${a} ${b}`).toBe(Math.min(d, 2));
      }
    }
  });

  it('hashes a deletion as the code it leaves, in its channel only', () => {
    const hashes = (key: string, channel: number, deletions: boolean) => [...variantHashes.subarray(0, hashVariants(key, channel, deletions))];
    const [whole, ...deleted] = hashes('DYBT12', 0, true);
    expect(whole).toBe(hashes('DYBT12', 0, false)[0]);
    expect(deleted).toEqual(['YBT12', 'DBT12', 'DYT12', 'DYB12', 'DYBT2', 'DYBT1'].map((key) => hashes(key, 0, false)[0]));
    expect(hashes('DYBT12', 1, false)[0]).not.toBe(whole);
    expect(hashes('', 0, false)).toEqual(hashes('A', 0, true).slice(1));
  });

  it('suggestNearMisses finds what a scan of every row finds, in the same order', () => {
    const random = seededRandom(5);
    for (let round = 0; round < 30; round++) {
      const table = randomTable(random, 60, 'AB01-', 9);
      const index = buildNearMissIndex(table);
      for (let q = 0; q < 40; q++) {
        const code = q % 3 === 0 ? table[randomInt(random, table.length)]!.channelSku : `C${codeOf(random, 'AB01-b', 9)}`;
        const channel = q % 4 === 0 ? undefined : pick(random, 'xy');
        const maxDistance = randomInt(random, 3);
        const options = { ...(channel ? { channel } : {}), maxDistance, limit: 1000 };
        expect(suggestNearMisses(index, code, options), code).toEqual(bruteNearest(table, code, channel, maxDistance, 1000));
        expect(suggestNearMisses(index, code, { ...options, limit: 3 }), code).toEqual(bruteNearest(table, code, channel, maxDistance, 3));
      }
    }
  });

  it('nearMissesOfMany (symmetric deletes) gives each query what a scan gives it', () => {
    const random = seededRandom(9);
    let found = 0;
    for (let round = 0; round < 30; round++) {
      const table = randomTable(random, 80, 'AB01-', 8);
      const queries = Array.from({ length: 30 }, (_, q) => ({
        channel: pick(random, 'xy'),
        channelSku: q % 2 === 0 ? table[randomInt(random, table.length)]!.channelSku : `C${codeOf(random, 'AB01-a', 8)}`,
      }));
      for (const maxDistance of [-1, 0, 1, 2]) {
        for (const limit of [2, 20]) {
          const got = nearMissesOfMany(table, queries, { maxDistance, limit });
          queries.forEach((query, q) => expect(got[q], `${query.channelSku} ≤${maxDistance}`).toEqual(bruteNearest(table, query.channelSku, query.channel, maxDistance, limit)));
          found += got.flat().length;
        }
      }
    }
    expect(found).toBeGreaterThan(5000);
  });

  it('diffMappings reports the near duplicates a scan of the new table finds', () => {
    const random = seededRandom(13);
    let reported = 0;
    for (let round = 0; round < 40; round++) {
      const before = randomTable(random, 50, 'AB01-', 7);
      const after = [...before.filter(() => random() < 0.8).map((row) => (random() < 0.2 ? { ...row, masterSku: 'CHANGED' } : row)), ...randomTable(random, 15, 'AB01-', 7)];
      const table = [...new Map(after.map((row) => [rowKey(row), row])).values()];
      const old = new Map(before.map((row) => [rowKey(row), row]));
      const touched = table.filter((row) => old.get(rowKey(row))?.masterSku !== row.masterSku).sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : 1));
      const pairs = new Set<string>();
      const expected = touched.flatMap((row) =>
        bruteNearest(table, row.channelSku, row.channel, 1, 20)
          .filter((near) => rowKey(near) !== rowKey(row))
          .filter((near) => {
            const pair = [rowKey(row), rowKey(near)].sort().join('\n');
            return !pairs.has(pair) && pairs.add(pair);
          })
          .map((near) => ({ row, similar: { channel: near.channel, channelSku: near.channelSku, masterSku: near.masterSku }, distance: near.distance, sameMaster: near.masterSku === row.masterSku })),
      );
      expect(diffMappings(before, table).nearDuplicates).toEqual(expected);
      reported += expected.length;
    }
    expect(reported).toBeGreaterThan(100);
  });
});
