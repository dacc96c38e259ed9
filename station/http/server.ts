import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { createLogger } from '../../common/log.js';
import { packageRoot } from '../../common/paths.js';
import type { ScreenView } from './view.js';

const log = createLogger('station.http');

/** The packer's screen: default port of `packgate station --http-port`. */
export const DEFAULT_SCREEN_PORT = 8090;
/** A screen that reads this far behind is cut off; it reconnects and gets the current view. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface StationScreenOptions {
  readonly host: string;
  readonly port: number;
  /** The view now; called for each refresh while a page is connected. */
  readonly view: () => ScreenView;
}

/**
 * Builds the screen's HTTP app without listening (tests use `inject` and `injectWS`): the static
 * page under `ui/station/` and `GET /ws`, which sends `{type: "view", view}` at once and again
 * whenever the view changes. Served by the agent itself, so it works while the hub is down.
 */
export async function buildScreenApp(view: () => ScreenView, sockets: Set<WebSocket>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  app.get('/ws', { websocket: true }, (socket: WebSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // The page only listens; anything it sends is ignored.
    socket.on('message', () => undefined);
    socket.send(JSON.stringify({ type: 'view', view: view() }));
  });
  await app.register(fastifyStatic, { root: join(packageRoot(), 'ui', 'station'), prefix: '/' });
  return app;
}

/** The running screen server. */
export class StationScreen {
  #last = '';

  private constructor(
    private readonly app: FastifyInstance,
    private readonly sockets: ReadonlySet<WebSocket>,
    private readonly view: () => ScreenView,
    readonly url: string,
  ) {}

  static async start(options: StationScreenOptions): Promise<StationScreen> {
    const sockets = new Set<WebSocket>();
    const app = await buildScreenApp(options.view, sockets);
    await app.listen({ host: options.host, port: options.port });
    const { port } = app.server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const screen = new StationScreen(app, sockets, options.view, `http://${host}:${port}`);
    log.info({ url: screen.url }, 'packer screen served');
    return screen;
  }

  /** Sends the view to every page if it changed. */
  refresh(): void {
    if (this.sockets.size === 0) return;
    const text = JSON.stringify({ type: 'view', view: this.view() });
    if (text === this.#last) return;
    this.#last = text;
    for (const socket of this.sockets) {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.terminate();
      else socket.send(text);
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await this.app.close();
  }
}
