import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { getOwn } from '../../hub/domain/index.js';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { DEFAULT_FIRMWARE, planScan } from '../../firmware-sim/scanner/firmware.js';
import { playScan } from '../../firmware-sim/scanner/player.js';
import { PtyLink } from '../../firmware-sim/scanner/pty-link.js';
import { createScanner, parseScannerSpec } from '../../station/scanner/spec.js';
import type { ScannerSource } from '../../station/scanner/source.js';
import { BARCODES, run, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';
import type { TabletClient } from '../helpers/tablet-client.js';

const SITE = 'pack';

describe('a station packs against a real hub, broker, scanner and printer', () => {
  const setUp = (orders: readonly string[], scanner?: ScannerSource) => StationRig.start({ site: SITE, shop: orders, station: { scanner } });

  const bodies = (tablet: TabletClient) => tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event.body] : []));

  it('(a) packs a whole order from the hub and prints its label once', async () => {
    const { hub, tablet, agent, scanner, printer } = await setUp(['TB1001']);
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB1001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order from the hub');
    expect(agent.driver.session.order?.task.lines.map((l) => l.barcodes.length)).toEqual([2, 1]);
    for (const code of [BARCODES.dress, BARCODES.baby, BARCODES.dress]) scanner.scan(code);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    await agent.drained();

    expect(printer.simulator.printed).toHaveLength(1);
    expect(printer.simulator.printed[0]?.zpl).toContain('SFTB1001');
    const types = bodies(tablet).map((body) => body.type);
    await tablet.until(() => bodies(tablet).some((body) => body.type === 'pack.label_printed'));
    expect(bodies(tablet).map((body) => body.type)).toEqual(
      expect.arrayContaining(['pack.packer_signed_in', 'pack.order_requested', 'pack.order_loaded', 'pack.order_verified', 'pack.label_requested', 'pack.label_printed']),
    );
    expect(types.filter((type) => type === 'pack.verdict')).toHaveLength(3);
    const task = Object.values(hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB1001')!;
    expect(task).toMatchObject({ progress: 'labelled', station: 'P1' });
    expect(tablet.scans()).toEqual(['$PG:BADGE:W07', '$PG:ORDER:TB1001', BARCODES.dress, BARCODES.baby, BARCODES.dress]);
  });

  it('(b) blocks a wrong item, clears it with RESOLVE, and the hub has both', async () => {
    const { tablet, agent, scanner } = await setUp(['TB2001']);
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB2001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    scanner.scan(BARCODES.sock);
    expect(agent.driver.session.block).toMatchObject({ reason: 'wrong_item', sku: 'SOCK-01' });
    expect(agent.view().block?.titleText).toEqual({ 'zh-CN': '商品错误：不属于此订单', en: 'Wrong item: not in this order' });
    scanner.scan(BARCODES.dress);
    expect(agent.driver.session.order?.counted).toEqual([0, 0]);
    scanner.scan('$PG:RESOLVE');
    expect(agent.driver.session.block).toBeNull();
    scanner.scan(BARCODES.dress);
    expect(agent.driver.session.order?.counted).toEqual([1, 0]);
    await agent.drained();
    await tablet.until(() => bodies(tablet).some((body) => body.type === 'pack.block_cleared'));
    const logged = bodies(tablet);
    expect(logged).toContainEqual(expect.objectContaining({ type: 'pack.verdict', verdict: 'wrong_item', sku: 'SOCK-01', via: 'mapping', mappingVersion: 4 }));
    expect(logged).toContainEqual(expect.objectContaining({ type: 'pack.blocked', reason: 'wrong_item', clearBy: 'resolve', packer: 'W07' }));
    expect(logged).toContainEqual(expect.objectContaining({ type: 'pack.verdict', verdict: 'while_blocked' }));
    expect(logged).toContainEqual(expect.objectContaining({ type: 'pack.block_cleared', reason: 'wrong_item', by: 'resolve' }));
  });

  it('(c) a stop arriving mid-pack blocks the session at once, and no label prints', async () => {
    const { hub, agent, scanner, printer } = await setUp(['TB3001']);
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB3001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    scanner.scan(BARCODES.dress);
    scanner.scan(BARCODES.dress);
    const stopped = Date.now();
    run(hub, { type: 'stopTask', orderId: 'taobao:TB3001', reason: 'address-change' });
    await until(agent, () => agent.driver.session.block?.reason === 'order_stopped', 'the stop', 1000);
    expect(Date.now() - stopped).toBeLessThan(1000);
    scanner.scan(BARCODES.baby);
    expect(agent.driver.session.phase).toBe('packing');
    expect(agent.driver.session.order?.counted).toEqual([2, 0]);
    await until(agent, () => agent.copy.versions().stops === hub.domainState.stopList.version, 'the retained stop list');
    expect(agent.view().label?.gate).toBe('blocked');
    expect(printer.simulator.printed).toHaveLength(0);
    const task = Object.values(hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB3001')!;
    await agent.drained();
    expect(getOwn(hub.domainState.tasks, task.id)?.progress).toBe('loaded');
  });

  it('(f) a printer out of paper keeps the label, reports it, and prints it once when refilled', async () => {
    const { hub, agent, scanner, printer } = await setUp(['TB5001']);
    printer.simulator.setConditions({ paperOut: true });
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB5001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, BARCODES.dress, BARCODES.baby]) scanner.scan(code);
    await until(agent, () => agent.status().printer?.state === 'fault', 'the printer fault');
    expect(agent.status().printer?.detail).toContain('paper out');
    expect(agent.driver.session.order?.parcels[0]?.label.status).toBe('requested');
    expect(agent.view().prompt.en).toBe('Printing the label…');
    expect(agent.printQueue.jobs().map((job) => job.state)).toEqual(['queued']);
    await until(agent, () => getOwn(hub.domainState.stations, 'P1')?.faults.printer !== undefined, 'the fault at the hub');

    // A REPRINT card while it waits is refused: one label is in flight.
    scanner.scan('$PG:REPRINT');
    expect(agent.driver.session.notice?.key).toBe('refusal.label_in_progress');
    printer.simulator.setConditions({ paperOut: false });
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label after the refill');
    expect(printer.simulator.printed).toHaveLength(1);
    expect(agent.printQueue.jobs().map((job) => [job.id, job.state, job.attempts])).toEqual([['T1#1', 'printed', 1]]);
    await until(agent, () => getOwn(hub.domainState.stations, 'P1')?.faults.printer === undefined, 'the recovery at the hub');
  });

  it('(a) through a real serial driver on a pseudo-terminal (socat), at 9600 baud', async () => {
    const link = await PtyLink.create(join(tmpdir(), `packgate-pack-${randomUUID()}`));
    onTestFinished(() => link.close());
    const serial = await createScanner(parseScannerSpec(`serial:${link.path}`));
    const { agent, printer } = await setUp(['TB7001'], serial);
    await until(agent, () => agent.status().scanner?.state === 'ok', 'the scanner');
    const scan = async (code: string) => {
      const before = agent.lastSeq;
      expect((await playScan(planScan(code, DEFAULT_FIRMWARE), (bytes) => link.write(bytes))).delivered).toBe(true);
      await until(agent, () => agent.lastSeq > before, `the scan ${code}`);
    };
    await scan('$PG:BADGE:W07');
    await scan('$PG:ORDER:TB7001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    for (const code of [BARCODES.dress, ']E0' + BARCODES.baby, '(01)04006381333931(10)LOT7']) await scan(code);
    await until(agent, () => agent.driver.session.phase === 'printed', 'the label');
    expect(printer.simulator.printed).toHaveLength(1);
    expect(agent.driver.session.order?.counted).toEqual([2, 1]);
  });
});
