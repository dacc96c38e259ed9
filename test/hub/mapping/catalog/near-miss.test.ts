import { describe, expect, it } from 'vitest';
import {
  boundedDamerauLevenshtein,
  buildBarcodeSnapshot,
  buildNearMissIndex,
  codeKey,
  lookupBarcode,
  scanKey,
  suggestNearMisses,
  type MappingRef,
} from '../../../../hub/mapping/catalog/index.js';
import { barcodeKey } from '../../../../hub/domain/index.js';

const rows: MappingRef[] = [
  { channel: 'douyin', channelSku: 'DY-BABY-SH-01', masterSku: 'BABY-SHOE-01' },
  { channel: 'douyin', channelSku: 'DY-BABY-SH-02', masterSku: 'BABY-SHOE-02' },
  { channel: 'douyin', channelSku: 'DY-BABY-HAT-01', masterSku: 'BABY-HAT-01' },
  { channel: 'douyin', channelSku: 'DY-BT-001', masterSku: 'BT-001' },
  { channel: 'douyin', channelSku: 'DY-PB-001', masterSku: 'PB-001' },
  { channel: 'taobao', channelSku: 'DY-BABY-SH-01', masterSku: 'BABY-SHOE-01' },
  { channel: 'douyin', channelSku: 'DRESS-RED-M', masterSku: 'ACME-DRESS-2026-RED-M' },
];

const codes = (found: ReadonlyArray<{ channelSku: string }>) => found.map((row) => row.channelSku);

describe('near-miss codes', () => {
  it('normalises case, separators and zero padding', () => {
    expect(codeKey('DY-BABY-SH-01')).toBe('DYBABYSH1');
    expect(codeKey('dy_baby sh/001')).toBe('DYBABYSH1');
    expect(codeKey('DY-BT-000')).toBe('DYBT0');
    expect(codeKey('A-10-01')).toBe('A101');
  });

  it('suggests the row that is the same after normalising first, on the asked channel only', () => {
    const index = buildNearMissIndex(rows);
    const found = suggestNearMisses(index, 'DY-BABY-SH-001', { channel: 'douyin' });
    expect(found[0]).toEqual({
      channel: 'douyin',
      channelSku: 'DY-BABY-SH-01',
      masterSku: 'BABY-SHOE-01',
      distance: 0,
      rawDistance: 1,
      kind: 'normalised',
    });
    // Then the rows one edit away: SH-02 (a digit) before HAT-01 (beyond the bound).
    expect(codes(found)).toEqual(['DY-BABY-SH-01', 'DY-BABY-SH-02']);
    expect(found[1]).toMatchObject({ distance: 1, kind: 'edit' });
    expect(suggestNearMisses(index, 'DY-BABY-SH-001').filter((row) => row.channel === 'taobao')).toHaveLength(1);
  });

  it('finds swaps, drops and typos within the bound and ranks by distance', () => {
    const index = buildNearMissIndex(rows);
    expect(codes(suggestNearMisses(index, 'DRESS-ERD-M'))).toEqual(['DRESS-RED-M']); // a swap is one edit
    expect(suggestNearMisses(index, 'DRESS-ERD-M')[0]).toMatchObject({ distance: 1 });
    // DYBT1 is short: one edit at most, so the power bank (DYPB1, two edits) is not offered for a headset.
    expect(codes(suggestNearMisses(index, 'DY-BT-0001'))).toEqual(['DY-BT-001']);
    expect(codes(suggestNearMisses(index, 'dy-bt-1'))).toEqual(['DY-BT-001']);
    expect(codes(suggestNearMisses(index, 'DY-BT-1', { maxDistance: 2 }))).toEqual(['DY-BT-001']);
    expect(suggestNearMisses(index, 'DY-BT-1')[0]).toMatchObject({ distance: 0, kind: 'normalised' });
    expect(suggestNearMisses(index, 'ZZZZ-QQQQ-9')).toEqual([]);
    expect(suggestNearMisses(index, '---')).toEqual([]);
    expect(suggestNearMisses(index, 'DY-BABY-SH-9', { limit: 1 })).toHaveLength(1);
  });

  it('keeps short codes to one edit, and never more than maxDistance', () => {
    const index = buildNearMissIndex([
      { channel: 'c', channelSku: 'AB1', masterSku: 'X' },
      { channel: 'c', channelSku: 'XY1', masterSku: 'Y' },
      { channel: 'c', channelSku: 'ABCDEFGHIJKL', masterSku: 'Z' },
    ]);
    expect(codes(suggestNearMisses(index, 'AB2'))).toEqual(['AB1']);
    expect(codes(suggestNearMisses(index, 'ABCDEFGHIJXX'))).toEqual(['ABCDEFGHIJKL']);
    expect(codes(suggestNearMisses(index, 'ABCDEFGHIJXX', { maxDistance: 1 }))).toEqual([]);
  });

  it('agrees with a full scan on generated codes (the q-gram filter loses nothing)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'AB01-';
    const make = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const table = Array.from({ length: 400 }, (_, i) => ({ channel: 'c', channelSku: `S${make(4 + (i % 8))}`, masterSku: `M${i}` }));
    const index = buildNearMissIndex(table);
    for (let q = 0; q < 200; q++) {
      const query = `S${make(4 + (q % 8))}`;
      const key = codeKey(query);
      const bound = Math.min(2, Math.max(1, Math.floor(key.length / 4)));
      const expected = table
        .filter((row) => boundedDamerauLevenshtein(key, codeKey(row.channelSku), bound) <= bound)
        .map((row) => row.masterSku)
        .sort();
      const got = suggestNearMisses(index, query, { limit: 1000 }).map((row) => row.masterSku).sort();
      expect(got, query).toEqual(expected);
    }
  });

  it('measures Damerau–Levenshtein (adjacent swaps) with a bound', () => {
    expect(boundedDamerauLevenshtein('ABCD', 'ABDC', 3)).toBe(1);
    expect(boundedDamerauLevenshtein('ABCD', 'ABCD', 0)).toBe(0);
    expect(boundedDamerauLevenshtein('KITTEN', 'SITTING', 5)).toBe(3);
    expect(boundedDamerauLevenshtein('KITTEN', 'SITTING', 2)).toBe(3);
    expect(boundedDamerauLevenshtein('A', 'ABCD', 1)).toBe(2);
    expect(boundedDamerauLevenshtein('', 'AB', 5)).toBe(2);
  });
});

