import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { hubFetch } from '../helpers/hub-http.js';
import { run, seedShop } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';

/** What seedShop puts on every order's label. */
const CUSTOMER = ['王芳', '13800001234', '浦东新区世纪大道'];
const leaks = (body: unknown) => CUSTOMER.filter((text) => JSON.stringify(body).includes(text));

/**
 * Issue #13, item 8: a viewer's token reads orders, timelines, evidence records and the feed
 * without customers' contacts, and no evidence media (the label is in the picture); so does a dock's.
 */
describe('customer contacts for the viewer and dock roles', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('are masked in the API and on the feed for a viewer and a dock, and shown whole to a manager', async () => {
    const hub = await Hub.start({ site: 'mask', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1']);
    run(hub, {
      type: 'createOrder',
      channel: 'taobao',
      orderNo: 'TB2',
      waybill: 'SFTB2',
      label: { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' },
      lines: [{ channelSku: 'UNMAPPED-SKU', quantity: 1 }],
    });
    const viewer = await hub.createToken('wall', 'viewer');
    const dock = await hub.createToken('dock desk', 'dock');
    const manager = await hub.createToken('floor', 'manager');
    const admin = await hub.createToken('office', 'admin');
    const get = async (token: string, path: string) => {
      const response = await hubFetch(hub.httpUrl, token, 'GET', path);
      expect(response.status, path).toBe(200);
      return response.json() as Promise<Record<string, unknown>>;
    };

    for (const token of [viewer, dock]) {
      const order = await get(token, '/orders/taobao:TB1');
      expect((order.order as { label: unknown }).label).toEqual({ name: '王*', phone: '*******1234', address: '上海市***' });
      for (const path of ['/orders/taobao:TB1', '/orders?waybill=SFTB1', '/orders/held', '/orders/taobao:TB1/timeline', '/orders/taobao:TB2/timeline', '/tablet/state', '/evidence?waybill=SFTB1']) {
        const body = await get(token, path);
        expect(leaks(body), path).toEqual([]);
        expect(JSON.stringify(body), path).toContain(path === '/tablet/state' ? '"seq"' : 'TB');
      }
      expect((await get(token, '/orders/held')).orders).toHaveLength(1);
      // Evidence media show the label whole, which no mask reaches: refused before any lookup.
      for (const path of ['/evidence/SFTB1/clip', '/evidence/SFTB1/photo', '/evidence/SFTB1/export']) {
        const refused = await hubFetch(hub.httpUrl, token, 'GET', path);
        expect(refused.status, path).toBe(403);
        expect(((await refused.json()) as { error: { code: string } }).error.code, path).toBe('FORBIDDEN');
      }
    }
    for (const path of ['/orders/taobao:TB1', '/orders/held', '/orders/taobao:TB1/timeline']) {
      expect(leaks(await get(manager, path)), path).toEqual(CUSTOMER);
    }

    const wall = new TabletClient(hub.httpUrl, viewer);
    const desk = new TabletClient(hub.httpUrl, dock);
    const floor = new TabletClient(hub.httpUrl, manager);
    const office = new TabletClient(hub.httpUrl, admin);
    await wall.connect();
    await desk.connect();
    await floor.connect();
    await office.connect();
    cleanups.push(() => wall.close(), () => desk.close(), () => floor.close(), () => office.close());
    run(hub, {
      type: 'createOrder',
      channel: 'taobao',
      orderNo: 'TB3',
      waybill: 'SFTB3',
      label: { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' },
      lines: [{ channelSku: 'DRESS-2026-RED-M', quantity: 1 }],
    });
    const hasTb3 = (records: readonly { kind: string }[]) => JSON.stringify(records).includes('"orderNo":"TB3"');
    await wall.until(hasTb3);
    await desk.until(hasTb3);
    await floor.until(hasTb3);
    expect(wall.records.length).toBe(floor.records.length);
    expect(desk.records.length).toBe(floor.records.length);
    expect(leaks(wall.records)).toEqual([]);
    expect(leaks(desk.records)).toEqual([]);
    expect(leaks(floor.records)).toEqual(CUSTOMER);
    const tablets = [wall, desk, floor, office];
    expect(tablets.map((tablet) => tablet.seesCustomers)).toEqual([false, false, true, true]);
    // The tablet offers acknowledge, decide, confirm and dispute by the welcome's word, not a list of its own.
    expect(tablets.map((tablet) => tablet.actsAsManager)).toEqual([false, false, true, true]);
  });
});
