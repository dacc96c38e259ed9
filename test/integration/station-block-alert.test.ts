import { describe, expect, it } from 'vitest';
import type { Alert } from '../../hub/domain/model.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

type AlertsAnswer = { alerts: Alert[]; lastSeq: number };

describe('a wrong item at a real station is a hub alert (issue #19 item 3)', () => {
  it('appears in GET /api/v1/alerts, is acknowledged by a manager, and closes when the bench clears it', async () => {
    const rig = await StationRig.start({ site: 'block-alert', shop: ['TB2001'] });
    const { hub, agent, scanner, tablet, token } = rig;
    const alerts = async (query = ''): Promise<Alert[]> => {
      const response = await hubFetch(hub.httpUrl, token, 'GET', `/alerts${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as AlertsAnswer).alerts.filter((alert) => alert.kind === 'station-block');
    };
    const raisedCount = () => tablet.records.flatMap((r) => (r.kind === 'domain' ? r.events.filter((e) => e.type === 'alert.raised' && e.alert.kind === 'station-block') : [])).length;
    const closedCount = () => tablet.records.flatMap((r) => (r.kind === 'domain' ? r.events.filter((e) => e.type === 'alert.closed') : [])).length;

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB2001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    scanner.scan(BARCODES.sock);
    await tablet.until(() => raisedCount() === 1);

    const [block] = await alerts('?open=true');
    expect(block).toMatchObject({
      kind: 'station-block',
      severity: 'critical',
      // The code as the station compares it: an EAN-13 read as its GTIN-14.
      target: { station: 'P1', reason: 'wrong_item', orderId: 'taobao:TB2001', sku: 'SOCK-01', code: `0${BARCODES.sock}` },
    });
    expect(block!.closed).toBeUndefined();

    const ack = await hubFetch(hub.httpUrl, token, 'POST', `/alerts/${block!.seq}/ack`, { manager: 'Li Na' });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { alert: Alert }).alert.acknowledged).toMatchObject({ by: 'Li Na' });
    expect(await alerts('?open=true')).toEqual([]);

    // Acknowledged is not over: the bench is still blocked until a rescan clears it.
    scanner.scan('$PG:RESOLVE');
    await tablet.until(() => closedCount() === 1);
    expect((await alerts()).map((alert) => [alert.seq, alert.closed?.reason])).toEqual([[block!.seq, 'resolve']]);

    // A second block, not acknowledged, is open until the bench clears it, then nothing is open.
    scanner.scan(BARCODES.sock);
    await tablet.until(() => raisedCount() === 2);
    expect(await alerts('?open=true')).toHaveLength(1);
    scanner.scan('$PG:RESOLVE');
    await tablet.until(() => closedCount() === 2);
    expect(await alerts('?open=true')).toEqual([]);
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(metrics).toContain('packgate_alerts_raised_total{kind="station-block"} 2');
  });
});
