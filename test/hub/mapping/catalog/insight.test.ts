import { describe, expect, it } from 'vitest';
import { nearMissIndexOf, suggestionsFor } from '../../../../hub/mapping/catalog/index.js';
import { buildAudit } from '../../../../hub/domain/audit.js';
import { createDomainState, DEFAULT_DOMAIN_CONFIG, type MappingRow } from '../../../../hub/domain/state.js';
import { createTx } from '../../../../hub/domain/tx.js';
import { Harness } from '../../domain/harness.js';

describe('the near-miss index of the mapping rows', () => {
  const table: Record<string, MappingRow> = {
    'douyin:DY-BABY-SH-001': { channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' },
    'taobao:BABY-SH-001': { channel: 'taobao', channelSku: 'BABY-SH-001', masterSku: 'BABY-SH-01' },
  };

  it('is built once per mapping table, and anew for a changed table', () => {
    const index = nearMissIndexOf({ mappings: table });
    expect(nearMissIndexOf({ mappings: table })).toBe(index);
    // The domain replaces the object when a row changes (copy-on-write).
    const changed = { ...table, 'douyin:DY-SOCK-01': { channel: 'douyin' as const, channelSku: 'DY-SOCK-01', masterSku: 'SOCK-01' } };
    expect(nearMissIndexOf({ mappings: changed })).not.toBe(index);
    expect(nearMissIndexOf({ mappings: changed }).size).toBe(3);
  });

  it('follows the commands: kept while no row changes, rebuilt when one does, never kept for a command under way', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' });
    const index = nearMissIndexOf(h.state);
    h.order('1', [['A', 1]], 'taobao');
    h.ok({ type: 'removeMapping', channel: 'taobao', channelSku: 'taobao-A' });
    expect(nearMissIndexOf(h.state)).not.toBe(index);
    const kept = nearMissIndexOf(h.state);
    h.ok({ type: 'setOnHand', sku: 'A', warehouse: 'W1', quantity: 3 });
    expect(nearMissIndexOf(h.state)).toBe(kept);
    expect(suggestionsFor(h.state, 'dy-baby-sh-1', { channel: 'douyin' }).map((s) => s.channelSku)).toEqual(['DY-BABY-SH-001']);

    const tx = createTx(h.state, h.now, DEFAULT_DOMAIN_CONFIG, () => undefined, buildAudit({ type: 'tick' }, h.context()));
    tx.put('mappings', 'douyin:DY-SOCK-01', { channel: 'douyin', channelSku: 'DY-SOCK-01', masterSku: 'SOCK-01' });
    expect(nearMissIndexOf(tx.state).size).toBe(2);
    tx.put('mappings', 'douyin:DY-SOCK-02', { channel: 'douyin', channelSku: 'DY-SOCK-02', masterSku: 'SOCK-02' });
    expect(nearMissIndexOf(tx.state).size).toBe(3);
    expect(nearMissIndexOf(tx.result()).size).toBe(3);
  });

  it('answers in the API shape, of one channel or all', () => {
    const state = { ...createDomainState(), mappings: table };
    expect(suggestionsFor(state, 'dy-baby-sh-1', { channel: 'douyin' })).toEqual([
      { channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01', distance: 0, kind: 'normalised' },
    ]);
    expect(suggestionsFor(state, 'BABY-SH-01', {}).map((s) => s.channelSku)).toEqual(['BABY-SH-001']);
  });
});
