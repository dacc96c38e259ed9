import { describe, expect, it } from 'vitest';
import {
  MAX_TEMPLATE_LENGTH,
  evaluateTemplate,
  parseTemplate,
  templateFields,
  templateValues,
  tokenize,
  type CatalogEntry,
  type Template,
} from '../../../../hub/mapping/catalog/index.js';

function parse(source: string, fields?: string[]): Template {
  const parsed = parseTemplate(source, fields ? { fields } : {});
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}`);
  return parsed.template;
}

function run(source: string, entry: CatalogEntry, fields?: string[]): string {
  const values = templateValues(entry);
  if ('ok' in values) throw new Error(values.code);
  const result = evaluateTemplate(parse(source, fields), values);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.channelSku;
}

function refusal(source: string, fields?: string[]): { code: string; position: number | undefined } {
  const parsed = parseTemplate(source, fields ? { fields } : {});
  if (parsed.ok) throw new Error(`parsed ${source}`);
  return { code: parsed.code, position: parsed.position };
}

const dress: CatalogEntry = {
  masterSku: 'ACME-DRESS-2026-RED-M',
  brand: 'Acme',
  category: 'Dress',
  attributes: { year: 2026, colour: 'Red', size: 'M', style: 'A-line' },
};

describe('channel rule templates: evaluation', () => {
  it('derives the Douyin code: fixed text, fields, the year’s last two digits', () => {
    expect(run('DY-{category}-{colour}-{size}-{year|right(2)}', dress)).toBe('DY-DRESS-RED-M-26');
  });

  it('has substrings, padding, case, replace, a hash and defaults', () => {
    expect(run('{colour|left(1)}{size|lower}', dress)).toBe('Rm');
    expect(run('{year|slice(1, 3)}-{year|slice(-3)}', dress)).toBe('02-026');
    expect(run('{size|pad(3)}-{size|pad(4, "X")}', dress)).toBe('00M-XXXM');
    expect(run('{year|pad(2)}', dress)).toBe('2026'); // padding never cuts
    expect(run('{style|replace("_", "")}', dress)).toBe('ALINE');
    expect(run('{sku|hash}', dress)).toMatch(/^[0-9A-Z]{4}$/);
    expect(run('{sku|hash(6)}', dress)).toMatch(/^[0-9A-Z]{6}$/);
    expect(run('{sku | hash( 6 ) | lower}', dress)).toBe(run('{sku|hash(6)}', dress).toLowerCase());
    expect(run('X-{material|default("NA")}-{material|default("NA")|left(1)}', dress)).toBe('X-NA-N');
    expect(run('PDD{year|right(2)}{colour|left(1)}{size|pad(3)}', dress)).toBe('PDD26R00M');
  });

  it('reads every attribute a catalog has when told its fields', () => {
    const bank: CatalogEntry = { masterSku: 'ANKER-PB', brand: 'Anker', category: 'Power bank', attributes: { capacity: '10000mAh' } };
    const fields = templateFields([dress, bank]);
    expect(fields).toContain('capacity');
    expect(run('PB-{capacity}', bank, fields)).toBe('PB-10000MAH');
    expect(run('{color}', dress)).toBe('RED'); // `color` is `colour`
  });

  it('reports a missing field and a result that is not a channel SKU', () => {
    const values = templateValues({ masterSku: 'X', brand: 'B', category: 'C' });
    if ('ok' in values) throw new Error(values.code);
    expect(evaluateTemplate(parse('DY-{colour}'), values)).toMatchObject({ ok: false, code: 'TEMPLATE_FIELD_MISSING', field: 'colour', position: 4 });
    expect(evaluateTemplate(parse('{brand|replace("B", "")}'), values)).toMatchObject({ ok: false, code: 'TEMPLATE_BAD_CODE' });
    expect(evaluateTemplate(parse('-{brand}'), values)).toMatchObject({ ok: false, code: 'TEMPLATE_BAD_CODE' });
    expect(evaluateTemplate(parse('{brand|pad(64)}X'), values)).toMatchObject({ ok: false, code: 'TEMPLATE_BAD_CODE' });
  });
});

describe('channel rule templates: malformed templates', () => {
  it.each([
    ['', 'TEMPLATE_SYNTAX', 0],
    ['DY {size}', 'TEMPLATE_SYNTAX', 2],
    ['DY-}', 'TEMPLATE_SYNTAX', 3],
    ['DY-{size', 'TEMPLATE_SYNTAX', 3],
    ['DY-{}', 'TEMPLATE_SYNTAX', 4],
    ['DY-{size{colour}}', 'TEMPLATE_SYNTAX', 8],
    ['DY-{size|}', 'TEMPLATE_SYNTAX', 9],
    ['DY-{size left}', 'TEMPLATE_SYNTAX', 9],
    ['DY-{size|left(2}', 'TEMPLATE_SYNTAX', 15],
    ['DY-{size|left(2,)}', 'TEMPLATE_SYNTAX', 16],
    ['DY-{size|default("X)}', 'TEMPLATE_SYNTAX', 17],
    ['DY-{size|left(1234567)}', 'TEMPLATE_SYNTAX', 14],
    ['DY-{size;}', 'TEMPLATE_SYNTAX', 8],
    ['DY-{"size"}', 'TEMPLATE_SYNTAX', 4],
    ['x'.repeat(MAX_TEMPLATE_LENGTH + 1), 'TEMPLATE_TOO_LONG', MAX_TEMPLATE_LENGTH],
    ['DY-{colur}', 'TEMPLATE_UNKNOWN_FIELD', 4],
    ['DY-{size|reverse}', 'TEMPLATE_UNKNOWN_FUNCTION', 9],
    ['DY-{size|constructor}', 'TEMPLATE_UNKNOWN_FUNCTION', 9],
    ['DY-{size|left}', 'TEMPLATE_BAD_ARGUMENT', 9],
    ['DY-{size|left(0)}', 'TEMPLATE_BAD_ARGUMENT', 14],
    ['DY-{size|left("2")}', 'TEMPLATE_BAD_ARGUMENT', 14],
    ['DY-{size|left(1, 2)}', 'TEMPLATE_BAD_ARGUMENT', 17], // the first argument too many,
    ['DY-{size|upper(1)}', 'TEMPLATE_BAD_ARGUMENT', 15],
    ['DY-{size|pad(3, "00")}', 'TEMPLATE_BAD_ARGUMENT', 16],
    ['DY-{size|pad(3, " ")}', 'TEMPLATE_BAD_ARGUMENT', 16],
    ['DY-{size|hash(8)}', 'TEMPLATE_BAD_ARGUMENT', 14],
    ['DY-{size|default("")}', 'TEMPLATE_BAD_ARGUMENT', 17],
    ['DY-{size|replace("-", "#")}', 'TEMPLATE_BAD_ARGUMENT', 22],
  ])('%j is refused with %s at %i', (source, code, position) => {
    expect(refusal(source)).toEqual({ code, position });
  });

  it('refuses a field the catalog does not have, and says which', () => {
    const parsed = parseTemplate('PB-{capacity}');
    expect(parsed).toMatchObject({ ok: false, code: 'TEMPLATE_UNKNOWN_FIELD', field: 'capacity' });
    expect(parseTemplate('PB-{capacity}', { fields: ['capacity'] }).ok).toBe(true);
  });

  it('tokenizes text, names, numbers, strings and punctuation with their offsets', () => {
    const lexed = tokenize('A-{x|f(-2, "s")}');
    expect(lexed.ok && lexed.tokens.map((token) => [token.kind, token.position])).toEqual([
      ['text', 0],
      ['open', 2],
      ['name', 3],
      ['pipe', 4],
      ['name', 5],
      ['lparen', 6],
      ['int', 7],
      ['comma', 9],
      ['string', 11],
      ['rparen', 14],
      ['close', 15],
      ['end', 16],
    ]);
  });

  it('lists the fields a template reads', () => {
    expect(parse('DY-{category}-{colour}-{category|left(1)}').fields).toEqual(['category', 'colour']);
  });
});
