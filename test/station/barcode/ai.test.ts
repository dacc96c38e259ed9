import { describe, expect, it } from 'vitest';
import { AI_SPECS, AI_TABLE, GS1_DICTIONARY_RELEASE, PREDEFINED_LENGTH, aiSpec } from '../../../station/barcode/index.js';
import { aiAt, aiSpecOrUnknown } from '../../../station/barcode/ai.js';
import { LINTERS } from '../../../station/barcode/linters.js';

function matches(pattern: string, ai: string): boolean {
  return pattern.length === ai.length && [...pattern].every((c, i) => c === 'n' || c === ai.charAt(i));
}

describe('the AI table', () => {
  it(`comes from GS1 Barcode Syntax Dictionary release ${GS1_DICTIONARY_RELEASE}`, () => {
    expect(GS1_DICTIONARY_RELEASE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(AI_TABLE.length).toBeGreaterThan(200);
  });

  it('has every AI once, and is prefix-free, so an AI is found by its first 2, 3 or 4 digits alone', () => {
    const ais = AI_SPECS.map((spec) => spec.ai);
    expect(new Set(ais).size).toBe(ais.length);
    const set = new Set(ais);
    const prefixed = ais.filter((ai) => [2, 3].some((length) => length < ai.length && set.has(ai.slice(0, length))));
    expect(prefixed).toEqual([]);
  });

  it('keeps every AI of a two-digit family the same length (what lets unknown AIs be split)', () => {
    const lengths = new Map<string, Set<number>>();
    for (const { ai } of AI_SPECS) lengths.set(ai.slice(0, 2), (lengths.get(ai.slice(0, 2)) ?? new Set()).add(ai.length));
    for (const [family, set] of lengths) expect(set.size, family).toBe(1);
  });

  it('needs no FNC1 exactly after the AIs of the GenSpecs predefined-length table, at that length', () => {
    for (const spec of AI_SPECS) {
      const total = PREDEFINED_LENGTH[spec.ai.slice(0, 2)];
      expect(spec.fnc1, spec.ai).toBe(total === undefined);
      if (total !== undefined) {
        expect(spec.minLength, spec.ai).toBe(spec.maxLength);
        expect(spec.ai.length + spec.maxLength, spec.ai).toBe(total);
      }
    }
  });

  it('names only linters that packgate implements', () => {
    const named = new Set(AI_TABLE.flatMap((entry) => entry.parts.flatMap((part) => part.linters ?? [])));
    for (const name of named) expect(LINTERS[name], name).toBeTypeOf('function');
  });

  it('names in its pairing rules and Digital Link qualifiers only AIs or patterns that match an AI of the table', () => {
    const ais = AI_SPECS.map((spec) => spec.ai);
    for (const entry of AI_TABLE) {
      const patterns = [...(entry.requires ?? []).flat(2), ...(entry.excludes ?? []), ...(entry.dlKey ?? []).flat()];
      for (const pattern of patterns) expect(ais.some((ai) => matches(pattern, ai)), `(${entry.ai}) names ${pattern}`).toBe(true);
    }
  });

  it('has the AIs issue #18 found missing from the hand-written table', () => {
    const wanted = ['3922', '3925', '423', '424', '425', '426', '8006', '3310', '3365', '235', '242', '03', '7007', '7011', '4324', '4325', '4326', '8008', '3372', '3661', '3691', '8001', '8003', '8030', '253', '255', '7230', '8111'];
    expect(wanted.filter((ai) => aiSpec(ai) === undefined)).toEqual([]);
  });

  it('has the Digital Link primary keys of the dictionary', () => {
    const keys = AI_SPECS.filter((spec) => spec.entry?.dlKey).map((spec) => spec.ai);
    expect(keys).toEqual(['00', '01', '253', '255', '401', '402', '414', '415', '417', '8003', '8004', '8006', '8010', '8013', '8017', '8018']);
  });
});

describe('AIs packgate does not know', () => {
  it('are taken from raw data when their family gives their length', () => {
    expect(aiAt('3999123', 0)).toMatchObject({ ai: '3999', format: 'unknown', fnc1: true });
    expect(aiAt('3199123456', 0)).toMatchObject({ ai: '3199', maxLength: 6, fnc1: false }); // 31nn: predefined N6
    expect(aiAt('4191234567890123', 0)).toMatchObject({ ai: '419', maxLength: 13, fnc1: false });
    expect(aiAt('14123456', 0)).toMatchObject({ ai: '14', maxLength: 6, fnc1: false }); // reserved in GenSpecs 7.8.5
    expect(aiAt('891234', 0)).toBeUndefined(); // family 89 unknown: its AI length cannot be told
  });

  it('are accepted written out when well formed, and refused when they clash with a known AI', () => {
    expect(aiSpecOrUnknown('89')).toMatchObject({ ai: '89', format: 'unknown', maxLength: 90 });
    expect(aiSpecOrUnknown('3999')).toMatchObject({ format: 'unknown' });
    expect(aiSpecOrUnknown('7299')).toMatchObject({ format: 'unknown' });
    for (const clash of ['011', '800', '80', '399', '2367', '4199', '141', '1', '12345', 'AB']) expect(aiSpecOrUnknown(clash), clash).toBeUndefined();
  });
});
