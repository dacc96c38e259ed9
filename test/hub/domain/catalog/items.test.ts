import { describe, expect, it } from 'vitest';
import { barcodeKey, catalogBarcodes, createDomainState, restoreDomainState } from '../../../../hub/domain/index.js';
import { Harness } from '../harness.js';

describe('catalog', () => {
  it('sets an item whole, raising the catalog version, and ignores a repeat', () => {
    const h = new Harness();
    const events = h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: '4006381333931', multiplier: 1 }, { code: '14006381333938', multiplier: 6 }] });
    expect(events).toMatchObject([{ type: 'catalog.item-set', sku: 'DRESS-RED-M', version: 1 }]);
    expect(h.state.catalogVersion).toBe(1);
    expect(h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: '4006381333931', multiplier: 1 }, { code: '14006381333938', multiplier: 6 }] })).toEqual([]);
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: '4006381333931', multiplier: 1 }], tracking: { batch: true } });
    expect(h.state.catalog['DRESS-RED-M']).toEqual({ masterSku: 'DRESS-RED-M', barcodes: [{ code: '4006381333931', multiplier: 1 }], tracking: { batch: true } });
    expect(h.state.catalogVersion).toBe(2);
  });

  it('keeps a unit weight with the item and refuses a negative one', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'MUG', barcodes: [{ code: 'MUG-1', multiplier: 1 }], unitWeightGrams: 320.5 });
    expect(h.state.catalog['MUG']).toEqual({ masterSku: 'MUG', barcodes: [{ code: 'MUG-1', multiplier: 1 }], unitWeightGrams: 320.5 });
    expect(h.refused({ type: 'setCatalogItem', masterSku: 'MUG', barcodes: [{ code: 'MUG-1', multiplier: 1 }], unitWeightGrams: -1 })).toBe('BAD_COMMAND');
  });

  it('gives a barcode to one master SKU only, comparing GTINs in any length', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'BT-001', barcodes: [{ code: '4006381333931', multiplier: 1 }] });
    expect(h.refused({ type: 'setCatalogItem', masterSku: 'BT-002', barcodes: [{ code: '04006381333931', multiplier: 1 }] })).toBe('BARCODE_TAKEN');
    expect(h.refused({ type: 'setCatalogItem', masterSku: 'BT-002', barcodes: [{ code: 'A', multiplier: 1 }, { code: 'A', multiplier: 2 }] })).toBe('BAD_COMMAND');
    expect(h.refused({ type: 'setCatalogItem', masterSku: 'BT-002', barcodes: [{ code: 'has space', multiplier: 1 }] })).toBe('BAD_COMMAND');
  });

  it('lists every barcode for the stations, GTINs as GTIN-14, `__proto__` as a plain code', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'SOCK', barcodes: [{ code: '5901234123457', multiplier: 1 }, { code: '__proto__', multiplier: 2 }] });
    const barcodes = catalogBarcodes(h.state);
    expect(Object.keys(barcodes).sort()).toEqual(['05901234123457', '__proto__']);
    expect(barcodes['__proto__']).toEqual({ masterSku: 'SOCK', multiplier: 2 });
    expect(barcodeKey('5901234123458')).toBe('5901234123458');
  });

  it('restores a state saved before the catalog existed', () => {
    const { catalog: _catalog, catalogVersion: _version, ...older } = createDomainState();
    const restored = restoreDomainState(JSON.parse(JSON.stringify(older)));
    expect(restored.catalog).toEqual({});
    expect(restored.catalogVersion).toBe(0);
  });
});
