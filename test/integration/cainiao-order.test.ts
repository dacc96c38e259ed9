import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WaybillPrinterSimulator } from '../../firmware-sim/waybill-printer/server.js';
import type { WaybillPrintData } from '../../protocol/index.js';
import { parsePrinterSpec, type WaybillPrinterSpec } from '../../station/printer/spec.js';
import { cainiaoOrder } from '../helpers/domain.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';
import type { TabletClient } from '../helpers/tablet-client.js';
import type { StationAgent } from '../../station/agent.js';
import type { SimulatedScanner } from '../../station/scanner/sim.js';

const SITE = 'cainiao';

/** Cainiao print data as the platform's waybill API returns it: encrypted, signed, with its template. */
function cainiaoPrintData(secret: string): WaybillPrintData {
  return {
    platform: 'cainiao',
    contents: [
      {
        encryptedData: `${secret}AES256+base64/${'Q'.repeat(600)}==`,
        signature: `SIG${secret}`,
        templateURL: 'https://cloudprint.cainiao.com/template/standard/101/123',
        ver: 'waybill_print_secret_version_1',
      },
    ],
  };
}

/** Signs in, opens the order (the hub sends its task), and scans its units as given. */
async function pack(agent: StationAgent, scanner: SimulatedScanner, orderNo: string, units: readonly string[], badge = true): Promise<void> {
  if (badge) scanner.scan('$PG:BADGE:W07');
  scanner.scan(`$PG:ORDER:${orderNo}`);
  await until(agent, () => agent.driver.session.phase === 'packing' && agent.driver.session.order?.task.orderNo === orderNo, `order ${orderNo} from the hub`);
  for (const code of units) scanner.scan(code);
}

async function cainiaoProgram(): Promise<{ sim: WaybillPrinterSimulator; spec: WaybillPrinterSpec }> {
  const sim = await WaybillPrinterSimulator.start({ platform: 'cainiao', host: '127.0.0.1', port: 0 });
  onTestFinished(() => sim.close());
  const spec = parsePrinterSpec(sim.spec);
  if (spec.kind !== 'waybill') throw new Error(`not a print program: ${sim.spec}`);
  return { sim, spec };
}

const bodies = (tablet: TabletClient) => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event.body] : []));

describe('a Cainiao order end to end: hub, station, and the Cainiao print program (simulated) over WebSocket', () => {
  it('prints exactly one document, with the encrypted payload as the platform gave it, and only the program\'s printed result counts', async () => {
    const { sim, spec } = await cainiaoProgram();
    const print = cainiaoPrintData('SECRET-TB5001-');
    const rig = await StationRig.start({
      site: SITE,
      shop: [],
      seed: [cainiaoOrder('TB5001', print)],
      station: { printPrograms: [spec] },
    });
    const { agent, scanner, printer, tablet } = rig;
    const heldTasks = join(rig.dir, 'P1', 'hub-tasks.jsonl');
    // The program renders at once and reports printed a moment later: the order must wait for that.
    sim.pause();
    await pack(agent, scanner, 'TB5001', [BARCODES.dress, BARCODES.dress, BARCODES.baby]);
    await until(agent, () => agent.programQueue('cainiao')!.jobs().some((job) => job.state === 'sent'), 'the program accepted the print');
    expect(agent.driver.session.phase).toBe('verified');
    expect(sim.printed).toHaveLength(0);
    expect(readFileSync(heldTasks, 'utf8')).toContain('SECRET-TB5001-');
    sim.resume();
    await until(agent, () => agent.driver.session.phase === 'printed', 'the printed result');
    // Printed: the station's held tasks drop the print data, on disk too.
    expect(readFileSync(heldTasks, 'utf8')).not.toContain('SECRET-TB5001-');
    expect(readFileSync(heldTasks, 'utf8')).toContain('YTTB5001');

    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]).toMatchObject({ platform: 'cainiao', documentId: 'YTTB5001', waybill: 'YTTB5001' });
    expect(sim.printed[0]!.contents).toEqual(print.contents);
    // Nothing went to the ZPL printer: the platform's label is the only label.
    expect(printer.simulator.printed).toHaveLength(0);
    await agent.drained();
    await tablet.until(() => bodies(tablet).some((body) => body.type === 'pack.label_printed'));
    expect(bodies(tablet).filter((body) => body.type === 'pack.label_printed')).toEqual([
      expect.objectContaining({ reprint: false, parcel: { index: 1, waybill: 'YTTB5001' } }),
    ]);
    expect(agent.status().printPrograms).toEqual([expect.objectContaining({ kind: 'cainiao', state: 'ok' })]);
    // The print data reached neither the hub's feed nor the station's status.
    expect(JSON.stringify(tablet.records)).not.toContain('SECRET-TB5001-');
    expect(JSON.stringify(agent.status())).not.toContain('SECRET-TB5001-');
  });

  it('a stop mid-pack leaves no document, and the order that follows prints', async () => {
    const { sim, spec } = await cainiaoProgram();
    const { hub, agent, scanner, token } = await StationRig.start({
      site: SITE,
      shop: [],
      seed: [cainiaoOrder('TB5002', cainiaoPrintData('S2-')), cainiaoOrder('TB5003', cainiaoPrintData('S3-'))],
      station: { printPrograms: [spec] },
    });
    await pack(agent, scanner, 'TB5002', [BARCODES.dress, BARCODES.dress]);
    const stopped = await hubFetch(hub.httpUrl, token, 'POST', '/stops', { orderId: 'taobao:TB5002', reason: 'cancel', note: 'buyer cancelled' });
    expect(stopped.status).toBe(201);
    await until(agent, () => agent.driver.session.block?.reason === 'order_stopped', 'the stop at the station');
    scanner.scan(BARCODES.baby);
    expect(agent.driver.session.phase).not.toBe('printed');
    scanner.scan('$PG:CANCEL');

    await pack(agent, scanner, 'TB5003', [BARCODES.dress, BARCODES.dress, BARCODES.baby], false);
    await until(agent, () => agent.driver.session.phase === 'printed' && agent.driver.session.order?.task.orderNo === 'TB5003', 'the next order printed');
    expect(sim.printed.map((doc) => doc.waybill)).toEqual(['YTTB5003']);
  });

  it('a station without the Cainiao program says so and prints nothing elsewhere', async () => {
    const { agent, scanner, printer } = await StationRig.start({ site: SITE, shop: [], seed: [cainiaoOrder('TB5004', cainiaoPrintData('S4-'))] });
    await pack(agent, scanner, 'TB5004', [BARCODES.dress, BARCODES.dress, BARCODES.baby]);
    await until(agent, () => agent.driver.session.order?.parcels[0]?.label.status === 'failed', 'the label refused');
    expect(agent.view().notice?.en).toContain('NO_PRINT_PROGRAM');
    expect(printer.simulator.printed).toHaveLength(0);
  });
});
