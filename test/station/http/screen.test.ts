import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { StationScreen } from '../../../station/http/server.js';
import type { ScreenView } from '../../../station/http/view.js';
import { freePort } from '../../helpers/free-port.js';
import { preprinted } from '../pack/helpers.js';
import { viewAfter as viewAfterScans } from './helpers.js';

const viewAfter = (codes: string[]) => viewAfterScans(codes, { printer: { kind: 'sim', state: 'fault', detail: 'paper out' }, hub: { connected: false, live: false, lastHeardAt: 5 } });

/** The view as the page gets it: through JSON. */
const onTheWire = (view: ScreenView): unknown => JSON.parse(JSON.stringify(view));

/** A request with its path sent exactly as written (fetch would normalise `..` away). */
function rawRequest(url: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ host: hostname, port, path, method, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject).end();
  });
}

/** A page's socket and every view it was sent, in order. */
async function connectPage(url: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  const received: unknown[] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (data: Buffer) => {
    received.push(JSON.parse(data.toString()));
    wake?.();
  });
  let read = 0;
  await once(socket, 'open');
  return {
    socket,
    received,
    async next(): Promise<unknown> {
      while (received.length <= read) await new Promise<void>((resolve) => (wake = resolve));
      return received[read++];
    },
    /** A ping's pong: everything the server sent before it has arrived. */
    async roundTrip(): Promise<void> {
      socket.ping();
      await once(socket, 'pong');
    },
  };
}

