import { stat } from 'node:fs/promises';
import { SerialPortStream } from '@serialport/stream';
import { Backoff } from '../common/backoff.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { DeviceStatus } from '../protocol/schemas.js';
import { osSerialBinding, type SerialBinding } from './serial-binding.js';
import { locatePort } from './serial-locate.js';
import { describeTarget, type SerialTarget } from './serial-target.js';

const MAX_DETAIL = 200;

/**
 * How often the device node is checked unless the options say: every 250 ms with the operating
 * system's binding on Linux and macOS, where a port is a file under /dev; never on Windows,
 * where a port is a name (`COM3`) and not a file to stat, and an unplug fails the pending read;
 * never with an injected binding (tests).
 */
export function defaultWatchMs(platform: NodeJS.Platform, injectedBinding: boolean): number {
  return injectedBinding || platform === 'win32' ? 0 : 250;
}

export interface SerialDeviceOptions {
  readonly target: SerialTarget;
  readonly baudRate: number;
  readonly binding?: SerialBinding;
  /** Delays between reopen attempts after the device goes away or cannot be opened. */
  readonly backoff?: Backoff;
  /** How often to check that the device node is still the one opened, in ms; 0 = never. Default `defaultWatchMs`. */
  readonly watchMs?: number;
}

/** What a driver does with its device: attach to a new connection, take bytes, let go, say its state. */
export interface SerialDeviceHooks {
  /** A port was opened at `path`. */
  onOpen(path: string): void;
  onData(chunk: Buffer): void;
  /** The connection ended (lost, or closing): drop what belonged to it. */
  onRelease(): void;
  /** The device's state changed (`ok` on open, `absent` while missing, `fault` once lost). */
  report(state: DeviceStatus['state'], detail: string): void;
  readonly log: Logger;
}

/**
 * A serial device kept open: found (path or `usb:VID:PID`), opened, watched, and reopened with
 * backoff after it goes away, until `close()`. Shared by the serial scanner and scale drivers.
 */
export class SerialDevice {
  readonly #binding: SerialBinding;
  readonly #backoff: Backoff;
  #port: SerialPortStream | undefined;
  #retry: NodeJS.Timeout | undefined;
  #watch: NodeJS.Timeout | undefined;
  #opening: Promise<void> | undefined;
  #closed = false;
  #state: DeviceStatus['state'] = 'absent';
  #detail: string | undefined;
  #reopens = 0;

  constructor(
    private readonly options: SerialDeviceOptions,
    private readonly hooks: SerialDeviceHooks,
  ) {
    this.#binding = options.binding ?? osSerialBinding;
    this.#backoff = options.backoff ?? new Backoff(200, 5_000);
  }

  /** How many times the device was lost and reopening began. */
  get reopens(): number {
    return this.#reopens;
  }

  get isOpen(): boolean {
    return this.#port !== undefined;
  }

  /** Tries the device once; if it is not there yet, keeps trying in the background. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#attempt();
  }

  /** Closes the port and stops every retry and timer; the driver says `closed` itself. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#state = 'absent';
    this.#detail = 'closed';
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#opening;
    await this.#release();
  }

  /** Writes to the open port; false when there is none. */
  write(bytes: Uint8Array): boolean {
    const port = this.#port;
    if (!port) return false;
    port.write(Buffer.from(bytes));
    return true;
  }

  #attempt(): Promise<void> {
    this.#retry = undefined;
    this.#opening = this.#connect().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #connect(): Promise<void> {
    const where = describeTarget(this.options.target);
    let port: SerialPortStream | undefined;
    try {
      const path = await locatePort(this.options.target, () => this.#binding.list());
      port = new SerialPortStream({ binding: this.#binding, path, baudRate: this.options.baudRate, autoOpen: false });
      const opened = port;
      await new Promise<void>((resolve, reject) => opened.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      port?.removeAllListeners();
      if (this.#closed) return;
      this.hooks.log.debug({ err: errorMessage(err), where }, 'open failed');
      if (this.#state !== 'fault') this.#report('absent', `${where}: ${errorMessage(err)}`);
      this.#scheduleRetry();
      return;
    }
    if (this.#closed) {
      await closePort(port);
      return;
    }
    this.#port = port;
    this.hooks.onOpen(port.path);
    port.on('data', (chunk: Buffer) => this.hooks.onData(chunk));
    port.on('error', (err: Error) => this.#lost(port, `read error: ${err.message}`));
    port.on('close', (err: Error | null) => this.#lost(port, err ? `disconnected: ${err.message}` : 'port closed'));
    this.#watchDevice(port);
    this.#backoff.reset();
    this.#report('ok', `${port.path} @${this.options.baudRate}`);
    this.hooks.log.info({ path: port.path, baudRate: this.options.baudRate }, 'serial device open');
  }

  /** The device went away or failed: report it, let go, and reopen later. */
  #lost(port: SerialPortStream, detail: string): void {
    if (this.#closed || this.#port !== port) return;
    this.hooks.log.warn({ path: port.path, detail }, 'serial device lost');
    void this.#release();
    this.#report('fault', detail);
    this.#reopens += 1;
    this.#scheduleRetry();
  }

  /**
   * Linux quirk (serialport/bindings-cpp#162): once a tty is hung up, read() returns 0 and the
   * binding retries it forever instead of reporting a disconnect, so an unplug that lands
   * outside a poll is never seen. The device node going away (or being replaced by a new one
   * of the same name) is the reliable sign, so it is checked while the port is open.
   */
  #watchDevice(port: SerialPortStream): void {
    const everyMs = this.options.watchMs ?? defaultWatchMs(process.platform, this.options.binding !== undefined);
    if (everyMs <= 0) return;
    const path = port.path;
    const check = async (opened: { ino: number; rdev: number } | undefined): Promise<void> => {
      const now = await stat(path).then(
        (found) => ({ ino: found.ino, rdev: found.rdev }),
        () => undefined,
      );
      if (this.#port !== port) return;
      if (now === undefined || (opened !== undefined && (now.ino !== opened.ino || now.rdev !== opened.rdev))) {
        this.#lost(port, now === undefined ? `device gone: ${path}` : `device replaced: ${path}`);
        return;
      }
      this.#watch = setTimeout(() => void check(opened ?? now), everyMs);
    };
    void check(undefined);
  }

  async #release(): Promise<void> {
    if (this.#watch) clearTimeout(this.#watch);
    this.#watch = undefined;
    const port = this.#port;
    this.#port = undefined;
    if (port) this.hooks.onRelease();
    if (port) await closePort(port);
  }

  /** Tells the driver of a state unless it says the same already: a retry loop must not flood the hub. */
  #report(state: DeviceStatus['state'], text: string): void {
    const detail = text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
    if (this.#state === state && this.#detail === detail) return;
    this.#state = state;
    this.#detail = detail;
    this.hooks.report(state, detail);
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retry) return;
    const delay = this.#backoff.next();
    this.#retry = setTimeout(() => void this.#attempt(), delay);
  }
}

async function closePort(port: SerialPortStream): Promise<void> {
  port.removeAllListeners('data');
  port.removeAllListeners('close');
  // Errors after release (a late read failing on a closed fd) are expected and ignored.
  port.removeAllListeners('error');
  port.on('error', () => undefined);
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
