import { describe, expect, it } from 'vitest';
import { diffMappings } from '../../../hub/mapping/catalog/index.js';
import { createDomainState, restoreDomainState } from '../../../hub/domain/index.js';
import { mappingTableAt } from '../../../hub/mapping/index.js';
import { Harness } from '../domain/harness.js';

const row = (channelSku: string, masterSku: string) => ({ channel: 'douyin' as const, channelSku, masterSku });

describe('mapping change log', () => {
  it('records every row change with its version, who, when and why', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', ...row('DY-BT-002', 'BT-002') });
    h.advance(60_000);
    h.ok({ type: 'setMapping', ...row('DY-BT-002', 'PB-001'), note: 'new listing' }, { actor: { kind: 'token', id: 'tok-7' } });
    h.ok({ type: 'rollbackMapping', channel: 'douyin', channelSku: 'DY-BT-002', note: 'wrong product' });
    h.ok({ type: 'setMappings', rows: [{ ...row('DY-SOCK', 'SOCK'), note: 'sheet line 4' }], removals: [{ channel: 'douyin', channelSku: 'DY-BT-002' }], note: 'sheet' });
    h.ok({ type: 'setMapping', ...row('DY-SOCK', 'SOCK-2') });
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-SOCK' });
    expect(h.state.mappingVersion).toBe(7);
    expect(h.state.mappingLog).toEqual([
      { version: 1, at: '2026-03-02T08:00:00.000Z', by: 'Li Na', channel: 'douyin', channelSku: 'DY-BT-002', kind: 'set', to: 'BT-002' },
      { version: 2, at: '2026-03-02T08:01:00.000Z', by: 'tok-7', channel: 'douyin', channelSku: 'DY-BT-002', kind: 'set', from: 'BT-002', to: 'PB-001', note: 'new listing' },
      { version: 3, at: '2026-03-02T08:01:00.000Z', by: 'Li Na', channel: 'douyin', channelSku: 'DY-BT-002', kind: 'rolled-back', from: 'PB-001', to: 'BT-002', note: 'wrong product' },
      { version: 4, at: '2026-03-02T08:01:00.000Z', by: 'Li Na', channel: 'douyin', channelSku: 'DY-BT-002', kind: 'removed', from: 'BT-002', note: 'sheet' },
      { version: 5, at: '2026-03-02T08:01:00.000Z', by: 'Li Na', channel: 'douyin', channelSku: 'DY-SOCK', kind: 'set', to: 'SOCK', note: 'sheet line 4' },
      { version: 6, at: '2026-03-02T08:01:00.000Z', by: 'Li Na', channel: 'douyin', channelSku: 'DY-SOCK', kind: 'set', from: 'SOCK', to: 'SOCK-2' },
      { version: 7, at: '2026-03-02T08:01:00.000Z', by: 'Li Na', channel: 'douyin', channelSku: 'DY-SOCK', kind: 'confirmed', from: 'SOCK', to: 'SOCK-2' },
    ]);
    // A command that changes nothing logs nothing.
    expect(h.ok({ type: 'setMapping', ...row('DY-SOCK', 'SOCK-2') })).toEqual([]);
    expect(h.state.mappingVersion).toBe(7);
  });

  it('rebuilds the table at any version, so two versions can be diffed', () => {
    const h = new Harness();
    h.ok({ type: 'setMappings', rows: [row('DY-A', 'A'), row('DY-B', 'B'), row('DY-C', 'C')] });
    const v3 = h.state.mappingVersion;
    h.ok({ type: 'setMappings', rows: [row('DY-B', 'B2'), row('DY-D', 'D')], removals: [{ channel: 'douyin', channelSku: 'DY-C' }] });
    expect(mappingTableAt(h.state, 0)).toEqual({});
    expect(mappingTableAt(h.state, 2)).toEqual({ 'douyin:DY-A': row('DY-A', 'A'), 'douyin:DY-B': row('DY-B', 'B') });
    expect(mappingTableAt(h.state, h.state.mappingVersion)).toEqual({ ...h.state.mappings });
    const diff = diffMappings(Object.values(mappingTableAt(h.state, v3)), Object.values(mappingTableAt(h.state, h.state.mappingVersion)));
    expect(diff).toMatchObject({
      added: [row('DY-D', 'D')],
      removed: [row('DY-C', 'C')],
      changed: [{ before: row('DY-B', 'B'), after: row('DY-B', 'B2') }],
      unchanged: 1,
    });
  });

  it('gives a state saved before the log a baseline entry per row', () => {
    const h = new Harness();
    h.ok({ type: 'setMappings', rows: [row('DY-A', 'A'), row('DY-B', 'B')] });
    const { mappingLog: _log, mappingVersion: _version, ...older } = h.state;
    const restored = restoreDomainState(JSON.parse(JSON.stringify(older)));
    expect(restored.mappingVersion).toBe(2);
    expect(restored.mappingLog).toMatchObject([
      { version: 1, kind: 'set', channelSku: 'DY-A', to: 'A', by: 'system' },
      { version: 2, kind: 'set', channelSku: 'DY-B', to: 'B', by: 'system' },
    ]);
    expect(mappingTableAt(restored, 2)).toEqual({ ...h.state.mappings });
    expect(restoreDomainState(JSON.parse(JSON.stringify(createDomainState()))).mappingLog).toEqual([]);
  });

  it('fills the template and resolution collections of an older state', () => {
    const { templates: _t, pendingTemplates: _p, channelResolution: _c, ...older } = createDomainState();
    const restored = restoreDomainState(JSON.parse(JSON.stringify(older)));
    expect(restored).toMatchObject({ templates: {}, pendingTemplates: {}, channelResolution: {}, mappingVersion: 0 });
  });
});
