import type { FeedMessage, FeedRecord } from './wire.js';

export type FeedState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export interface FeedClientOptions {
  readonly url: string;
  readonly token: string;
  /** The last hub sequence already held; the hub sends what follows it. */
  readonly since: number;
  readonly onRecord: (record: FeedRecord) => void;
  readonly onState: (state: FeedState, welcome?: { role: string; name: string }) => void;
}

/**
 * The page's `/ws` connection: hello with the token and the last sequence held, reconnect with
 * backoff, and never pass on a record twice (docs/protocol.md, "Tablet feed").
 */
export class FeedClient {
  #lastSeq: number;
  #attempt = 0;
  #stopped = false;
  #socket: WebSocket | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: FeedClientOptions) {
    this.#lastSeq = options.since;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  start(): void {
    this.options.onState('connecting');
    const socket = new WebSocket(this.options.url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'hello', token: this.options.token, since: this.#lastSeq }));
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => this.#onMessage(message.data));
    socket.addEventListener('close', () => {
      if (this.#socket !== socket || this.#stopped) return;
      this.options.onState('disconnected');
      const delay = Math.min(5000, 250 * 2 ** this.#attempt) * (0.5 + Math.random() / 2);
      this.#attempt += 1;
      this.#timer = setTimeout(() => this.start(), delay);
    });
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  #onMessage(text: string): void {
    const message = JSON.parse(text) as FeedMessage;
    if (message.type === 'welcome') {
      this.#attempt = 0;
      this.options.onState('connected', { role: message.role, name: message.name });
    } else if (message.type === 'record') {
      if (message.record.seq <= this.#lastSeq) return;
      this.#lastSeq = message.record.seq;
      this.options.onRecord(message.record);
    } else if (message.error.code === 'UNAUTHORIZED' || message.error.code === 'FORBIDDEN') {
      this.#stopped = true;
      this.options.onState('unauthorized');
    }
  }
}
