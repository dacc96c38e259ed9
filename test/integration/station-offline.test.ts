import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedPrinterTransport } from '../../station/printer/sim.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { freePort } from '../helpers/free-port.js';
import { BARCODES, FAST_PRINTING, seedShop, until } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';

const SITE = 'offline';
const POLICY_MS = 2000;

describe('the offline policy at a real station', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('(d) hub silence longer than the policy holds the label; it prints once the hub is back', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubDir = join(dir.path, 'hub');
    const mqttPort = await freePort();
    const startHub = () => Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort, dataDir: hubDir });
    let hub = await startHub();
    seedShop(hub, ['TB4001']);
    const token = await hub.createToken('test manager', 'manager');
    const login = await hub.provisionStation('P1');
    const scanner = new SimulatedScanner();
    const printer = await SimulatedPrinterTransport.start();
    const agent = await StationAgent.start({
      id: 'P1',
      site: SITE,
      hubUrl: hub.mqttUrl,
      dataDir: join(dir.path, 'P1'),
      scanner,
      printer,
      printTiming: FAST_PRINTING,
      policy: { hubSilenceMs: POLICY_MS },
      mqttUsername: login.username,
      mqttPassword: login.password,
    });
    cleanups.push(() => agent.close());
    await until(agent, () => agent.presence.live && agent.copy.freezeList !== null, 'the hub');
    expect(agent.status().policy).toEqual({ hubSilenceMs: POLICY_MS });

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB4001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    scanner.scan(BARCODES.dress);
    scanner.scan(BARCODES.dress);
    await agent.drained();

    await hub.close();
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

    hub = await startHub();
    cleanups.push(() => hub.close());
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label once the hub is back');
    expect(printer.simulator.printed).toHaveLength(1);
    await agent.drained();

    const tablet = new TabletClient(hub.httpUrl, token);
    await tablet.connect();
    cleanups.push(() => tablet.close());
    await tablet.until(() => tablet.records.some((r) => r.kind === 'event' && r.event.body.type === 'pack.label_printed'));
    const labels = tablet.records.flatMap((r) => (r.kind === 'event' && r.event.body.type.startsWith('pack.label') ? [r.event.body] : []));
    expect(labels).toEqual([
      expect.objectContaining({ type: 'pack.label_refused', reason: 'hub_silent' }),
      expect.objectContaining({ type: 'pack.label_requested', reprint: false }),
      expect.objectContaining({ type: 'pack.label_printed', reprint: false }),
    ]);
    const task = Object.values(hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB4001');
    expect(task?.progress).toBe('labelled');
  });
});
