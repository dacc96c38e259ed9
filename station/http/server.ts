import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { PackgateError, errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { packageRoot } from '../../common/paths.js';
import { STATIC_METHODS, contentTypeOf, servableNames, staticTarget } from './static-files.js';
import { mayAct, readPageInput, type PageInput, type PageInputRefusal } from './page-input.js';
import type { DockScreenView } from './dock-view.js';
import type { ScreenView } from './view.js';

const log = createLogger('station.http');

/** The packer's screen: default port of `packgate station --http-port`. */
export const DEFAULT_SCREEN_PORT = 8090;
/** A screen that reads this far behind is cut off; it reconnects and gets the current view. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** The page sends only its taps (a few dozen bytes); a larger message is refused (close code 1009). */
const MAX_PAGE_MESSAGE_BYTES = 4096;

export interface StationScreenOptions {
  readonly host: string;
  readonly port: number;
  /** The view now; called for each refresh while a page is connected. */
  readonly view: () => ScreenView | DockScreenView;
  /** A tap on the page (the put-aside menu, a dock's carrier); absent: the page's messages are ignored. */
  readonly onInput?: (input: PageInput) => void;
}


/**
 * The packer's screen, served by the agent itself so it works while the hub is down: the static
 * page under `ui/station/` and `GET /ws`, which sends `{type: "view", view}` at once and again
 * whenever the view changes, and takes the page's taps on the put-aside menu (`PageInput`). Plain `node:http` and `ws`: the station's memory budget (issue #4)
 * has no room for a web framework for four files and one socket.
 */
export class StationScreen {
  #last = '';
  #closed: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly sockets: WebSocketServer,
    private readonly view: () => ScreenView | DockScreenView,
    readonly url: string,
    /** Messages from pages that were not taken, by code. */
    readonly refused: Readonly<Record<PageInputRefusal, number>>,
  ) {}

  /** Serves the screen; rejects with `SCREEN_PORT_IN_USE` or `SCREEN_LISTEN_FAILED`. */
  static async start(options: StationScreenOptions): Promise<StationScreen> {
    const root = join(packageRoot(), 'ui', 'station');
    const names = servableNames(await readdir(root, { withFileTypes: true }));
    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PAGE_MESSAGE_BYTES });
    const refused = { SCREEN_BAD_INPUT: 0, SCREEN_FOREIGN_ORIGIN: 0 };
    sockets.on('connection', (socket, request: IncomingMessage) => {
      // ws has already closed the socket (e.g. 1009 for a message over maxPayload).
      socket.on('error', (err) => log.debug({ err: err.message }, 'screen socket error'));
      const trusted = mayAct(request.headers.origin, request.headers.host);
      socket.on('message', (data, isBinary) => {
        if (!options.onInput) return;
        const input = !trusted ? { refused: 'SCREEN_FOREIGN_ORIGIN' as const } : isBinary ? { refused: 'SCREEN_BAD_INPUT' as const } : readPageInput(data.toString());
        if ('refused' in input) {
          refused[input.refused] += 1;
          log.warn({ code: input.refused, count: refused[input.refused], origin: request.headers.origin }, 'screen input refused');
          return;
        }
        options.onInput(input);
      });
      socket.send(JSON.stringify({ type: 'view', view: options.view() }));
    });
    const server = createServer((request, response) => void serveFile(root, names, request, response));
    server.on('upgrade', (request: IncomingMessage, socket, head) => {
      socket.on('error', () => socket.destroy());
      if (request.url?.split('?', 1)[0] === '/ws') {
        sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
      } else {
        socket.once('finish', () => socket.destroy());
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      }
    });
    try {
      await listen(server, options.host, options.port);
    } catch (err) {
      sockets.close();
      throw err;
    }
    const { port } = server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const screen = new StationScreen(server, sockets, options.view, `http://${host}:${port}`, refused);
    log.info({ url: screen.url }, 'packer screen served');
    return screen;
  }

  /** Sends the view to every page if it changed. */
  refresh(): void {
    if (this.sockets.clients.size === 0) return;
    const text = JSON.stringify({ type: 'view', view: this.view() });
    if (text === this.#last) return;
    this.#last = text;
    for (const socket of this.sockets.clients) {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.terminate();
      else socket.send(text);
    }
  }

  /** Cuts every page off and resolves once the port is free again. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve, reject) => {
      for (const socket of this.sockets.clients) socket.terminate();
      this.sockets.close();
      this.server.close((err) => (err ? reject(err) : resolve()));
      this.server.closeAllConnections();
    });
    return this.#closed;
  }
}

/** A message from a dock screen: a chosen carrier, else ignored (and logged). */

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      reject(
        err.code === 'EADDRINUSE'
          ? new PackgateError('SCREEN_PORT_IN_USE', `the packer's screen cannot listen on ${where}: the port is in use (another station agent? pick one with --http-port)`, { cause: err })
          : new PackgateError('SCREEN_LISTEN_FAILED', `the packer's screen cannot listen on ${where}: ${err.message}`, { cause: err }),
      );
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

async function serveFile(root: string, names: ReadonlySet<string>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const target = staticTarget(method, request.url ?? '/', names);
  if (!('name' in target)) {
    if (target.status === 405) response.setHeader('Allow', STATIC_METHODS.join(', '));
    sendError(response, target.status, target.code, target.message);
    return;
  }
  let body: Buffer;
  try {
    // Read per request, not cached: the page loads once per (re)connect, and the agent's memory is what issue #4 counts.
    body = await readFile(join(root, target.name));
  } catch (err) {
    log.error({ err: errorMessage(err), file: target.name }, 'screen file unreadable');
    sendError(response, 500, 'INTERNAL', 'internal error');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypeOf(target.name)!,
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(method === 'HEAD' ? undefined : body);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}
