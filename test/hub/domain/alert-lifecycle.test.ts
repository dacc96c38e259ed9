import { describe, expect, it } from 'vitest';
import { alertCounts, getOwn, openAlerts } from '../../../hub/domain/index.js';
import { Harness, alerts, orderCommand, types } from './harness.js';

const open = (h: Harness) => openAlerts(h.state).map((alert) => alert.kind);

describe('alert lifecycle: raised, closed by the event that ends it, acknowledged (issue #17 item 13)', () => {
  it("raises a station block from a scan's verdict, closes it when the bench clears it, and says how", () => {
    const h = new Harness();
    const blocked = h.ok({ type: 'stationBlocked', station: 'P1', reason: 'wrong_item', orderId: 'taobao:1', taskId: 'T1', sku: 'SOCK-01', code: '6901' });
    expect(types(blocked)).toEqual(['alert.raised']);
    expect(alerts(blocked)[0]).toMatchObject({
      kind: 'station-block',
      severity: 'critical',
      target: { station: 'P1', reason: 'wrong_item', orderId: 'taobao:1', taskId: 'T1', sku: 'SOCK-01', code: '6901' },
    });
    expect(open(h)).toEqual(['station-block']);

    h.advance(4000);
    const cleared = h.ok({ type: 'stationBlockEnded', station: 'P1', by: 'supervisor', supervisor: 'Zhang Wei' });
    expect(types(cleared)).toEqual(['alert.closed']);
    expect(h.state.alerts[0]!.closed).toEqual({ at: h.now.toISOString(), reason: 'supervisor:Zhang Wei' });
    expect(open(h)).toEqual([]);
    // Nothing is open at the bench any more: a second end closes nothing.
    expect(h.ok({ type: 'stationBlockEnded', station: 'P1', by: 'aside' })).toEqual([]);
  });

  it('grades blocks: shipping the wrong thing is critical, a bad read a warning; one open block per bench', () => {
    const h = new Harness();
    h.ok({ type: 'stationBlocked', station: 'P1', reason: 'unreadable' });
    expect(h.state.alerts[0]!.severity).toBe('warning');
    const next = h.ok({ type: 'stationBlocked', station: 'P1', reason: 'over_quantity', sku: 'DRESS' });
    expect(types(next)).toEqual(['alert.closed', 'alert.raised']);
    expect(next[0]).toMatchObject({ seq: 1, reason: 'superseded' });
    h.ok({ type: 'stationBlocked', station: 'P2', reason: 'duplicate_serial' });
    expect(openAlerts(h.state).map((alert) => [alert.target.station, alert.target.reason, alert.severity])).toEqual([
      ['P1', 'over_quantity', 'critical'],
      ['P2', 'duplicate_serial', 'critical'],
    ]);
    h.ok({ type: 'stationBlockEnded', station: 'P1', by: 'resolve' });
    expect(openAlerts(h.state).map((alert) => alert.target.station)).toEqual(['P2']);
  });

  it('refuses a block reason that is not a pack verdict', () => {
    const h = new Harness();
    expect(h.refused({ type: 'stationBlocked', station: 'P1', reason: 'wrong item' } as never)).toBe('BAD_COMMAND');
  });

  it('a recovery closes its fault, a return online closes the offline alert: no second alert to acknowledge', () => {
    const h = new Harness();
    h.ok({ type: 'stationOnline', station: 'P2' });
    h.ok({ type: 'stationFault', station: 'P2', device: 'scanner', detail: 'USB cable pulled' });
    h.ok({ type: 'stationFault', station: 'P2', device: 'printer', detail: 'tcp:127.0.0.1:9100: paper out' });
    h.ok({ type: 'stationOffline', station: 'P2' });
    expect(open(h)).toEqual(['station-fault', 'station-fault', 'station-offline']);
    h.ok({ type: 'stationRecovered', station: 'P2', device: 'scanner' });
    h.ok({ type: 'stationOnline', station: 'P2' });
    expect(openAlerts(h.state).map((alert) => alert.target)).toEqual([{ station: 'P2', device: 'printer', fault: 'tcp:127.0.0.1:9100: paper out' }]);
    expect(h.state.alerts).toHaveLength(3);
  });

  it('"order held for mapping" closes when the order is released', () => {
    const h = new Harness();
    h.ok(orderCommand('9', [['DY-SOCK', 1]], 'douyin'));
    expect(open(h)).toEqual(['order-held']);
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-SOCK', masterSku: 'SOCK-01' });
    expect(open(h)).toEqual(['order-held']);
    const released = h.ok({ type: 'resolveHeldOrders' });
    expect(types(released)).toEqual(['order.released', 'alert.closed', 'task.released']);
    expect(getOwn(h.state.orders, 'douyin:9')!.status).toBe('released');
    expect(open(h)).toEqual([]);
    expect(h.state.alerts.find((alert) => alert.kind === 'order-held')!.closed!.reason).toBe('released');
  });

  it('acknowledging takes an alert out of the open ones; counts by kind follow', () => {
    const h = new Harness();
    h.ok({ type: 'stationBlocked', station: 'P1', reason: 'wrong_item' });
    h.ok({ type: 'stationBlockEnded', station: 'P1', by: 'resolve' });
    h.ok({ type: 'stationBlocked', station: 'P1', reason: 'wrong_item' });
    h.ok({ type: 'stationFault', station: 'P1', device: 'printer', detail: 'head open' });
    expect(alertCounts(h.state)).toEqual({ open: { 'station-block': 1, 'station-fault': 1 }, raised: { 'station-block': 2, 'station-fault': 1 } });
    h.ok({ type: 'acknowledgeAlert', alertSeq: 2, manager: 'Li Na' });
    expect(alertCounts(h.state).open).toEqual({ 'station-fault': 1 });
    // The bench clears it later: the acknowledged alert closes too.
    h.ok({ type: 'stationBlockEnded', station: 'P1', by: 'resolve' });
    expect(h.state.alerts[1]).toMatchObject({ acknowledged: { by: 'Li Na' }, closed: { reason: 'resolve' } });
    expect(h.state.conditions).toEqual({ 'station-fault:P1/printer': { alertSeq: 3 } });
  });
});
