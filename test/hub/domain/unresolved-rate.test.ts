import { describe, expect, it } from 'vitest';
import { getOwn, type Alert } from '../../../hub/domain/index.js';
import { BLUE_M, RED_L, RED_M, dresses } from './dresses.js';
import { alerts, ofType, orderCommand } from './harness.js';

const CODES = ['DY-DRESS-RED-M-26', 'DY-DRESS-RED-L-26', 'DY-DRESS-BLUE-M-26'];

/** The dresses with a Taobao row each; every order one minute after the last. */
function shop() {
  const h = dresses();
  for (const [code, sku] of [['TB-RED-M', RED_M], ['TB-RED-L', RED_L], ['TB-BLUE-M', BLUE_M]] as const) {
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: code, masterSku: sku });
  }
  let no = 0;
  const raised: Alert[] = [];
  const order = (channel: 'douyin' | 'taobao', code: string) => {
    h.advance(60_000);
    const events = h.ok(orderCommand(String(++no), [[code, 1]], channel));
    raised.push(...alerts(events));
    return events;
  };
  /** Douyin appended batch numbers to its codes: `DY-DRESS-RED-M-26-B0301`. */
  const batchCode = (i: number) => `${CODES[i % 3]}-B03${String(i % 4).padStart(2, '0')}`;
  return { h, order, raised, batchCode };
}

describe('unresolved-rate alert', () => {
  it('30 Douyin orders with batch suffixes raise one alert with examples; Taobao at the same time raises none', () => {
    const { h, order, raised, batchCode } = shop();
    for (let i = 0; i < 30; i++) {
      order('douyin', batchCode(i));
      order('taobao', ['TB-RED-M', 'TB-RED-L', 'TB-BLUE-M'][i % 3]!);
    }
    const rate = raised.filter((alert) => alert.kind === 'mapping-unresolved-rate');
    expect(rate).toHaveLength(1);
    expect(rate[0]).toMatchObject({ severity: 'warning', target: { channel: 'douyin', unresolved: 10, orders: 10 } });
    const examples = rate[0]!.target.examples!;
    expect(examples.length).toBeGreaterThan(1);
    expect(examples.length).toBeLessThanOrEqual(5);
    expect(new Set(examples).size).toBe(examples.length);
    for (const code of examples) expect(code).toMatch(/^DY-DRESS-.*-26-B03\d\d$/);
    // Raised at the tenth order (minOrders); each of the first nine raised its own order-held alert, none after.
    expect(raised.filter((alert) => alert.kind === 'order-held')).toHaveLength(9);
    expect(getOwn(h.state.channelResolution, 'douyin')).toMatchObject({ open: { alertSeq: rate[0]!.seq } });
    expect(getOwn(h.state.channelResolution, 'douyin')!.recent).toHaveLength(20);
    expect(getOwn(h.state.channelResolution, 'taobao')!.open).toBeUndefined();
    expect(getOwn(h.state.orders, 'douyin:59')!.status).toBe('held');
  });

  it('re-arms once the rate falls to half the threshold, then alerts again', () => {
    const { h, order, raised, batchCode } = shop();
    for (let i = 0; i < 12; i++) order('douyin', batchCode(i));
    expect(raised.filter((alert) => alert.kind === 'mapping-unresolved-rate')).toHaveLength(1);
    // 20 orders in the window: 3 failing of 20 is 15%, half of 30%.
    const rearmedAt: number[] = [];
    for (let i = 1; i <= 17; i++) {
      if (ofType(order('douyin', CODES[i % 3]!), 'mapping.unresolved-rate').some((event) => !event.open)) rearmedAt.push(i);
    }
    expect(rearmedAt).toEqual([17]);
    expect(getOwn(h.state.channelResolution, 'douyin')!.open).toBeUndefined();
    for (let i = 0; i < 7; i++) order('douyin', `DY-NEW-RULE-${i}`);
    const rate = raised.filter((alert) => alert.kind === 'mapping-unresolved-rate');
    expect(rate).toHaveLength(2);
    expect(rate[1]!.target.examples).toEqual(['DY-NEW-RULE-6', 'DY-NEW-RULE-5', 'DY-NEW-RULE-4', 'DY-NEW-RULE-3', 'DY-NEW-RULE-2']);
  });

  it('does not count lines waiting for a mapping change, and follows the configured policy', () => {
    const { h, order, raised } = shop();
    h.ok({ type: 'setTemplate', channel: 'douyin', source: 'DY-{category}-{colour}-{size|lower}-{year|right(2)}' });
    for (let i = 0; i < 12; i++) order('douyin', 'DY-DRESS-RED-m-26');
    expect(getOwn(h.state.orders, 'douyin:12')).toMatchObject({ status: 'held', hold: { unresolved: [{ pending: RED_M }] } });
    expect(raised.filter((alert) => alert.kind === 'mapping-unresolved-rate')).toHaveLength(0);

    const strict = dresses({ config: { unresolvedAlert: { window: 4, threshold: 0.5, minOrders: 2 } } });
    strict.ok(orderCommand('1', [['X-1', 1]], 'douyin'));
    expect(alerts(strict.ok(orderCommand('2', [['X-2', 1]], 'douyin'))).map((alert) => alert.kind)).toContain('mapping-unresolved-rate');
  });
});
