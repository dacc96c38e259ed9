/*
 * Bounded Damerau–Levenshtein distance, optimal-string-alignment form: insertions, deletions,
 * substitutions and swaps of two adjacent characters each cost 1 (a swapped pair is not edited
 * again). Bounded: once every cell of a row exceeds the bound the answer is "more than bound",
 * so a far candidate costs a few rows, not the whole table.
 */

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(72), new Int32Array(72), new Int32Array(72)];

/**
 * The optimal-string-alignment distance of `a` and `b` if it is at most `bound`, else
 * `bound + 1`. Compares UTF-16 code units (codes are ASCII).
 */
export function boundedDamerauLevenshtein(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [before, previous, current] = rows;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > bound) return bound + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[n]!, bound + 1);
}
