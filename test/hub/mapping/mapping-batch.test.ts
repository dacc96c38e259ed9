import { describe, expect, it } from 'vitest';
import { getOwn, pendingSkus } from '../../../hub/domain/index.js';
import { pendingMappingOf } from '../../../hub/mapping/index.js';
import { Harness, alerts, ofType, types } from '../domain/harness.js';

function table(): Harness {
  const h = new Harness();
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-OLD', masterSku: 'OLD' });
  return h;
}

describe('setMappings', () => {
  it('applies every row and removal as one command; a changed row trips the breaker', () => {
    const h = table();
    const events = h.ok({
      type: 'setMappings',
      rows: [
        { channel: 'douyin', channelSku: 'DY-NEW', masterSku: 'NEW', note: 'sheet line 2' },
        { channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'PB-001' },
      ],
      removals: [{ channel: 'douyin', channelSku: 'DY-OLD' }],
      note: 'March sheet',
    });
    expect(types(events)).toEqual(['mapping.removed', 'mapping.set', 'mapping.set', 'mapping.pending', 'alert.raised']);
    expect(ofType(events, 'mapping.set')[1]).toMatchObject({ channelSku: 'DY-BT-002', masterSku: 'PB-001', previous: 'BT-002', audit: { reason: 'March sheet' } });
    expect(alerts(events)).toMatchObject([{ kind: 'mapping-pending', target: { channel: 'douyin', channelSku: 'DY-BT-002' } }]);
    expect(pendingMappingOf(h.state, 'douyin', 'DY-BT-002')).toMatchObject({ previous: 'BT-002', masterSku: 'PB-001' });
    expect([...pendingSkus(h.state)]).toEqual(['BT-002', 'PB-001']);
    expect(getOwn(h.state.mappings, 'douyin:DY-OLD')).toBeUndefined();
    expect(getOwn(h.state.mappings, 'douyin:DY-NEW')!.masterSku).toBe('NEW');
  });

  it('is all or nothing: one bad removal refuses the batch and changes nothing', () => {
    const h = table();
    const before = h.state;
    expect(
      h.refused({
        type: 'setMappings',
        rows: [{ channel: 'douyin', channelSku: 'DY-NEW', masterSku: 'NEW' }],
        removals: [{ channel: 'douyin', channelSku: 'DY-GONE' }],
      }),
    ).toBe('MAPPING_NOT_FOUND');
    expect(h.state).toBe(before);
  });

  it('refuses a key named twice, and changes nothing for rows that are already so', () => {
    const h = table();
    const twice = { channel: 'douyin', channelSku: 'DY-X', masterSku: 'X' } as const;
    expect(h.refused({ type: 'setMappings', rows: [twice, { ...twice, masterSku: 'Y' }] })).toBe('BAD_COMMAND');
    expect(h.refused({ type: 'setMappings', rows: [twice], removals: [{ channel: 'douyin', channelSku: 'DY-X' }] })).toBe('BAD_COMMAND');
    expect(h.ok({ type: 'setMappings', rows: [{ channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' }] })).toEqual([]);
  });
});
