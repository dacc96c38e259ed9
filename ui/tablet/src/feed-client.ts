import type { FeedMessage, FeedRecord, HistoryIdentity, RecoveryView } from './wire.js';

export type FeedState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

/**
 * Who the hub says the token is: its role, name, whether it sees customers whole (the hub's
 * `seesCustomers`) and whether it may take the manager's actions (`actsAsManager`).
 */
export interface Welcome {
  readonly role: string;
  readonly name: string;
  readonly seesCustomers: boolean;
  readonly actsAsManager: boolean;
}

export interface FeedClientOptions {
  readonly url: string;
  readonly token: string;
  /** The last hub sequence already held; the hub sends what follows it. */
  readonly since: number;
  /**
   * Asked at each welcome: false when the hub keeps another history than the one the page
   * holds (wiped, or gone back); the client then stops and calls `onStale`.
   */
  readonly accepts: (history: HistoryIdentity) => boolean;
  readonly onStale: () => void;
  readonly onRecord: (record: FeedRecord) => void;
  readonly onState: (state: FeedState, welcome?: Welcome) => void;
  /** The hub's history recovery, at each welcome and whenever it changes. */
  readonly onRecovery?: (recovery: RecoveryView) => void;
}

/** The delay before reconnect attempt `attempt` (from 0): 0.25 s doubling to 5 s, with jitter. */
export function retryDelay(attempt: number): number {
  return Math.min(5000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
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
    // Once disconnected, the page keeps saying so through the retries until a welcome.
    if (this.#attempt === 0) this.options.onState('connecting');
    const socket = new WebSocket(this.options.url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'hello', token: this.options.token, since: this.#lastSeq }));
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => this.#onMessage(message.data));
    socket.addEventListener('close', () => {
      if (this.#socket !== socket || this.#stopped) return;
      this.options.onState('disconnected');
      this.#timer = setTimeout(() => this.start(), retryDelay(this.#attempt));
      this.#attempt += 1;
    });
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  #onMessage(text: string): void {
    if (this.#stopped) return;
    const message = JSON.parse(text) as FeedMessage;
    if (message.type === 'welcome') {
      if (!this.options.accepts(message.history)) {
        this.stop();
        this.options.onStale();
        return;
      }
      this.#attempt = 0;
      const { role, name } = message;
      this.options.onState('connected', { role, name, seesCustomers: message.seesCustomers === true, actsAsManager: message.actsAsManager === true });
      if (message.recovery) this.options.onRecovery?.(message.recovery);
    } else if (message.type === 'recovery') {
      this.options.onRecovery?.(message.recovery);
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
