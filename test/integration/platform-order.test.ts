import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { hubPayloadParser } from '../../protocol/hub-to-station.js';
import { MAX_PARCELS, MAX_PAYLOAD_BYTES, MAX_PRINT_DATA_BYTES, type HubCommand, type WaybillPrintData } from '../../protocol/index.js';
import { printData } from '../helpers/domain.js';
import { hubFetch } from '../helpers/hub-http.js';
import { run } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { RawStation } from '../ui/tablet/raw-station.js';

// Every line the hub logs in this test, at its most talkative level.
const logged = vi.hoisted(() => {
  process.env.PACKGATE_LOG_LEVEL = 'trace';
  return [] as string[];
});
vi.mock('pino', async (original) => (await import('../helpers/logs.js')).capturingPino(await original(), logged));
afterAll(() => {
  delete process.env.PACKGATE_LOG_LEVEL;
});

const SITE = 'platform';
const SECRET = 'CAINIAO-ENCRYPTED-3c9d0e';

/** Parcel `n`'s print data, padded to the bound: ten of them make a task command far over 64 KiB. */
function fullPrintData(n: number): WaybillPrintData {
  const print = printData(`${SECRET}-${n}-`);
  const room = MAX_PRINT_DATA_BYTES - Buffer.byteLength(JSON.stringify(print));
  print.contents[0]!.encryptedData += 'A'.repeat(room);
  return print;
}

describe('a platform order in ten parcels over a real hub', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reaches the station whole in its task, shows nowhere else, and is dropped once every parcel is labelled', async () => {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const erp = await hub.createToken('erp', 'integration');
    const viewer = await hub.createToken('wall', 'viewer');
    const tablet = new TabletClient(hub.httpUrl, viewer);
    await tablet.connect();
    cleanups.push(() => tablet.close());
    run(
      hub,
      { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: '4006381333931', multiplier: 1 }] },
      { type: 'setMapping', channel: 'taobao', channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' },
    );

    // The integration posts the order with a parcel's print data at the bound for each of ten parcels.
    const waybills = Array.from({ length: MAX_PARCELS }, (_, i) => (i === 0 ? 'YT8800000001' : `YT8800000001-${i + 1}`));
    const order = {
      channel: 'taobao',
      orderNo: 'TB8801',
      waybill: waybills[0],
      label: { name: '张*', phone: '138****1234', address: '浙江省杭州市***' },
      lines: [{ channelSku: 'DRESS-2026-RED-M', quantity: MAX_PARCELS }],
      parcels: waybills.map((waybill, i) => ({ waybill, print: fullPrintData(i + 1) })),
    };
    const created = await hubFetch(hub.httpUrl, erp, 'POST', '/orders', order);
    expect(created.status).toBe(201);
    expect(await created.text()).not.toContain(SECRET);

    // The station scans parcel 7's pre-printed waybill: the task comes on its cmd topic, over 64 KiB, and passes its check.
    const station = await RawStation.connect(hub, SITE, 'PACK-07');
    cleanups.push(() => station.close());
    const commands = await station.commands();
    station.order = null;
    await station.pack('pack.order_requested', { ref: { type: 'waybill', id: waybills[6]! } });
    await expect.poll(() => commands.length).toBe(1);
    expect(commands[0]!.byteLength).toBeGreaterThan(MAX_PAYLOAD_BYTES * 2);
    const parsed = hubPayloadParser('HubCommand').parse(commands[0]!);
    if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}`);
    const command = parsed.value as Extract<HubCommand, { type: 'task' }>;
    expect(command.type).toBe('task');
    expect(command.task.parcels).toEqual(order.parcels);

    // The station packs it and prints each parcel's label.
    const taskId = command.task.taskId;
    station.order = { taskId, orderId: 'taobao:TB8801', orderNo: 'TB8801', channel: 'taobao' };
    const lines = (counted: number) => [{ masterSku: 'DRESS-RED-M', quantity: MAX_PARCELS, counted }];
    await station.pack('pack.order_loaded', { ref: { type: 'waybill', id: waybills[6]! }, source: 'hub', waybill: waybills[0]!, lines: lines(0) });
    for (const [i, waybill] of waybills.slice(0, -1).entries()) {
      await station.pack('pack.parcel_closed', { parcel: { index: i + 1, waybill }, lines: lines(1) });
    }
    await station.pack('pack.order_verified', { lines: lines(MAX_PARCELS) });
    for (const [i, waybill] of waybills.entries()) await station.pack('pack.label_printed', { reprint: false, parcel: { index: i + 1, waybill } });
    await expect.poll(() => hub.domainState.tasks[taskId]?.progress).toBe('labelled');
    expect(JSON.stringify(hub.domainState)).not.toContain(SECRET);

    // The order views show each parcel's progress; no answer, no feed record, no log line has the data.
    const view = (await (await hubFetch(hub.httpUrl, viewer, 'GET', `/orders?waybill=${waybills[9]}`)).json()) as {
      order: { parcels: Array<{ waybill: string; platform: string; labelled?: { station: string }; closed?: { units: unknown[] } }> };
      task: { progress: string };
    };
    expect(view.task.progress).toBe('labelled');
    expect(view.order.parcels.map((parcel) => [parcel.waybill, parcel.platform, parcel.labelled?.station])).toEqual(waybills.map((waybill) => [waybill, 'cainiao', 'PACK-07']));
    expect(view.order.parcels[0]!.closed?.units).toEqual([{ sku: 'DRESS-RED-M', quantity: 1 }]);
    for (const path of ['/orders/taobao%3ATB8801', '/orders/taobao%3ATB8801/timeline?limit=1000', '/orders/held', '/tablet/state', '/stations']) {
      const res = await hubFetch(hub.httpUrl, viewer, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain(SECRET);
    }
    await tablet.until((records) => records.some((record) => record.kind === 'domain' && record.events.some((event) => event.type === 'order.print-data-dropped')));
    expect(tablet.records.some((record) => record.kind === 'domain' && record.command.type === 'createOrder')).toBe(true);
    expect(JSON.stringify(tablet.records)).not.toContain(SECRET);
    // A tablet that joins later replays the history: the same.
    const late = new TabletClient(hub.httpUrl, viewer);
    await late.connect();
    cleanups.push(() => late.close());
    await late.until((records) => records.length >= tablet.records.length);
    expect(JSON.stringify(late.records)).not.toContain(SECRET);
    expect(logged.some((line) => line.includes('"hub started"'))).toBe(true);
    expect(logged.join('')).not.toContain(SECRET);

    // Asked again, the hub says the order is finished rather than send a task without its print data.
    station.order = null;
    await station.pack('pack.order_requested', { ref: { type: 'waybill', id: waybills[3]! } });
    await expect.poll(() => commands.length).toBe(2);
    expect(JSON.parse(commands[1]!.toString())).toMatchObject({ type: 'task-unavailable', reason: 'finished', ref: { type: 'waybill', id: waybills[3] } });
  });
});
