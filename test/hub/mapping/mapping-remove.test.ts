import { describe, expect, it } from 'vitest';
import { domainErrorKind, getOwn, pendingSkus } from '../../../hub/domain/index.js';
import { Harness, ofType, orderCommand, types } from '../domain/harness.js';

function mapped(): Harness {
  const h = new Harness();
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
  h.ok(orderCommand('1', [['DY-BT-002', 1]], 'douyin'));
  return h;
}

describe('removeMapping', () => {
  it('removes the row without tripping the breaker: new orders of the code are held, not shipped', () => {
    const h = mapped();
    const events = h.ok({ type: 'removeMapping', channel: 'douyin', channelSku: 'DY-BT-002', note: 'listing closed' });
    expect(types(events)).toEqual(['mapping.removed']);
    expect(ofType(events, 'mapping.removed')[0]).toMatchObject({ masterSku: 'BT-002', audit: { reason: 'listing closed' } });
    expect(getOwn(h.state.mappings, 'douyin:DY-BT-002')).toBeUndefined();
    expect(pendingSkus(h.state).size).toBe(0);
    // The task already released keeps its master SKU; a new order waits for a mapping.
    expect(getOwn(h.state.tasks, 'T1')!.block).toBeUndefined();
    h.ok(orderCommand('2', [['DY-BT-002', 1]], 'douyin'));
    expect(getOwn(h.state.orders, 'douyin:2')).toMatchObject({ status: 'held', hold: { unresolved: [{ channelSku: 'DY-BT-002' }] } });
  });

  it('refuses a row that does not exist (404) and a row with a pending change (409)', () => {
    const h = mapped();
    const missing = h.refused({ type: 'removeMapping', channel: 'taobao', channelSku: 'DY-BT-002' });
    expect(missing).toBe('MAPPING_NOT_FOUND');
    expect(domainErrorKind(missing)).toBe('not_found');
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'PB-001' });
    const pending = h.refused({ type: 'removeMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    expect(pending).toBe('MAPPING_PENDING');
    expect(domainErrorKind(pending)).toBe('conflict');
    h.ok({ type: 'rollbackMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    h.ok({ type: 'removeMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
  });

});
