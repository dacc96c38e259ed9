import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STALE_AFTER_MS,
  diffMappings,
  mappingHealth,
  recordMatches,
  unresolvedCodes,
  usageFromOrders,
  type MappingRef,
} from '../../../../hub/mapping/catalog/index.js';
import { HOUR, Harness, T0, orderCommand } from '../../domain/harness.js';

const DAY = 24 * HOUR;

/** Three douyin rows; the headset's row matches orders at T0 and T0 + 2 days, the shoe's at T0, the hat's never. */
function shift(): Harness {
  const h = new Harness();
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-001', masterSku: 'BT-001' });
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BABY-SH-01', masterSku: 'BABY-SHOE-01' });
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BABY-HAT-01', masterSku: 'BABY-HAT-01' });
  h.ok(orderCommand('1', [['DY-BT-001', 2], ['DY-BABY-SH-01', 1]], 'douyin'));
  h.advance(2 * DAY);
  h.ok(orderCommand('2', [['DY-BT-001', 1]], 'douyin'));
  // Held: two orders wait on a near-miss code, one also on a code nobody knows.
  h.ok(orderCommand('3', [['DY-BABY-SH-001', 3], ['DY-BT-001', 1]], 'douyin'));
  h.advance(HOUR);
  h.ok(orderCommand('4', [['DY-BABY-SH-001', 1], ['DY-NEW-9', 2], ['DY-BABY-SH-001', 2]], 'douyin'));
  return h;
}

describe('mapping health', () => {
  it('counts matches and the last match of each row from the orders', () => {
    const usage = usageFromOrders(Object.values(shift().state.orders));
    expect(usage.get('douyin:DY-BT-001')).toEqual({ matches: 3, lastMatchedAt: new Date(T0.getTime() + 2 * DAY).toISOString() });
    expect(usage.get('douyin:DY-BABY-SH-01')).toEqual({ matches: 1, lastMatchedAt: T0.toISOString() });
    expect(usage.has('douyin:DY-BABY-HAT-01')).toBe(false);
  });

  it('flags a row that matched nothing for 3 days, with the injected clock', () => {
    const h = shift();
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const status = (now: Date, options = {}) =>
      Object.fromEntries(mappingHealth(h.state, now, options).map((row) => [row.channelSku, `${row.status}${row.flagged ? '!' : ''}`]));
    expect(status(at(2 * DAY))).toEqual({ 'DY-BT-001': 'active', 'DY-BABY-SH-01': 'active', 'DY-BABY-HAT-01': 'unused!' });
    expect(status(at(DEFAULT_STALE_AFTER_MS))).toMatchObject({ 'DY-BABY-SH-01': 'active' }); // exactly 3 days: not yet
    expect(status(at(DEFAULT_STALE_AFTER_MS + 1))).toMatchObject({ 'DY-BT-001': 'active', 'DY-BABY-SH-01': 'stale!' });
    expect(status(at(6 * DAY))).toMatchObject({ 'DY-BT-001': 'stale!' });
    expect(status(at(DAY), { staleAfterMs: 12 * HOUR })).toMatchObject({ 'DY-BABY-SH-01': 'stale!' });
    // A row set lately that has not matched yet is new, not flagged.
    const setAt = new Map([['douyin:DY-BABY-HAT-01', at(DAY).toISOString()]]);
    expect(status(at(2 * DAY), { setAt })).toMatchObject({ 'DY-BABY-HAT-01': 'new' });
    expect(status(at(5 * DAY), { setAt })).toMatchObject({ 'DY-BABY-HAT-01': 'unused!' });
  });

  it('lists flagged rows first and takes a usage table kept as orders come in', () => {
    const h = shift();
    let usage = recordMatches(new Map(), { channel: 'douyin', lines: [{ channelSku: 'DY-BABY-HAT-01', quantity: 1, masterSku: 'BABY-HAT-01' }] }, T0.toISOString());
    usage = recordMatches(usage, { channel: 'douyin', lines: [{ channelSku: 'DY-BABY-HAT-01', quantity: 1, masterSku: 'BABY-HAT-01' }, { channelSku: 'X', quantity: 1 }] }, '2026-03-01T00:00:00.000Z');
    expect(usage.get('douyin:DY-BABY-HAT-01')).toEqual({ matches: 2, lastMatchedAt: T0.toISOString() });
    const rows = mappingHealth(h.state, new Date(T0.getTime() + DAY), { usage });
    expect(rows.map((row) => [row.channelSku, row.status, row.matches])).toEqual([
      ['DY-BABY-SH-01', 'unused', 0],
      ['DY-BT-001', 'unused', 0],
      ['DY-BABY-HAT-01', 'active', 2],
    ]);
  });

  it('counts unresolved codes with the held orders, lines and units they hold', () => {
    const h = shift();
    const since3 = new Date(T0.getTime() + 2 * DAY).toISOString();
    expect(unresolvedCodes(Object.values(h.state.orders))).toEqual([
      { channel: 'douyin', channelSku: 'DY-BABY-SH-001', orders: ['douyin:3', 'douyin:4'], lines: 3, units: 6, since: since3 },
      { channel: 'douyin', channelSku: 'DY-NEW-9', orders: ['douyin:4'], lines: 1, units: 2, since: new Date(T0.getTime() + 2 * DAY + HOUR).toISOString() },
    ]);
  });
});

