import { describe, expect, it } from 'vitest';
import { nearMissIndexOf, suggestionsFor } from '../../../../hub/api/routes/mapping-records.js';
import type { MappingRow } from '../../../../hub/domain/index.js';

describe('the near-miss index the API keeps', () => {
  const table: Record<string, MappingRow> = {
    'douyin:DY-BABY-SH-001': { channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' },
    'taobao:BABY-SH-001': { channel: 'taobao', channelSku: 'BABY-SH-001', masterSku: 'BABY-SH-01' },
  };

  it('is built once per mappings object, and anew for a changed table', () => {
    const index = nearMissIndexOf(table);
    expect(nearMissIndexOf(table)).toBe(index);
    // The domain replaces the object when a row changes (copy-on-write).
    const changed = { ...table, 'douyin:DY-SOCK-01': { channel: 'douyin' as const, channelSku: 'DY-SOCK-01', masterSku: 'SOCK-01' } };
    expect(nearMissIndexOf(changed)).not.toBe(index);
    expect(nearMissIndexOf(changed).size).toBe(3);
  });

  it('answers in the API shape, of one channel or all', () => {
    expect(suggestionsFor(table, 'dy-baby-sh-1', { channel: 'douyin' })).toEqual([
      { channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01', distance: 0, kind: 'normalised' },
    ]);
    expect(suggestionsFor(table, 'BABY-SH-01', {}).map((s) => s.channelSku)).toEqual(['BABY-SH-001']);
  });
});
