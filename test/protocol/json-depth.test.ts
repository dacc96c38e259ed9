import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonDeeperThan } from '../../protocol/json-depth.js';

describe('jsonDeeperThan', () => {
  const nest = (levels: number) => `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`;

  it('counts objects and arrays alike, up to the bound', () => {
    expect(jsonDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDeeperThan(nest(MAX_JSON_DEPTH / 2))).toBe(false);
    expect(jsonDeeperThan(nest(MAX_JSON_DEPTH / 2 + 1))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDeeperThan(JSON.stringify({ s: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDeeperThan(JSON.stringify({ s: 'a"[[[[\\"[[[' }), 1)).toBe(false);
    expect(jsonDeeperThan(JSON.stringify(['"', [[1]]]), 2)).toBe(true);
  });

  it('finds a million levels in one pass', () => {
    expect(jsonDeeperThan('['.repeat(1_000_000))).toBe(true);
    expect(jsonDeeperThan('[1,2,3]'.repeat(100_000))).toBe(false);
  });
});
