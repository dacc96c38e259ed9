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
  // A common prefix and suffix change no distance (held to the full table by a test), and
  // near codes share most of theirs: `DY-DRESS-RED-M-017` and `DY-DRESS-RED-M-117` are `0` and `1`.
  let from = 0;
  const shorter = Math.min(a.length, b.length);
  while (from < shorter && a.charCodeAt(from) === b.charCodeAt(from)) from++;
  let endA = a.length;
  let endB = b.length;
  while (endA > from && endB > from && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const m = endA - from;
  const n = endB - from;
  if (m === 0 || n === 0) return Math.min(m + n, bound + 1);
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [before, previous, current] = rows;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let best = i;
    const ai = a.charCodeAt(from + i - 1);
    const aBefore = i > 1 ? a.charCodeAt(from + i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(from + j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (j > 1 && ai === b.charCodeAt(from + j - 2) && aBefore === bj) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > bound) return bound + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[n]!, bound + 1);
}