describe('mapping diff', () => {
  const row = (channelSku: string, masterSku: string, channel = 'douyin'): MappingRef => ({ channel, channelSku, masterSku });

  it('gives added, removed, changed and unchanged rows, each by key', () => {
    const before = [row('DY-BT-001', 'BT-001'), row('DY-PB-001', 'PB-001'), row('DY-OLD-7', 'OLD-7'), row('TB-1', 'X', 'taobao')];
    const after = [row('DY-BT-001', 'PB-001'), row('DY-PB-001', 'PB-001'), row('DY-CABLE-2', 'CABLE-2'), row('TB-1', 'X', 'taobao')];
    const diff = diffMappings(before, after);
    expect(diff.added).toEqual([row('DY-CABLE-2', 'CABLE-2')]);
    expect(diff.removed).toEqual([row('DY-OLD-7', 'OLD-7')]);
    expect(diff.changed).toEqual([{ key: 'douyin:DY-BT-001', before: row('DY-BT-001', 'BT-001'), after: row('DY-BT-001', 'PB-001') }]);
    expect(diff.unchanged).toBe(2);
    expect(diff.nearDuplicates).toEqual([]);
    expect(diffMappings(before, before)).toEqual({ added: [], removed: [], changed: [], unchanged: 4, nearDuplicates: [] });
  });

  it('finds near-duplicate rows an import would add, within a channel, each pair once', () => {
    const current = [row('DY-BABY-SH-01', 'BABY-SHOE-01'), row('DY-BABY-HAT-01', 'BABY-HAT-01')];
    const sheet = [
      ...current,
      row('DY-BABY-SH-001', 'BABY-SHOE-01'), // the same after normalising: an alias
      row('DY-BABY-HTA-01', 'BABY-SHOE-02'), // a swap away from the hat, to another SKU
      row('DY-BABY-SH-0001', 'BABY-SHOE-01'),
      row('DY-BABY-SH-01', 'BABY-SHOE-01', 'taobao'), // another channel: not a duplicate
    ];
    const diff = diffMappings(current, sheet);
    expect(diff.added).toHaveLength(4);
    expect(diff.nearDuplicates.map((near) => [near.row.channelSku, near.similar.channelSku, near.distance, near.sameMaster])).toEqual([
      ['DY-BABY-HTA-01', 'DY-BABY-HAT-01', 1, false],
      ['DY-BABY-SH-0001', 'DY-BABY-SH-001', 0, true], // nearest as written first
      ['DY-BABY-SH-0001', 'DY-BABY-SH-01', 0, true],
      ['DY-BABY-SH-001', 'DY-BABY-SH-01', 0, true],
    ]);
    expect(diffMappings(current, sheet, { nearDistance: 0 }).nearDuplicates.map((near) => near.distance)).toEqual([0, 0, 0]);
  });
});
