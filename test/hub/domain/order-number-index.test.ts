import { describe, expect, it } from 'vitest';
import { ordersOfOrderNo, type DomainState } from '../../../hub/domain/index.js';
import { buildAudit } from '../../../hub/domain/audit.js';
import { DEFAULT_DOMAIN_CONFIG } from '../../../hub/domain/state.js';
import { createTx } from '../../../hub/domain/tx.js';
import { Harness, orderCommand } from './harness.js';

/** The orders with an order number, found the slow way: every order. */
const scanned = (state: DomainState, orderNo: string) => Object.values(state.orders).filter((order) => order.orderNo.toUpperCase() === orderNo.toUpperCase()).map((order) => order.id);
const found = (state: DomainState, orderNo: string) => ordersOfOrderNo(state, orderNo).map((order) => order.id);

describe('orders by order number', () => {
  it('answers as a walk over every order does, any case, every channel, oldest first, as orders come', () => {
    const h = new Harness();
    const numbers = ['a1', 'A1', 'b2', 'C3'];
    const states: DomainState[] = [];
    const check = () => {
      for (const orderNo of numbers) expect(found(h.state, orderNo), orderNo).toEqual(scanned(h.state, orderNo));
      states.push(h.state);
    };
    check();
    h.order('a1', [['A', 1]], 'taobao');
    check();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'douyin-A', masterSku: 'A' });
    h.ok({ ...orderCommand('A1', [['douyin-A', 1]], 'douyin'), waybill: 'DY-A1' });
    check();
    expect(h.refused(orderCommand('a1', [['taobao-A', 1]]))).toBe('ORDER_EXISTS');
    check();
    h.order('B2', [['A', 1]], 'pinduoduo');
    h.ok({ type: 'setOnHand', sku: 'A', warehouse: 'W1', quantity: 3 });
    check();
    expect(found(h.state, 'A1')).toEqual(['taobao:a1', 'douyin:A1']);
    expect(found(h.state, 'nope')).toEqual([]);
    for (const state of states) for (const orderNo of numbers) expect(found(state, orderNo)).toEqual(scanned(state, orderNo));
  });

  it('inside a command sees the orders the command made', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    expect(found(h.state, '1')).toEqual(['taobao:1']);
    const tx = createTx(h.state, h.now, DEFAULT_DOMAIN_CONFIG, () => undefined, buildAudit({ type: 'tick' }, h.context()));
    tx.put('orders', 'douyin:1', { ...h.state.orders['taobao:1']!, id: 'douyin:1', channel: 'douyin' });
    expect(found(tx.state as DomainState, '1')).toEqual(['taobao:1', 'douyin:1']);
    expect(found(h.state, '1')).toEqual(['taobao:1']);
  });
});
