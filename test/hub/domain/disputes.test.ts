import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../hub/domain/index.js';
import { Harness, orderCommand, types } from './harness.js';

describe('disputes', () => {
  it('marks a known waybill disputed once (any case), and closes it once', () => {
    const h = new Harness();
    h.ok(orderCommand('TB1', [['TB-A', 1]]));
    const waybill = h.state.orders['taobao:TB1']!.waybill;
    const opened = h.ok({ type: 'disputeWaybill', waybill: waybill.toLowerCase(), manager: 'Li Na', note: 'claim 88231' });
    expect(types(opened)).toEqual(['waybill.disputed']);
    expect(h.state.disputes[waybill.toUpperCase()]).toEqual({ waybill: waybill.toLowerCase(), since: h.now.toISOString(), by: 'Li Na', note: 'claim 88231' });
    expect(h.refused({ type: 'disputeWaybill', waybill, manager: 'Zhang Wei' })).toBe(DomainError.WaybillDisputed);
    expect(types(h.ok({ type: 'closeDispute', waybill, manager: 'Li Na' }))).toEqual(['waybill.dispute-closed']);
    expect(h.state.disputes).toEqual({});
    expect(h.refused({ type: 'closeDispute', waybill, manager: 'Li Na' })).toBe(DomainError.DisputeNotFound);
  });

  it('refuses a waybill no order has: WAYBILL_NOT_FOUND', () => {
    const h = new Harness();
    expect(h.refused({ type: 'disputeWaybill', waybill: 'SF-NOPE', manager: 'Li Na' })).toBe(DomainError.WaybillNotFound);
  });
});
