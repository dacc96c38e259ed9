import { describe, expect, it } from 'vitest';
import { getOwn, mappingResolver, resolveChannelSku, type ChannelSkuResolver } from '../../../hub/domain/index.js';
import { Harness, orderCommand } from '../domain/harness.js';

describe('channel SKU resolution', () => {
  it('resolves exact (channel, channel SKU) rows only', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH' });
    expect(resolveChannelSku(h.state.mappings, 'douyin', 'DY-BABY-SH-001')).toBe('BABY-SH');
    expect(resolveChannelSku(h.state.mappings, 'douyin', 'DY-BABY-SH-01')).toBeUndefined();
    expect(resolveChannelSku(h.state.mappings, 'taobao', 'DY-BABY-SH-001')).toBeUndefined();
    expect(resolveChannelSku(h.state.mappings, 'douyin', 'constructor')).toBeUndefined();
  });

  it('replaces a row, naming the previous master SKU, and ignores a row that changes nothing', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-001' });
    const events = h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002', note: 'fix bad row' });
    // Replacing a row also trips the circuit breaker (breaker.test.ts).
    expect(events).toMatchObject([
      { type: 'mapping.set', masterSku: 'BT-002', previous: 'BT-001', audit: { reason: 'fix bad row' } },
      { type: 'mapping.pending' },
      { type: 'alert.raised' },
    ]);
    expect(getOwn(h.state.mappings, 'douyin:DY-BT-002')).toEqual({ channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
    expect(h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' })).toEqual([]);
  });

  it('reads the table live', () => {
    const mappings = {};
    const resolve = mappingResolver(mappings);
    expect(resolve('taobao', 'X')).toBeUndefined();
    Object.assign(mappings, { 'taobao:X': { channel: 'taobao', channelSku: 'X', masterSku: 'MX' } });
    expect(resolve('taobao', 'X')).toBe('MX');
  });

  it('lets the hub put another lookup behind the same interface', () => {
    const catalog: ChannelSkuResolver = (channel, channelSku) => (channel === 'pinduoduo' ? `M-${channelSku}` : undefined);
    const h = new Harness({ resolve: catalog });
    h.ok(orderCommand('1', [['PDD26R001', 1]], 'pinduoduo'));
    expect(getOwn(h.state.orders, 'pinduoduo:1')).toMatchObject({ status: 'released', lines: [{ masterSku: 'M-PDD26R001' }] });
    h.ok(orderCommand('2', [['TB-1', 1]], 'taobao'));
    expect(getOwn(h.state.orders, 'taobao:2')!.status).toBe('held');
  });
});
