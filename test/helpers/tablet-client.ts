import WebSocket from 'ws';
import type { HistoryRecord } from '../../hub/store/history.js';

/** ws waits 30 s for the other side's close frame by default: longer than a test's hooks. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * A tablet as the hub sees it: says hello with a token and the last sequence it holds,
 * keeps every record, and on `reconnect()` resumes from where it was.
 */
export class TabletClient {
  readonly records: HistoryRecord[] = [];
  /** The close code of the last connection, once it is closed (e.g. 4401 when its token was revoked). */
  closeCode: number | undefined;
  /** The history's recovery as the hub last said it: in the welcome, then at each change. */
  recovery: { recovering: boolean; holes: Array<{ station: string; from: number; to: number; missingEvents: number }> } | undefined;
  /** Whether the hub said, in its welcome, that this token sees customers whole. */
  seesCustomers: boolean | undefined;
  /** Whether the hub said, in its welcome, that this token may take the manager's actions. */
  actsAsManager: boolean | undefined;
  /** Every recovery the hub said, oldest first. */
  readonly recoveries: Array<NonNullable<TabletClient['recovery']>> = [];
  #socket: WebSocket | undefined;
  #waiters: Array<() => void> = [];

  constructor(
    private readonly httpUrl: string,
    private readonly token: string,
  ) {}

  get lastSeq(): number {
    return this.records.at(-1)?.seq ?? 0;
  }

  /** Connects and resolves on the hub's welcome, or rejects with the hub's error code. */
  connect(): Promise<void> {
    const socket = new WebSocket(this.httpUrl.replace(/^http/, 'ws') + '/ws');
    this.#socket = socket;
    this.closeCode = undefined;
    socket.on('close', (code) => (this.closeCode = code));
    return new Promise((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token: this.token, since: this.lastSeq })));
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as {
          type: string;
          record?: HistoryRecord;
          error?: { code: string };
          recovery?: TabletClient['recovery'];
          seesCustomers?: boolean;
          actsAsManager?: boolean;
        };
        if (message.recovery) this.recoveries.push((this.recovery = message.recovery));
        if (message.type === 'welcome') {
          this.seesCustomers = message.seesCustomers;
          this.actsAsManager = message.actsAsManager;
          resolve();
        }
        if (message.type === 'error') reject(Object.assign(new Error(message.error!.code), { code: message.error!.code }));
        if (message.type === 'record') {
          this.records.push(message.record!);
          for (const wake of this.#waiters.splice(0)) wake();
        }
      });
      socket.on('error', reject);
    });
  }

  /** Resolves once `predicate` holds over the records received so far. */
  async until(predicate: (records: readonly HistoryRecord[]) => boolean): Promise<void> {
    while (!predicate(this.records)) await new Promise<void>((wake) => this.#waiters.push(wake));
  }

  /** The text of every scan stored, in order: one per scan, however many events it made. */
  scans(): string[] {
    return this.records.flatMap((record) => {
      if (record.kind !== 'event') return [];
      const { body, seq, input } = record.event;
      if (body.type === 'scan') return [body.data];
      if (!('scan' in body) || !body.scan || (input !== undefined && input.first !== seq)) return [];
      return [Buffer.from(body.scan.raw, 'base64').toString('utf8')];
    });
  }

  /** Resolves when the socket is closed (by either side). */
  closed(): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Closes the connection; a hub that does not answer the close within a second has it cut (`terminate`). */
  async close(): Promise<void> {
    const socket = this.#socket;
    const closed = this.closed();
    socket?.close();
    const cut = setTimeout(() => socket?.terminate(), CLOSE_HANDSHAKE_MS);
    try {
      await closed;
    } finally {
      clearTimeout(cut);
    }
  }
}
