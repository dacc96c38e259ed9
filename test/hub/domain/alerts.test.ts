import { describe, expect, it } from 'vitest';
import { DomainError, alertsSince, findAlert, unacknowledgedAlerts } from '../../../hub/domain/index.js';
import { Harness, alerts, types } from './harness.js';

function threeAlerts(): Harness {
  const h = new Harness();
  h.ok({ type: 'stationOnline', station: 'S1' });
  h.ok({ type: 'stationFault', station: 'S1', device: 'printer', detail: 'paper out' });
  h.ok({ type: 'stationFault', station: 'S1', device: 'scanner', detail: 'not responding' });
  h.ok({ type: 'stationOffline', station: 'S1' });
  return h;
}

describe('alerts', () => {
  it('numbers alerts 1, 2, 3 … with the domain’s own counter', () => {
    const h = threeAlerts();
    expect(h.state.alerts.map((a) => a.seq)).toEqual([1, 2, 3]);
    expect(h.state.counters.alert).toBe(3);
    expect(alertsSince(h.state, 1).map((a) => a.seq)).toEqual([2, 3]);
    expect(alertsSince(h.state, 0)).toHaveLength(3);
    expect(findAlert(h.state, 2)!.target).toEqual({ station: 'S1', device: 'scanner', fault: 'not responding' });
    expect(findAlert(h.state, 4)).toBeUndefined();
  });

  it('is acknowledged once, by a named manager', () => {
    const h = threeAlerts();
    h.advance(30_000);
    const events = h.ok({ type: 'acknowledgeAlert', alertSeq: 2, manager: 'Zhang Wei' });
    expect(types(events)).toEqual(['alert.acknowledged']);
    expect(events[0]).toMatchObject({ seq: 2, by: 'Zhang Wei' });
    expect(findAlert(h.state, 2)!.acknowledged).toEqual({ by: 'Zhang Wei', at: h.now.toISOString() });
    expect(unacknowledgedAlerts(h.state).map((a) => a.seq)).toEqual([1, 3]);
    expect(alerts(events)).toEqual([]);
  });

  it('refuses a second acknowledgement and an unknown alert: ALERT_ALREADY_ACKNOWLEDGED, ALERT_NOT_FOUND', () => {
    const h = threeAlerts();
    h.ok({ type: 'acknowledgeAlert', alertSeq: 1, manager: 'Zhang Wei' });
    expect(h.refused({ type: 'acknowledgeAlert', alertSeq: 1, manager: 'Li Na' })).toBe(DomainError.AlertAlreadyAcknowledged);
    expect(findAlert(h.state, 1)!.acknowledged!.by).toBe('Zhang Wei');
    expect(h.refused({ type: 'acknowledgeAlert', alertSeq: 99, manager: 'Li Na' })).toBe(DomainError.AlertNotFound);
    expect(h.refused({ type: 'acknowledgeAlert', alertSeq: 0, manager: 'Li Na' })).toBe(DomainError.BadCommand);
    expect(h.refused({ type: 'acknowledgeAlert', alertSeq: 2, manager: '' })).toBe(DomainError.BadCommand);
  });

  it('keeps the alert in the event a copy: later acknowledgement does not rewrite the stored event', () => {
    const h = new Harness();
    h.ok({ type: 'stationOnline', station: 'S1' });
    const raised = alerts(h.ok({ type: 'stationOffline', station: 'S1' }))[0]!;
    h.ok({ type: 'acknowledgeAlert', alertSeq: raised.seq, manager: 'Li Na' });
    expect(raised.acknowledged).toBeUndefined();
  });
});
