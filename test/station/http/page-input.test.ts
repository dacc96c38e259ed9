import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { mayAct, readPageInput, type PageInput } from '../../../station/http/page-input.js';
import { StationScreen } from '../../../station/http/server.js';
import { viewAfter } from './helpers.js';

const devices = { printer: { kind: 'sim', state: 'ok' }, hub: { connected: true, live: true, lastHeardAt: 1 } } as const;

describe("the packer's taps (the put-aside menu)", () => {
  it.each([
    ['{"type":"aside","reason":"damaged"}', { type: 'aside', reason: 'damaged' }],
    ['{"type":"aside_menu","open":true}', { type: 'aside_menu', open: true }],
    ['{"type":"aside_menu","open":false}', { type: 'aside_menu', open: false }],
  ])('reads %s', (text, input) => {
    expect(readPageInput(text)).toEqual(input);
  });

  it.each([
    'not json',
    '[]',
    'null',
    '{"type":"aside","reason":"cancelled"}',
    '{"type":"aside","reason":"__proto__"}',
    '{"type":"aside","reason":"damaged","extra":1}',
    '{"type":"aside_menu","open":"yes"}',
    '{"type":"scan","data":"$PG:CANCEL"}',
  ])('refuses %s with SCREEN_BAD_INPUT', (text) => {
    expect(readPageInput(text)).toEqual({ refused: 'SCREEN_BAD_INPUT' });
  });

  it('lets act only the page the station served (or a client without an Origin)', () => {
    expect(mayAct('http://127.0.0.1:8090', '127.0.0.1:8090')).toBe(true);
    expect(mayAct(undefined, '127.0.0.1:8090')).toBe(true);
    expect(mayAct('https://evil.example', '127.0.0.1:8090')).toBe(false);
    expect(mayAct('http://127.0.0.1:8091', '127.0.0.1:8090')).toBe(false);
  });

  describe('over the screen socket', () => {
    const closers: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close();
    });

    async function socketTo(url: string, origin?: string): Promise<WebSocket> {
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, origin ? { origin } : {});
      closers.push(async () => socket.terminate());
      await once(socket, 'message');
      return socket;
    }

    /** A ping's pong: whatever was sent before it has been handled. */
    async function roundTrip(socket: WebSocket): Promise<void> {
      socket.ping();
      await once(socket, 'pong');
    }

    it("passes the station's own page's taps on; counts bad ones and another site's, and passes them not", async () => {
      const taken: PageInput[] = [];
      const screen = await StationScreen.start({ host: '127.0.0.1', port: 0, view: () => viewAfter([], devices), onInput: (input) => taken.push(input) });
      closers.push(() => screen.close());
      const own = await socketTo(screen.url, screen.url);
      own.send('{"type":"aside","reason":"wrong_pick"}');
      own.send('{"type":"aside","reason":"lost"}');
      await roundTrip(own);
      const foreign = await socketTo(screen.url, 'https://evil.example');
      foreign.send('{"type":"aside","reason":"other"}');
      await roundTrip(foreign);
      expect(taken).toEqual([{ type: 'aside', reason: 'wrong_pick' }]);
      expect(screen.refused).toEqual({ SCREEN_BAD_INPUT: 1, SCREEN_FOREIGN_ORIGIN: 1 });
    });
  });
});