describe('barcode snapshot', () => {
  it('maps every barcode to its master SKU and units, GTINs in any length', () => {
    const snapshot = buildBarcodeSnapshot([
      { masterSku: 'DRESS-RED-M', barcodes: [{ code: '4006381333931', multiplier: 1 }, { code: '14006381333938', multiplier: 6 }] },
      { masterSku: 'SOCK', barcodes: [{ code: '__proto__', multiplier: 2 }, { code: '04006381333931', multiplier: 9 }] },
    ]);
    expect(lookupBarcode(snapshot, '04006381333931')).toEqual({ masterSku: 'DRESS-RED-M', multiplier: 1 });
    expect(lookupBarcode(snapshot, '14006381333938')).toEqual({ masterSku: 'DRESS-RED-M', multiplier: 6 });
    expect(lookupBarcode(snapshot, '__proto__')).toEqual({ masterSku: 'SOCK', multiplier: 2 });
    expect(lookupBarcode(snapshot, 'constructor')).toBeUndefined();
    expect(snapshot.size).toBe(3);
  });
});

describe('scan key', () => {
  it('is the domain barcodeKey, character for character', () => {
    const samples = ['4006381333931', '04006381333931', '14006381333938', '96385074', '96385075', '036000291452', '036000291453',
      '4006381333932', '400638133393A', 'A006381333931', '', '12345678901', '123456789012345', '__proto__', '0000000000000', '٤006381333931'];
    let seed = 3;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const length = [8, 12, 13, 14, 7, 15][seed % 6]!;
      let code = '';
      for (let j = 0; j < length; j++) code += String((seed >> (j % 16)) % 10);
      samples.push(code);
    }
    for (const code of samples) expect(scanKey(code), code).toBe(barcodeKey(code));
    expect(samples.filter((code) => scanKey(code) !== code).length).toBeGreaterThan(50);
  });
});
