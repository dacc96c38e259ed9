import { describe, expect, it } from 'vitest';
import { domainErrorKind, getOwn } from '../../../hub/domain/index.js';
import { Harness, malformed } from '../domain/harness.js';

const dress = { brand: 'Acme', category: 'Dress', attributes: { colour: 'Red', size: 'M', year: 2026 } };
const ean = (code: string) => [{ code, multiplier: 1 }];

describe('master catalog attributes', () => {
  it('stores attributes on a catalog item, checked as for ids', () => {
    const h = new Harness();
    const events = h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: ean('4006381333931'), attributes: dress });
    expect(events).toMatchObject([{ type: 'catalog.item-set', sku: 'DRESS-RED-M', attributes: dress, version: 1 }]);
    expect(getOwn(h.state.catalog, 'DRESS-RED-M')!.attributes).toEqual(dress);
    const blank = h.refused({ type: 'setCatalogItem', masterSku: 'X', barcodes: [], attributes: { brand: ' - ', category: 'Dress' } });
    expect(blank).toBe('ATTRIBUTE_MISSING');
    expect(domainErrorKind(blank)).toBe('invalid');
    expect(h.refused({ type: 'setCatalogItem', masterSku: 'X', barcodes: [], attributes: { brand: 'A', category: 'B', attributes: { color: 'Red', colour: 'Red' } } })).toBe('ATTRIBUTE_BAD_NAME');
    expect(h.refused({ type: 'setCatalogItem', masterSku: 'X', barcodes: [], attributes: { brand: 'A', category: 'B', attributes: { colour: '--' } } })).toBe('ATTRIBUTE_EMPTY');
  });

  it('refuses attribute names that are not names, `__proto__` included', () => {
    const h = new Harness();
    const body = (attributes: unknown) => malformed({ type: 'setCatalogItem', masterSku: 'X', barcodes: [], attributes: { brand: 'A', category: 'B', attributes } });
    expect(h.refused(body(JSON.parse('{"__proto__": "x"}')))).toBe('BAD_COMMAND');
    expect(h.refused(body({ '1size': 'M' }))).toBe('BAD_COMMAND');
    expect(h.refused(body({ size: { nested: true } }))).toBe('BAD_COMMAND');
  });

  it('refuses a second item with the same attributes after normalising', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [], attributes: dress });
    const twin = { brand: 'ACME', category: 'dress', attributes: { Color: ' red', size: 'm', year: '2026' } };
    const code = h.refused({ type: 'setCatalogItem', masterSku: 'OTHER', barcodes: [], attributes: twin });
    expect(code).toBe('MASTER_SKU_DUPLICATE');
    expect(domainErrorKind(code)).toBe('conflict');
  });
});

describe('createMasterSku', () => {
  it('derives the id from the attributes; the event carries it', () => {
    const h = new Harness();
    const events = h.ok({ type: 'createMasterSku', ...dress, barcodes: ean('4006381333931'), tracking: { batch: true } });
    expect(events).toMatchObject([{ type: 'catalog.item-set', sku: 'ACME-DRESS-2026-RED-M', version: 1 }]);
    expect(getOwn(h.state.catalog, 'ACME-DRESS-2026-RED-M')).toEqual({
      masterSku: 'ACME-DRESS-2026-RED-M',
      barcodes: ean('4006381333931'),
      tracking: { batch: true },
      attributes: dress,
    });
    // The same product again, spelt otherwise: the same id, the item keeps the new spelling.
    expect(h.ok({ type: 'createMasterSku', brand: 'ACME', category: 'dress', attributes: { Color: 'red', size: 'm', year: 2026 }, barcodes: ean('4006381333931'), tracking: { batch: true } })).toMatchObject([
      { type: 'catalog.item-set', attributes: { brand: 'ACME' } },
    ]);
  });

  it('refuses an id taken by an item with other attributes, and bad attributes with their code', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'ACME-DRESS-2026-RED-M', barcodes: [] });
    const taken = h.refused({ type: 'createMasterSku', ...dress, barcodes: [] });
    expect(taken).toBe('MASTER_SKU_TAKEN');
    expect(domainErrorKind(taken)).toBe('conflict');
    h.ok({ type: 'setCatalogItem', masterSku: 'ACME-DRESS-2026-RED-M', barcodes: [], attributes: { ...dress, attributes: { ...dress.attributes, material: 'silk' } } });
    expect(h.refused({ type: 'createMasterSku', ...dress, barcodes: [] })).toBe('MASTER_SKU_TAKEN');
    expect(h.refused({ type: 'createMasterSku', brand: 'Acme', category: '...', barcodes: [] })).toBe('ATTRIBUTE_MISSING');
  });

  it('keeps barcodes unique across derived ids', () => {
    const h = new Harness();
    h.ok({ type: 'createMasterSku', ...dress, barcodes: ean('4006381333931') });
    expect(h.refused({ type: 'createMasterSku', ...dress, attributes: { ...dress.attributes, size: 'L' }, barcodes: ean('04006381333931') })).toBe('BARCODE_TAKEN');
  });
});
