import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BloomFilter } from '../../../hub/store/bloom.js';
import { fingerprint } from '../../../hub/store/id-index.js';

describe('BloomFilter', () => {
  it('never says no for an element it holds, strings and hashes alike', () => {
    const filter = BloomFilter.create(5000);
    const keys = Array.from({ length: 5000 }, (_v, i) => `order:TB${i}`);
    const ids = Array.from({ length: 5000 }, () => fingerprint(randomUUID()));
    keys.forEach((key) => filter.addString(key));
    ids.forEach((id) => filter.addHash(id));
    expect(keys.every((key) => filter.mayHaveString(key))).toBe(true);
    expect(ids.every((id) => filter.mayHaveHash(id))).toBe(true);
  });

  it('says maybe for about 1 % of absent elements at 10 bits each', () => {
    const filter = BloomFilter.create(10_000, 10);
    for (let i = 0; i < 10_000; i += 1) filter.addString(`order:TB${i}`);
    let strings = 0;
    let hashes = 0;
    const hashed = BloomFilter.create(10_000, 10);
    for (let i = 0; i < 10_000; i += 1) hashed.addHash(fingerprint(randomUUID()));
    for (let i = 0; i < 20_000; i += 1) {
      if (filter.mayHaveString(`order:XX${i}`)) strings += 1;
      if (hashed.mayHaveHash(fingerprint(randomUUID()))) hashes += 1;
    }
    expect(strings / 20_000).toBeLessThan(0.025);
    expect(hashes / 20_000).toBeLessThan(0.025);
  });

  it('answers the same once rebuilt from its saved bits', () => {
    const filter = BloomFilter.create(100);
    filter.addString('sku:A');
    const copy = BloomFilter.from(new Uint8Array(filter.bits), filter.hashes);
    expect(copy.mayHaveString('sku:A')).toBe(true);
    expect(copy.bits).toEqual(filter.bits);
  });

  it('holds an empty set (every answer no) and sizes itself for at least one element', () => {
    const filter = BloomFilter.create(0);
    expect(filter.bits.length).toBeGreaterThanOrEqual(8);
    expect(filter.mayHaveString('anything')).toBe(false);
  });
});