describe("the packer's screen", () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function startScreen(view: () => ScreenView, port = 0): Promise<StationScreen> {
    const screen = await StationScreen.start({ host: '127.0.0.1', port, view });
    closers.push(() => screen.close());
    return screen;
  }

  it('gives a block its title and what to do in Chinese and English', () => {
    const view = viewAfter(['$PG:BADGE:W1', '$PG:ORDER:880001', '5901234123457']);
    expect(view.state).toBe('blocked');
    expect(view.block?.titleText).toEqual({ 'zh-CN': '商品错误：不属于此订单', en: 'Wrong item: not in this order' });
    expect(view.block?.actionText.en).toBe('Take the unit out, then scan RESOLVE');
    expect(view.prompt).toEqual(view.block?.actionText);
    expect(view.lines.map((line) => [line.masterSku, line.scanned, line.expected])).toEqual([['DRESS-2026-RED-M', 0, 7], ['BT-001', 0, 2]]);
    expect(view.hub).toEqual({ connected: false, live: false, lastHeardAt: 5, silenceLimitMs: 300_000 });
  });

  it('says "do not seal", in both languages, while a pre-printed parcel may not be sealed, and shows each parcel', () => {
    const devices = { printer: { kind: 'sim', state: 'ok' }, hub: { connected: false, live: false, lastHeardAt: null } } as const;
    const view = viewAfterScans(['$PG:BADGE:W1', 'YT9988776655', '5901234123457'], devices, preprinted({ link: { lastHeardAt: null } }));
    expect(view).toMatchObject({ state: 'verified', flow: 'verify-preprinted', parcel: { current: 1, count: 1 } });
    expect(view.prompt.en).toBe('Verified, but the parcel may not be sealed');
    expect(view.label?.gateText).toEqual({ 'zh-CN': '禁止封箱：与总部失联过久', en: 'Do not seal: the hub has been silent too long' });
    expect(view.notice).toEqual(view.label?.gateText);
    expect(view.parcels).toEqual([{ index: 1, waybill: 'YT9988776655', units: 1, current: true, closed: true, label: 'none', printed: 0, sealed: false }]);
  });

  it('names the parcel being packed, n of N', () => {
    const view = viewAfter(['$PG:BADGE:W1', '$PG:TASK:T30', '4006381333931', '$PG:PARCEL']);
    expect(view.parcel).toEqual({ current: 2, count: 2 });
    expect(view.prompt).toEqual({ 'zh-CN': '第 2/2 包：请扫描商品，装满后扫描“下一包”卡', en: 'Parcel 2 of 2: scan the items, then NEXT PARCEL when the box is full' });
    expect(view.notice?.en).toBe('Packing parcel 2 of 2');
    expect(view.parcels.map((parcel) => [parcel.waybill, parcel.units, parcel.closed, parcel.current])).toEqual([
      ['YT3000000001', 1, true, false],
      ['YT3000000002', 0, false, true],
    ]);
  });

  it('serves the page files with their types, uncached, to GET and HEAD', async () => {
    const screen = await startScreen(() => viewAfter([]));
    const page = await fetch(`${screen.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<script type="module" src="app.js">');
    for (const [file, type] of [['app.js', 'text/javascript'], ['strings.js', 'text/javascript'], ['style.css', 'text/css']]) {
      const response = await fetch(`${screen.url}/${file}`);
      expect([response.status, response.headers.get('content-type')], file).toEqual([200, `${type}; charset=utf-8`]);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect((await response.text()).length).toBeGreaterThan(0);
    }
    expect(await (await fetch(`${screen.url}/strings.js`)).text()).toContain("'zh-CN'");
    const head = await fetch(`${screen.url}/app.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
  });

  it('refuses other methods with 405 and Allow, and anything outside the folder', async () => {
    const screen = await startScreen(() => viewAfter([]));
    const post = await fetch(`${screen.url}/`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    const missing = await fetch(`${screen.url}/favicon.ico`);
    expect([missing.status, await missing.json()]).toMatchObject([404, { error: { code: 'NOT_FOUND' } }]);
    // ui/station/../../package.json is the package's own: the real file a traversal would reach.
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/..\\..\\package.json', '/ws']) {
      const response = await rawRequest(screen.url, path);
      expect([response.status, JSON.parse(response.body).error.code], path).toEqual([404, 'NOT_FOUND']);
    }
    for (const path of ['/app.js%00', '/%E0%A4%A']) {
      const response = await rawRequest(screen.url, path);
      expect([response.status, JSON.parse(response.body).error.code], path).toEqual([400, 'BAD_REQUEST']);
    }
    expect((await rawRequest(screen.url, '/app.js')).status).toBe(200);
  });

  it('sends the view at once, again when it changes, and nothing when it did not', async () => {
    let view = viewAfter(['$PG:BADGE:W1']);
    const screen = await startScreen(() => view);
    const page = await connectPage(screen.url);
    closers.push(async () => page.socket.terminate());
    expect(await page.next()).toEqual({ type: 'view', view: onTheWire(view) });

    view = viewAfter(['$PG:BADGE:W1', '$PG:ORDER:880001']);
    screen.refresh();
    expect(await page.next()).toEqual({ type: 'view', view: onTheWire(view) });

    screen.refresh();
    await page.roundTrip();
    expect(page.received).toHaveLength(2);
  });

  it('ignores what the page sends and cuts off a page that sends too much', async () => {
    const view = viewAfter([]);
    const screen = await startScreen(() => view);
    const page = await connectPage(screen.url);
    await page.next();
    page.socket.send('hello');
    await page.roundTrip();
    expect(page.socket.readyState).toBe(WebSocket.OPEN);
    const closed = once(page.socket, 'close');
    page.socket.send('x'.repeat(5000));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009);
    const again = await connectPage(screen.url);
    closers.push(async () => again.socket.terminate());
    expect(await again.next()).toEqual({ type: 'view', view: onTheWire(view) });
  });

  it('refuses a WebSocket upgrade on any other path with 404', async () => {
    const screen = await startScreen(() => viewAfter([]));
    const socket = new WebSocket(`${screen.url.replace(/^http/, 'ws')}/alerts`);
    socket.on('error', () => undefined);
    const [, response] = (await once(socket, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(404);
    socket.terminate();
  });

  it('closes its pages and frees the port before close() resolves', async () => {
    const port = await freePort();
    const screen = await StationScreen.start({ host: '127.0.0.1', port, view: () => viewAfter([]) });
    const page = await connectPage(screen.url);
    await page.next();
    // A kept-alive HTTP connection must not hold close() open.
    expect((await fetch(`${screen.url}/`)).status).toBe(200);
    const pageClosed = once(page.socket, 'close');
    await screen.close();
    await pageClosed;
    await screen.close();
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('rejects start with SCREEN_PORT_IN_USE when the port is taken', async () => {
    const first = await startScreen(() => viewAfter([]));
    const port = Number(new URL(first.url).port);
    await expect(StationScreen.start({ host: '127.0.0.1', port, view: () => viewAfter([]) })).rejects.toMatchObject({ name: 'PackgateError', code: 'SCREEN_PORT_IN_USE' });
    expect((await fetch(`${first.url}/`)).status).toBe(200);
  });
});
