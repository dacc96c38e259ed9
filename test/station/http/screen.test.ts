import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { buildScreenApp } from '../../../station/http/server.js';
import { screenView } from '../../../station/http/view.js';
import { createSession, scanInput, step } from '../../../station/pack/index.js';
import { context } from '../pack/helpers.js';

function viewAfter(codes: string[]) {
  let session = createSession('ST-07');
  let display = step(session, { type: 'tick' }, context()).display;
  for (const code of codes) ({ state: session, display } = step(session, scanInput(code, Date.now()), context()));
  return screenView({
    station: 'ST-07',
    display,
    printer: { kind: 'sim', state: 'fault', detail: 'paper out' },
    hub: { connected: false, live: false, lastHeardAt: 5 },
    hubSilenceMs: 300_000,
  });
}

describe("the packer's screen", () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('gives a block its title and what to do in Chinese and English', () => {
    const view = viewAfter(['$PG:BADGE:W1', '$PG:ORDER:880001', '5901234123457']);
    expect(view.state).toBe('blocked');
    expect(view.block?.titleText).toEqual({ 'zh-CN': '商品错误：不属于此订单', en: 'Wrong item: not in this order' });
    expect(view.block?.actionText.en).toBe('Take the unit out, then scan RESOLVE');
    expect(view.prompt).toEqual(view.block?.actionText);
    expect(view.lines.map((line) => [line.masterSku, line.scanned, line.expected])).toEqual([['DRESS-2026-RED-M', 0, 7], ['BT-001', 0, 2]]);
    expect(view.hub).toEqual({ connected: false, live: false, lastHeardAt: 5, silenceLimitMs: 300_000 });
  });

  it('serves the page and sends the view over its WebSocket at once', async () => {
    const sockets = new Set<WebSocket>();
    const view = viewAfter(['$PG:BADGE:W1']);
    const app = await buildScreenApp(() => view, sockets);
    closers.push(() => app.close());
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script type="module" src="app.js">');
    const strings = await app.inject({ url: '/strings.js' });
    expect(strings.body).toContain("'zh-CN'");
    await app.ready();
    let first!: Promise<string>;
    const socket = await app.injectWS('/ws', {}, {
      onInit: (ws) => (first = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())))),
    });
    expect(JSON.parse(await first)).toEqual({ type: 'view', view: JSON.parse(JSON.stringify(view)) });
    expect(sockets.size).toBe(1);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.terminate();
    await closed;
  });
});
