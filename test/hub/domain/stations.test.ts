import { describe, expect, it } from 'vitest';
import { getOwn } from '../../../hub/domain/index.js';
import { Harness, T0, alerts, types } from './harness.js';

describe('station presence and faults', () => {
  it('records a first appearance without an alert, then alerts on every change of presence', () => {
    const h = new Harness();
    expect(types(h.ok({ type: 'stationOnline', station: 'S1' }))).toEqual(['station.online']);
    expect(getOwn(h.state.stations, 'S1')).toEqual({ state: 'online', since: T0.toISOString(), faults: {} });

    h.advance(1000);
    const offline = h.ok({ type: 'stationOffline', station: 'S1' }, { actor: { kind: 'station', id: 'S1' }, origin: 'S1' });
    expect(types(offline)).toEqual(['station.offline', 'alert.raised']);
    expect(alerts(offline)[0]).toMatchObject({ kind: 'station-offline', severity: 'warning', target: { station: 'S1' } });
    expect(offline[0]!.audit).toMatchObject({ actor: { kind: 'station', id: 'S1' }, origin: 'S1' });

    const online = h.ok({ type: 'stationOnline', station: 'S1' });
    expect(alerts(online)[0]).toMatchObject({ kind: 'station-online', severity: 'info' });
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

  it('raises a critical alert for a device fault, once per distinct fault, and an info alert on recovery', () => {
    const h = new Harness();
    const fault = h.ok({ type: 'stationFault', station: 'S2', device: 'printer', detail: 'head open' });
    expect(types(fault)).toEqual(['station.fault', 'alert.raised']);
    expect(alerts(fault)[0]).toMatchObject({ kind: 'station-fault', severity: 'critical', target: { station: 'S2', device: 'printer' } });
    expect(h.ok({ type: 'stationFault', station: 'S2', device: 'printer', detail: 'head open' })).toEqual([]);
    expect(alerts(h.ok({ type: 'stationFault', station: 'S2', device: 'printer', detail: 'paper out' }))).toHaveLength(1);
    expect(getOwn(h.state.stations, 'S2')!.faults).toEqual({ printer: { detail: 'paper out', since: T0.toISOString() } });

    const recovered = h.ok({ type: 'stationRecovered', station: 'S2', device: 'printer' });
    expect(types(recovered)).toEqual(['station.recovered', 'alert.raised']);
    expect(alerts(recovered)[0]).toMatchObject({ kind: 'station-recovered', severity: 'info' });
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
