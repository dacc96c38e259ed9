import { describe, expect, it } from 'vitest';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

const SITE = 'offline';
const POLICY_MS = 2000;

describe('the offline policy at a real station', () => {
  it('(d) hub silence longer than the policy holds the label; it prints once the hub is back', async () => {
    const rig = await StationRig.start({ site: SITE, shop: ['TB4001'], tablet: false, station: { policy: { hubSilenceMs: POLICY_MS } } });
    const { agent, scanner, printer } = rig;
    expect(agent.status().policy).toEqual({ hubSilenceMs: POLICY_MS, weightTolerance: { grams: 20, percent: 3 } });

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB4001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    scanner.scan(BARCODES.dress);
    scanner.scan(BARCODES.dress);
    await agent.drained();

    await rig.stopHub();
    await until(agent, () => !agent.presence.live, 'the hub to go');
    const lastHeard = agent.presence.lastHeardAt(Date.now())!;
    // Still inside the policy: packing goes on, and the label would print.
    expect(agent.view().hub.live).toBe(false);
    await until(agent, () => Date.now() - lastHeard > POLICY_MS, 'the policy to run out', POLICY_MS + 3000);
    scanner.scan(BARCODES.baby);
    expect(agent.driver.session.phase).toBe('verified');
    expect(agent.driver.session.notice).toEqual({ key: 'gate.hub_silent', params: {} });
    expect(agent.view().label?.gate).toBe('hub_silent');
    expect(agent.view().prompt.en).toBe('Verified, but the label may not print');
    expect(printer.simulator.printed).toHaveLength(0);

    await rig.startHub();
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label once the hub is back');
    expect(printer.simulator.printed).toHaveLength(1);
    await agent.drained();

    const tablet = await rig.connectTablet();
    await tablet.until(() => tablet.records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));
    const labels = tablet.records.flatMap((r) => (r.kind === 'event' && r.event.body.type.startsWith('pack.label') ? [r.event.body] : []));
    expect(labels).toEqual([
      expect.objectContaining({ type: 'pack.label_refused', reason: 'hub_silent' }),
      expect.objectContaining({ type: 'pack.label_requested', reprint: false }),
      expect.objectContaining({ type: 'pack.label_printed', reprint: false }),
    ]);
    const task = Object.values(rig.hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB4001');
    expect(task?.progress).toBe('labelled');
  });
});
