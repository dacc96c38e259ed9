import { describe, expect, it } from 'vitest';
import {
  MAX_SKU_LENGTH,
  deriveMasterSku,
  findMasterSkuConflicts,
  normaliseAttributes,
  normaliseValue,
  shortHash,
  type MasterAttributes,
} from '../../../../hub/mapping/catalog/index.js';

function idOf(input: MasterAttributes): string {
  const derived = deriveMasterSku(input);
  if (!derived.ok) throw new Error(`${derived.code}: ${derived.message}`);
  return derived.masterSku;
}

function codeOf(input: MasterAttributes): string {
  const derived = deriveMasterSku(input);
  if (derived.ok) throw new Error(`derived ${derived.masterSku}`);
  return derived.code;
}

const dress: MasterAttributes = { brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'M', year: 2026 } };

describe('master SKU ids', () => {
  it('joins brand, category and the core attributes in their fixed order', () => {
    expect(idOf(dress)).toBe('ACME-DRESS-2026-RED-M');
    expect(idOf({ brand: 'Acme', category: 'Dress', attributes: { size: 'M', material: 'Silk', style: 'A-line', colour: 'Red' } })).toBe(
      'ACME-DRESS-A_LINE-SILK-RED-M',
    );
    // Other attributes follow the core ones, by name.
    expect(idOf({ brand: 'Anker', category: 'Power bank', attributes: { voltage: '5V', capacity: '10000mAh', colour: 'Black' } })).toBe(
      'ANKER-POWER_BANK-BLACK-10000MAH-5V',
    );
  });

  it('is deterministic whatever the order, case, spacing and separators of the input', () => {
    const same: MasterAttributes[] = [
      { brand: ' acme ', category: 'DRESS', attributes: { year: '2026', size: 'm', Color: 'red' } },
      { brand: 'ＡＣＭＥ', category: 'dress', attributes: { SIZE: 'M', colour: ' Red', year: 2026 } },
    ];
    for (const input of same) expect(idOf(input)).toBe('ACME-DRESS-2026-RED-M');
    expect(deriveMasterSku(same[0]!)).toEqual(deriveMasterSku(same[1]!));
  });

  it('normalises values: NFKC, no accents, upper case, separator runs as one underscore', () => {
    expect(normaliseValue('Crème brûlée')).toBe('CREME_BRULEE');
    expect(normaliseValue('  navy / white -- stripe ')).toBe('NAVY_WHITE_STRIPE');
    expect(normaliseValue('ＸＬ')).toBe('XL');
    expect(normaliseValue('a_b')).toBe(normaliseValue('A B'));
    // The printable-ASCII fast path agrees with the Unicode passes (forced here by a trailing accent, dropped by them).
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 2000; i++) {
      const ascii = Array.from({ length: next() % 12 }, () => String.fromCharCode(0x20 + (next() % 95))).join('');
      expect(normaliseValue(ascii)).toBe(normaliseValue(`${ascii}\u0301`));
    }
    expect(normaliseValue('---')).toBe('');
  });

  it('spells letters outside ASCII as a stable hash, so they never fall together', () => {
    const red = normaliseValue('红色');
    const blue = normaliseValue('蓝色');
    expect(red).toMatch(/^U[0-9A-Z]{5}$/);
    expect(red).not.toBe(blue);
    expect(normaliseValue('红色 XL')).toMatch(/^XL_U[0-9A-Z]{5}$/);
    expect(normaliseValue('红色 XL')).not.toBe(normaliseValue('蓝色 XL'));
    expect(normaliseValue('红色')).toBe(red);
    expect(idOf({ brand: '优衣库', category: 'Shirt', attributes: { colour: '红色' } })).toMatch(/^U[0-9A-Z]{5}-SHIRT-U[0-9A-Z]{5}$/);
    expect(shortHash('RED', 4)).toBe(shortHash('RED', 7).slice(3));
  });

  it('never produces an id longer than the SKU limit, and long ids stay distinct', () => {
    const long = (tail: string): MasterAttributes => ({ brand: 'B'.repeat(40), category: 'C'.repeat(40), attributes: { style: `S${tail}` } });
    const a = idOf(long('1'));
    const b = idOf(long('2'));
    expect(a.length).toBeLessThanOrEqual(MAX_SKU_LENGTH);
    expect(a).toMatch(/^[A-Z0-9][A-Z0-9_-]*-[0-9A-Z]{5}$/);
    expect(a).not.toBe(b);
  });

  it('refuses blanks and bad names with stable codes', () => {
    expect(codeOf({ brand: '', category: 'Dress' })).toBe('ATTRIBUTE_MISSING');
    expect(codeOf({ brand: 'Acme', category: ' -- ' })).toBe('ATTRIBUTE_MISSING');
    expect(codeOf({ brand: 'Acme', category: 'Dress', attributes: { colour: '//' } })).toBe('ATTRIBUTE_EMPTY');
    expect(codeOf({ brand: 'Acme', category: 'Dress', attributes: { '1st': 'x' } })).toBe('ATTRIBUTE_BAD_NAME');
    expect(codeOf({ brand: 'Acme', category: 'Dress', attributes: { brand: 'x' } })).toBe('ATTRIBUTE_BAD_NAME');
    expect(codeOf({ brand: 'Acme', category: 'Dress', attributes: { color: 'Red', colour: 'Blue' } })).toBe('ATTRIBUTE_BAD_NAME');
    const missing = deriveMasterSku({ brand: 'Acme', category: '' });
    expect(missing).toMatchObject({ ok: false, field: 'category' });
  });

  it('gives the attributes in id order with a fingerprint that identifies the product', () => {
    const normalised = normaliseAttributes(dress);
    expect(normalised).toEqual({
      ok: true,
      brand: 'ACME',
      category: 'DRESS',
      attributes: [['year', '2026'], ['colour', 'RED'], ['size', 'M']],
    });
    const derived = deriveMasterSku(dress);
    expect(derived.ok && derived.fingerprint).toBe('brand=ACME;category=DRESS;year=2026;colour=RED;size=M');
  });

  it('finds collisions (different products, one id) and duplicates (one product twice) in a catalog', () => {
    const items: MasterAttributes[] = [
      dress,
      { brand: 'Acme', category: 'Dress', attributes: { colour: 'Blue', size: 'M', year: 2026 } },
      // The same values under other names: one id, two products.
      { brand: 'Acme', category: 'Dress', attributes: { style: '2026', material: 'Red', size: 'M' } },
      { brand: 'ACME', category: 'dress', attributes: { colour: 'red', size: 'm', year: '2026' } },
      { brand: '', category: 'x' },
    ];
    expect(findMasterSkuConflicts(items)).toEqual([
      { code: 'MASTER_SKU_DUPLICATE', masterSku: 'ACME-DRESS-2026-RED-M', items: [0, 3] },
      { code: 'MASTER_SKU_COLLISION', masterSku: 'ACME-DRESS-2026-RED-M', items: [0, 2, 3] },
    ]);
    expect(findMasterSkuConflicts(items.slice(0, 2))).toEqual([]);
  });
});
