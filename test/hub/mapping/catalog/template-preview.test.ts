import { describe, expect, it } from 'vitest';
import { parseTemplate, previewTemplate, type CatalogEntry, type Template } from '../../../../hub/mapping/catalog/index.js';

function parse(source: string): Template {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(parsed.code);
  return parsed.template;
}

const entry = (masterSku: string, colour: string | undefined, size: string, style?: string): CatalogEntry => ({
  masterSku,
  brand: 'Acme',
  category: 'Dress',
  attributes: { year: 2026, size, ...(colour ? { colour } : {}), ...(style ? { style } : {}) },
});

const catalog: CatalogEntry[] = [
  entry('ACME-DRESS-2026-RED-M', 'Red', 'M'),
  entry('ACME-DRESS-2026-RED-L', 'Red', 'L'),
  entry('ACME-DRESS-MAXI-2026-RED-M', 'Red', 'M', 'Maxi'),
  entry('ACME-DRESS-2026-M', undefined, 'M'),
  { masterSku: 'BROKEN', brand: 'Acme', category: 'Dress', attributes: { colour: '--' } },
];

describe('template preview', () => {
  it('gives every row, the items it cannot code, collisions and conflicts with explicit rows', () => {
    const preview = previewTemplate(parse('DY-{category}-{colour}-{size}-{year|right(2)}'), catalog, {
      existing: [
        { channelSku: 'DY-DRESS-RED-L-26', masterSku: 'ACME-DRESS-2026-RED-L' },
        { channelSku: 'DY-DRESS-RED-M-26', masterSku: 'OLD-DRESS' },
      ],
    });
    expect(preview.rows).toEqual([
      { masterSku: 'ACME-DRESS-2026-RED-M', channelSku: 'DY-DRESS-RED-M-26' },
      { masterSku: 'ACME-DRESS-2026-RED-L', channelSku: 'DY-DRESS-RED-L-26' },
      { masterSku: 'ACME-DRESS-MAXI-2026-RED-M', channelSku: 'DY-DRESS-RED-M-26' },
    ]);
    expect(preview.errors.map(({ masterSku, code }) => ({ masterSku, code }))).toEqual([
      { masterSku: 'ACME-DRESS-2026-M', code: 'TEMPLATE_FIELD_MISSING' },
      { masterSku: 'BROKEN', code: 'ATTRIBUTE_EMPTY' },
    ]);
    expect(preview.collisions).toEqual([{ channelSku: 'DY-DRESS-RED-M-26', masterSkus: ['ACME-DRESS-2026-RED-M', 'ACME-DRESS-MAXI-2026-RED-M'] }]);
    expect(preview.conflicts).toEqual([
      { channelSku: 'DY-DRESS-RED-M-26', masterSku: 'ACME-DRESS-2026-RED-M', mappedTo: 'OLD-DRESS' },
      { channelSku: 'DY-DRESS-RED-M-26', masterSku: 'ACME-DRESS-MAXI-2026-RED-M', mappedTo: 'OLD-DRESS' },
    ]);
  });

  it('has no collision once the template tells the items apart', () => {
    const preview = previewTemplate(parse('DY-{category}-{colour|default("NA")}-{size}-{style|default("STD")|left(3)}'), catalog.slice(0, 4));
    expect(preview.errors).toEqual([]);
    expect(preview.collisions).toEqual([]);
    expect(preview.rows.map((row) => row.channelSku)).toEqual(['DY-DRESS-RED-M-STD', 'DY-DRESS-RED-L-STD', 'DY-DRESS-RED-M-MAX', 'DY-DRESS-NA-M-STD']);
  });
});
