import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StationAgent } from '../../station/agent.js';
import { SimulatedPrinterTransport } from '../../firmware-sim/printer/transport.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, FAST_PRINTING, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

/*
 * Issue #14, `packgate station --mode dock`: a real hub and broker, a bench station packing the
 * parcels, and a dock station with its own simulated scanner and printer scanning a handover batch
 * against the hub's dock manifest; the hub applies the batch from the dock's events.
 */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

const ADDRESS = { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' };

describe('a dock station', () => {
  it('hands a batch over: good parcels in, an intercept, a duplicate, a wrong carrier and an unknown waybill refused, the sheet printed, the orders handed over', async () => {
    const rig = await StationRig.start({
      site: 'dockstation',
      shop: ['TB1', 'TB2', 'TB3'],
      seed: [
        {
          type: 'createOrder',
          channel: 'taobao',
          orderNo: 'TB5',
          waybill: 'YTTB5',
          carrier: 'yto',
          label: ADDRESS,
          lines: [
            { channelSku: 'DRESS-2026-RED-M', quantity: 2 },
            { channelSku: 'BABY-SH-001', quantity: 1 },
          ],
        },
      ],
    });
    const { hub, agent: bench, scanner: benchScanner } = rig;
    const api = (method: string, path: string, body?: unknown, token = rig.token) => hubFetch(hub.httpUrl, token, method, path, body);
    const erp = await hub.createToken('erp', 'integration');

    benchScanner.scan('$PG:BADGE:W07');
    for (const orderNo of ['TB1', 'TB2', 'TB3', 'TB5']) {
      benchScanner.scan(`$PG:ORDER:${orderNo}`);
      await until(bench, () => bench.driver.session.phase === 'packing' && bench.driver.session.order?.task.orderId === `taobao:${orderNo}`, orderNo);
      for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) benchScanner.scan(code);
      await until(bench, () => bench.driver.session.phase === 'printed', `${orderNo}'s label`);
    }
    await bench.drained();
    await vi.waitFor(() => expect(Object.values(hub.domainState.tasks).every((task) => task.progress === 'labelled')).toBe(true), { timeout: 10_000 });
    // A refund after labelling: TB3's parcel must be taken out at the dock.
    expect((await api('POST', '/freezes', { orderId: 'taobao:TB3', note: 'refund only' }, erp)).status).toBe(201);

    const login = await hub.provisionStation('DOCK1');
    const scanner = new SimulatedScanner();
    const printer = await SimulatedPrinterTransport.start();
    const dockAgent = await StationAgent.start({
      id: 'DOCK1',
      site: 'dockstation',
      hubUrl: hub.mqttUrl,
      dataDir: join(rig.dir, 'DOCK1'),
      scanner,
      printer,
      printTiming: FAST_PRINTING,
      mode: 'dock',
      mqttUsername: login.username,
      mqttPassword: login.password,
    });
    try {
      const dock = dockAgent.dock!;
      const session = () => dock.session;
      await until(dockAgent, () => dockAgent.presence.live && dock.manifest?.parcels.get('SFTB3')?.held !== undefined, 'the dock manifest with the intercept');

      scanner.scan('$PG:BADGE:W09');
      scanner.scan('$PG:CARRIER:SF-EXPRESS');
      await until(dockAgent, () => session().batch?.id === 'DOCK1-1', 'batch DOCK1-1');
      expect(session().batch).toMatchObject({ carrier: 'sf-express', openedBy: 'W09' });

      scanner.scan('SFTB1');
      await until(dockAgent, () => session().batch?.parcels.length === 1, 'SFTB1 in the batch');
      // A duplicate: refused, not counted, no block.
      scanner.scan('sftb1');
      await until(dockAgent, () => session().notice?.key === 'notice.PARCEL_IN_BATCH', 'the duplicate refused');
      expect(session().block).toBeNull();

      // The intercept blocks loudly, in both languages, until the parcel is scanned out.
      scanner.scan('SFTB3');
      await until(dockAgent, () => session().block?.code === 'PARCEL_INTERCEPTED', 'the intercept');
      const view = dockAgent.dockView()!;
      expect(view.block?.titleText).toEqual({ 'zh-CN': '拦截：请取出此包裹', en: 'Take this parcel out' });
      scanner.scan('SFTB2');
      await until(dockAgent, () => session().notice?.key === 'notice.blocked', 'scans refused while blocked');
      scanner.scan('$PG:WITHDRAW');
      scanner.scan('SFTB3');
      await until(dockAgent, () => session().block === null, 'SFTB3 taken out');

      // A parcel of another carrier, and a waybill no order has: blocked, cleared by a supervisor.
      scanner.scan('YTTB5');
      await until(dockAgent, () => session().block?.code === 'CARRIER_MISMATCH', 'the wrong carrier');
      scanner.scan('$PG:SUP:S-01');
      await until(dockAgent, () => session().block === null, 'the supervisor clear');
      scanner.scan('NOBODY1');
      await until(dockAgent, () => session().block?.code === 'WAYBILL_NOT_FOUND', 'the unknown waybill');
      scanner.scan('$PG:SUP:S-01');
      await until(dockAgent, () => session().block === null, 'the supervisor clear');

      scanner.scan('SFTB2');
      await until(dockAgent, () => session().batch?.parcels.length === 2, 'SFTB2 in the batch');
      scanner.scan('$PG:CLOSE');
      await until(dockAgent, () => session().batch === null && session().lastClosed?.batch.id === 'DOCK1-1', 'the close');
      await dock.printed();
      expect(dock.printState).toMatchObject({ batchId: 'DOCK1-1', state: 'printed' });
      await vi.waitFor(() => expect(printer.simulator.printed.length).toBeGreaterThan(0), { timeout: 5000 });
      const sheet = printer.simulator.printed.map((label) => label.zpl).join('\n');
      expect(sheet).toContain('^FDDOCK1-1^FS');
      expect(sheet).toContain('Parcels 件数: 2');
      expect(sheet).toContain('1. SFTB1  taobao:TB1  #1');
      expect(sheet).toContain('2. SFTB2  taobao:TB2  #1');
      expect(sheet).not.toContain('SFTB3');
      expect(sheet).not.toContain('YTTB5');

      // The hub applied the dock's events, each once.
      await dockAgent.drained();
      const batch = (await json(api('GET', '/handovers/DOCK1-1'))).batch;
      expect(batch).toMatchObject({ carrier: 'sf-express', station: 'DOCK1', openedBy: 'W09', closed: { by: 'W09', count: 2 } });
      expect(batch.parcels.map((parcel: { waybill: string }) => parcel.waybill)).toEqual(['SFTB1', 'SFTB2']);
      for (const orderNo of ['TB1', 'TB2']) {
        const order = await json(api('GET', `/orders/taobao:${orderNo}`));
        expect(order.fulfilment.node).toBe('handed-over');
      }
      expect((await json(api('GET', '/orders/taobao:TB3'))).fulfilment.node).toBe('labelled');
      const alerts = (await json(api('GET', '/alerts'))).alerts as Array<{ kind: string; target: Record<string, string>; closed?: { reason: string } }>;
      expect(alerts.find((alert) => alert.kind === 'parcel-intercepted' && alert.target.orderId === 'taobao:TB3')?.closed?.reason).toBe('withdrawn at DOCK1');
      // The manifest now says the parcels left: a second scan is PARCEL_HANDED_OVER.
      await until(dockAgent, () => dock.manifest?.parcels.get('SFTB1')?.handedOver === 'DOCK1-1', 'the manifest after the close');
    } finally {
      await dockAgent.close();
    }
  });
});
