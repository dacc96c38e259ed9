import { describe, expect, it } from 'vitest';
import { getOwn } from '../../../hub/domain/index.js';
import { Harness, T0, alerts, types } from './harness.js';

describe('station presence and faults', () => {
  it('records a first appearance without an alert, alerts when it goes offline, and closes that alert when it is back', () => {
    const h = new Harness();
    expect(types(h.ok({ type: 'stationOnline', station: 'S1' }))).toEqual(['station.online']);
    expect(getOwn(h.state.stations, 'S1')).toEqual({ state: 'online', since: T0.toISOString(), faults: {} });

    h.advance(1000);
    const offline = h.ok({ type: 'stationOffline', station: 'S1' }, { actor: { kind: 'station', id: 'S1' }, origin: 'S1' });
    expect(types(offline)).toEqual(['station.offline', 'alert.raised']);
    expect(alerts(offline)[0]).toMatchObject({ kind: 'station-offline', severity: 'warning', target: { station: 'S1' } });
    expect(offline[0]!.audit).toMatchObject({ actor: { kind: 'station', id: 'S1' }, origin: 'S1' });

    const online = h.ok({ type: 'stationOnline', station: 'S1' });
    expect(types(online)).toEqual(['station.online', 'alert.closed']);
    expect(online[1]).toMatchObject({ seq: alerts(offline)[0]!.seq, reason: 'online' });
    expect(h.state.alerts.map((alert) => [alert.kind, alert.closed?.reason])).toEqual([['station-offline', 'online']]);
  });

  it('alerts on every reset of a station (a new data folder), changing nothing else', () => {
    const h = new Harness();
    h.ok({ type: 'stationOnline', station: 'S1' });
    for (const incarnation of ['b', 'c']) {
      const reset = h.ok({ type: 'stationReset', station: 'S1', incarnation });
      expect(types(reset)).toEqual(['alert.raised']);
      expect(alerts(reset)[0]).toMatchObject({ kind: 'station-reset', severity: 'warning', target: { station: 'S1' } });
    }
    expect(getOwn(h.state.stations, 'S1')).toMatchObject({ state: 'online', faults: {} });
  });

  it('ignores a repeated status (retained messages, births after a hub restart)', () => {
    const h = new Harness();
    h.ok({ type: 'stationOnline', station: 'S1' });
    expect(h.ok({ type: 'stationOnline', station: 'S1' })).toEqual([]);
    h.ok({ type: 'stationOffline', station: 'S1' });
    expect(h.ok({ type: 'stationOffline', station: 'S1' })).toEqual([]);
  });

  it('raises a critical alert naming a device fault, once per distinct fault, and closes it on recovery', () => {
    const h = new Harness();
    const fault = h.ok({ type: 'stationFault', station: 'S2', device: 'printer', detail: 'head open' });
    expect(types(fault)).toEqual(['station.fault', 'alert.raised']);
    expect(alerts(fault)[0]).toMatchObject({ kind: 'station-fault', severity: 'critical', target: { station: 'S2', device: 'printer', fault: 'head open' } });
    expect(h.ok({ type: 'stationFault', station: 'S2', device: 'printer', detail: 'head open' })).toEqual([]);
    // Another fault of the same device supersedes the first: one open alert per device.
    const paper = h.ok({ type: 'stationFault', station: 'S2', device: 'printer', detail: 'paper out' });
    expect(types(paper)).toEqual(['station.fault', 'alert.closed', 'alert.raised']);
    expect(paper[1]).toMatchObject({ seq: 1, reason: 'superseded' });
    expect(alerts(paper)[0]).toMatchObject({ seq: 2, target: { fault: 'paper out' } });
    expect(getOwn(h.state.stations, 'S2')!.faults).toEqual({ printer: { detail: 'paper out', since: T0.toISOString() } });

    const recovered = h.ok({ type: 'stationRecovered', station: 'S2', device: 'printer' });
    expect(types(recovered)).toEqual(['station.recovered', 'alert.closed']);
    expect(recovered[1]).toMatchObject({ seq: 2, reason: 'recovered' });
    expect(h.state.alerts.map((alert) => alert.closed?.reason)).toEqual(['superseded', 'recovered']);
    expect(h.state.conditions).toEqual({});
    expect(h.ok({ type: 'stationRecovered', station: 'S2', device: 'printer' })).toEqual([]);
    expect(h.ok({ type: 'stationRecovered', station: 'S9', device: 'printer' })).toEqual([]);
  });

  it('keeps device faults across going offline and back', () => {
    const h = new Harness();
    h.ok({ type: 'stationFault', station: 'S2', device: 'scanner', detail: 'no data' });
    h.ok({ type: 'stationOffline', station: 'S2' });
    h.ok({ type: 'stationOnline', station: 'S2' });
    expect(Object.keys(getOwn(h.state.stations, 'S2')!.faults)).toEqual(['scanner']);
  });

  it('treats device names like toString as plain names', () => {
    const h = new Harness();
    expect(h.ok({ type: 'stationRecovered', station: 'S1', device: 'toString' })).toEqual([]);
    h.ok({ type: 'stationOnline', station: 'S1' });
    expect(h.ok({ type: 'stationRecovered', station: 'S1', device: 'constructor' })).toEqual([]);
    expect(alerts(h.ok({ type: 'stationFault', station: 'S1', device: 'constructor', detail: 'x' }))).toHaveLength(1);
  });
});
