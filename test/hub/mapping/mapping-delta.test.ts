import { describe, expect, it } from 'vitest';
import { catalogBarcodes } from '../../../hub/domain/index.js';
import { catalogDelta, mappingContent, pendingList, sameMappingContent } from '../../../hub/mapping/mapping-delta.js';
import { Harness } from '../domain/harness.js';

const EAN = '4006381333931';
const GTIN14 = `0${EAN}`;

/** Applies the delta to the barcodes it was made from, as a station does. */
function applied(before: Record<string, unknown>, delta: ReturnType<typeof catalogDelta>): Record<string, unknown> {
  const next = { ...before };
  for (const code of delta.removed) delete next[code];
  return { ...next, ...delta.set };
}

describe('catalogDelta', () => {
  it('carries added, changed and removed barcodes, keyed as the snapshot keys them, and nothing unchanged', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: EAN, multiplier: 1 }, { code: 'CASE-DRESS', multiplier: 6 }] });
    h.ok({ type: 'setCatalogItem', masterSku: 'SOCK-01', barcodes: [{ code: 'SOCK-BC', multiplier: 1 }] });
    const before = h.state;
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: EAN, multiplier: 1 }, { code: 'CASE-DRESS', multiplier: 12 }] });
    h.ok({ type: 'setCatalogItem', masterSku: 'SOCK-01', barcodes: [] });
    h.ok({ type: 'setCatalogItem', masterSku: 'BT-001', barcodes: [{ code: 'BT-BC', multiplier: 1 }] });

    const delta = catalogDelta(before.catalog, h.state.catalog);

    expect(delta.set).toEqual({ 'CASE-DRESS': { masterSku: 'DRESS-RED-M', multiplier: 12 }, 'BT-BC': { masterSku: 'BT-001', multiplier: 1 } });
    expect(delta.removed).toEqual(['SOCK-BC']);
    expect(applied(catalogBarcodes(before), delta)).toEqual({ ...catalogBarcodes(h.state) });
    expect(Object.keys(catalogBarcodes(h.state))).toContain(GTIN14);
  });

  it('is empty for the same catalog, and for a rewrite of an item with the same barcodes', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: EAN, multiplier: 1 }] });
    const before = h.state;
    expect(catalogDelta(before.catalog, before.catalog)).toEqual({ set: {}, removed: [] });
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: EAN, multiplier: 1 }], tracking: { batch: true } });
    expect(h.state.catalog).not.toBe(before.catalog);
    expect(catalogDelta(before.catalog, h.state.catalog)).toEqual({ set: {}, removed: [] });
  });

  it('moves a barcode from one item to another as a set, not a removal', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'A', barcodes: [{ code: 'X1', multiplier: 1 }] });
    const before = h.state;
    h.ok({ type: 'setCatalogItem', masterSku: 'A', barcodes: [] });
    h.ok({ type: 'setCatalogItem', masterSku: 'B', barcodes: [{ code: 'X1', multiplier: 1 }] });
    expect(catalogDelta(before.catalog, h.state.catalog)).toEqual({ set: { X1: { masterSku: 'B', multiplier: 1 } }, removed: [] });
  });

  it('treats __proto__ as a barcode like any other', () => {
    const h = new Harness();
    const before = h.state;
    h.ok({ type: 'setCatalogItem', masterSku: 'ODD', barcodes: [{ code: '__proto__', multiplier: 1 }] });
    const delta = catalogDelta(before.catalog, h.state.catalog);
    expect(Object.hasOwn(delta.set, '__proto__')).toBe(true);
    expect(Object.keys(delta.set)).toEqual(['__proto__']);
  });
});

describe('mapping content', () => {
  it('is the catalog version and the sorted pending SKUs; a mapping change moves it, a confirmation moves it back', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
    const start = mappingContent(h.state);
    expect(start.pending).toEqual([]);
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-001' });
    const held = mappingContent(h.state);
    expect(held).toEqual({ catalogVersion: start.catalogVersion, pending: ['BT-001', 'BT-002'] });
    expect(pendingList(h.state)).toEqual(['BT-001', 'BT-002']);
    expect(sameMappingContent(start, held)).toBe(false);
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    expect(sameMappingContent(start, mappingContent(h.state))).toBe(true);
  });
});
