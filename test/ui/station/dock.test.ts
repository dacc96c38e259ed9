import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { StationAgent } from '../../../station/agent.js';
import { SimulatedPrinterTransport } from '../../../firmware-sim/printer/transport.js';
import { SimulatedScanner } from '../../../station/scanner/sim.js';
import { screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { hubFetch } from '../../helpers/hub-http.js';
import { BARCODES, FAST_PRINTING, until } from '../../helpers/station.js';
import { StationRig } from '../../helpers/station-rig.js';

/* The dock's screen (`--mode dock`) in a real browser: a carrier chosen on the screen, a parcel in, the intercept's block in both languages. */
describe('the dock screen', () => {
  it('opens a batch from a carrier button, lists the parcels, and blocks loudly on an intercept', async () => {
    const label = { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' };
    const lines = [
      { channelSku: 'DRESS-2026-RED-M', quantity: 2 },
      { channelSku: 'BABY-SH-001', quantity: 1 },
    ];
    const rig = await StationRig.start({
      site: 'dockscreen',
      shop: [],
      seed: ['TB1', 'TB2'].map((orderNo) => ({ type: 'createOrder' as const, channel: 'taobao' as const, orderNo, waybill: `SF${orderNo}`, carrier: 'sf-express', label, lines })),
    });
    const { hub, agent: bench, scanner: benchScanner } = rig;
    benchScanner.scan('$PG:BADGE:W07');
    for (const orderNo of ['TB1', 'TB2']) {
      benchScanner.scan(`$PG:ORDER:${orderNo}`);
      await until(bench, () => bench.driver.session.phase === 'packing' && bench.driver.session.order?.task.orderId === `taobao:${orderNo}`, orderNo);
      for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) benchScanner.scan(code);
      await until(bench, () => bench.driver.session.phase === 'printed', `${orderNo}'s label`);
    }
    await bench.drained();
    const erp = await hub.createToken('erp', 'integration');
    expect((await hubFetch(hub.httpUrl, erp, 'POST', '/freezes', { orderId: 'taobao:TB2', note: 'refund only' })).status).toBe(201);

    const login = await hub.provisionStation('DOCK1');
    const scanner = new SimulatedScanner();
    const printer = await SimulatedPrinterTransport.start();
    const dockAgent = await StationAgent.start({
      id: 'DOCK1', site: 'dockscreen', hubUrl: hub.mqttUrl, dataDir: join(rig.dir, 'DOCK1'), scanner, printer, printTiming: FAST_PRINTING,
      mode: 'dock', httpPort: 0, mqttUsername: login.username, mqttPassword: login.password,
    });
    onTestFinished(() => dockAgent.close());
    const browser = await TestBrowser.launch();
    onTestFinished(() => browser.close());
    const dock = dockAgent.dock!;
    await until(dockAgent, () => dock.manifest?.parcels.get('SFTB2')?.held !== undefined, 'the manifest');

    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${dockAgent.screenUrl}/`);
    scanner.scan('$PG:BADGE:W09');
    await page.getByRole('button', { name: 'sf-express' }).click();
    await until(dockAgent, () => dock.session.batch?.carrier === 'sf-express', 'the batch chosen on the screen');
    scanner.scan('SFTB1');
    await page.locator('#dock-parcels li', { hasText: 'SFTB1' }).waitFor();
    await screenshotBothSizes(page, 'dock-batch-zh');
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#dock-batch').textContent()).toContain('Batch DOCK1-1 · sf-express · 1 parcels');
    await screenshotBothSizes(page, 'dock-batch-en');

    scanner.scan('SFTB2');
    await page.locator('#block').waitFor({ state: 'visible' });
    expect(await page.locator('#block-title-zh').textContent()).toBe('拦截：请取出此包裹');
    expect(await page.locator('#block-title-en').textContent()).toBe('Take this parcel out');
    // The block covers the screen and says it in both languages at once.
    await screenshotBothSizes(page, 'dock-intercept');
  }, 60_000);
});
