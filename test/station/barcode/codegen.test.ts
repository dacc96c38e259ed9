import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../common/paths.js';
import { AI_TABLE_PATH, DICTIONARY_ENV, aiTableFromDictionary, aiTableSource, dictionaryPath } from '../../../station/barcode/codegen/ai-table.js';
import { DictionaryError, parseDictionary } from '../../../station/barcode/codegen/dictionary.js';

const HEADER = '# Release: 2099-01-01\n#\n';

describe('the generated AI table', () => {
  // CI has the dictionary beside the repository (../shared/gs1/); elsewhere set
  // PACKGATE_GS1_DICTIONARY. Without either this fails, on purpose: a stale table must not pass.
  it(`is what the GS1 Barcode Syntax Dictionary generates now (else run \`npm run generate\`)`, () => {
    const committed = readFileSync(join(packageRoot(), AI_TABLE_PATH), 'utf8');
    expect(committed === aiTableFromDictionary(), `${AI_TABLE_PATH} is stale: run \`npm run generate\``).toBe(true);
  });

  it(`finds the dictionary through ${DICTIONARY_ENV} and fails loudly when it is missing`, () => {
    expect(() => dictionaryPath({ [DICTIONARY_ENV]: '/nonexistent/gs1-syntax-dictionary.txt' })).toThrow(/no such file/);
    expect(dictionaryPath({ [DICTIONARY_ENV]: join(packageRoot(), 'package.json') })).toBe(join(packageRoot(), 'package.json'));
  });
});

describe('the dictionary parser', () => {
  it('reads an AI, its flags, components, linters, attributes and title', () => {
    const { release, entries } = parseDictionary(
      `${HEADER}01 *?  N14,csum,gcppos2  ex=255,37 dlpkey=22,10,21|235  # GTIN\n` +
        '250  ?  X..30  req=01,8006 req=21  # SECONDARY SERIAL\n' +
        '3100-3105 *? N6 req=01,02 ex=310n # NET WEIGHT (kg)\n' +
        '7007 ? N6,yymmdd [N6],yymmdd req=01,02 # HARVEST DATE\n' +
        '8030 ? Z..90 req=00,01+21 # DIGSIG\n' +
        '8110 ? X..70,couponcode\n',
    );
    expect(release).toBe('2099-01-01');
    expect(entries).toEqual([
      {
        ai: '01', title: 'GTIN', fnc1: false, dlAttribute: true,
        parts: [{ cset: 'N', min: 14, max: 14, linters: ['csum', 'gcppos2'] }],
        excludes: ['255', '37'], dlKey: [['22', '10', '21'], ['235']],
      },
      { ai: '250', title: 'SECONDARY SERIAL', fnc1: true, dlAttribute: true, parts: [{ cset: 'X', min: 1, max: 30 }], requires: [[['01'], ['8006']], [['21']]] },
      { ai: '3100', last: '3105', title: 'NET WEIGHT (kg)', fnc1: false, dlAttribute: true, parts: [{ cset: 'N', min: 6, max: 6 }], requires: [[['01'], ['02']]], excludes: ['310n'] },
      {
        ai: '7007', title: 'HARVEST DATE', fnc1: true, dlAttribute: true,
        parts: [{ cset: 'N', min: 6, max: 6, linters: ['yymmdd'] }, { cset: 'N', min: 6, max: 6, optional: true, linters: ['yymmdd'] }],
        requires: [[['01'], ['02']]],
      },
      { ai: '8030', title: 'DIGSIG', fnc1: true, dlAttribute: true, parts: [{ cset: 'Z', min: 1, max: 90 }], requires: [[['00'], ['01', '21']]] },
      { ai: '8110', title: '', fnc1: true, dlAttribute: true, parts: [{ cset: 'X', min: 1, max: 70, linters: ['couponcode'] }] },
    ]);
  });

  it.each([
    ['no release line', '00 * N18 # SSCC\n'],
    ['an unknown component', `${HEADER}00 * Q18 # SSCC\n`],
    ['a variable component before another', `${HEADER}421 ? X..9 N3 # SHIP TO POST\n`],
    ['a mandatory component after an optional one', `${HEADER}7007 ? [N6] N6 # HARVEST DATE\n`],
    ['a bad AI pattern', `${HEADER}10 ? X..20 req=0x # BATCH\n`],
    ['entries out of order', `${HEADER}10 ? X..20 # BATCH\n01 * N14 # GTIN\n`],
    ['a reversed range', `${HEADER}3105-3100 * N6 # NET WEIGHT\n`],
  ])('refuses %s', (_, text) => {
    expect(() => parseDictionary(text)).toThrow(DictionaryError);
  });

  it('refuses a dictionary that names a linter packgate does not implement', () => {
    expect(() => aiTableSource(`${HEADER}99 ? X..90,newlinter # INTERNAL\n`)).toThrow(/newlinter/);
  });
});
