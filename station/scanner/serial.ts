import { stat } from 'node:fs/promises';
import { SerialPortStream } from '@serialport/stream';
import { osSerialBinding, type SerialBinding } from '../serial-binding.js';
import { Backoff } from '../../common/backoff.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { MAX_SCAN_BYTES } from '../../protocol/wire.js';
import { ScannerBase } from './listeners.js';
import { ScanFramer, type FramerStats } from './serial-framer.js';
import { locatePort } from './serial-locate.js';
import { TERMINATORS, describeTarget, type SerialScannerSpec } from './serial-spec.js';
import type { ScannerSource } from './source.js';

const log = createLogger('station.scanner.serial');

export type { SerialBinding };

export interface SerialScannerOptions extends Omit<SerialScannerSpec, 'kind' | 'duplicateWindowMs'> {
  readonly binding?: SerialBinding;
  /** Delays between reopen attempts after the device goes away or cannot be opened. */
  readonly backoff?: Backoff;
  /**
   * How often to check that the device node is still the one opened, in milliseconds; 0 turns
   * the check off. Default: `defaultWatchMs`.
   */
  readonly watchMs?: number;
}

/**
 * How often the device node is checked unless the options say: every 250 ms with the operating
 * system's binding on Linux and macOS, where a port is a file under /dev; never on Windows,
 * where a port is a name (`COM3`) and not a file to stat, and an unplug fails the pending read;
 * never with an injected binding (tests).
 */
export function defaultWatchMs(platform: NodeJS.Platform, injectedBinding: boolean): number {
  return injectedBinding || platform === 'win32' ? 0 : 250;
}

/**
 * One byte more than a scan event may carry: the agent keeps MAX_SCAN_BYTES and, seeing a
 * longer frame, flags the event `truncated`. Anything beyond is dropped by the framer.
 */
const MAX_FRAME_BYTES = MAX_SCAN_BYTES + 1;
const MAX_DETAIL = 200;

/**
 * A scanner on a serial port (RS-232, or USB CDC/ACM "serial emulation"). Frames scans by
 * terminator and inter-byte timeout, keeps the bytes raw, and survives its device going
 * away: a lost device is a `fault` status, and the port is reopened with backoff until it
 * returns or `close()` is called.
 */
export class SerialScanner extends ScannerBase implements ScannerSource {
  readonly #binding: SerialBinding;
  readonly #backoff: Backoff;
  #port: SerialPortStream | undefined;
  #framer: ScanFramer | undefined;
  #retry: NodeJS.Timeout | undefined;
  #watch: NodeJS.Timeout | undefined;
  #opening: Promise<void> | undefined;
  #closed = false;
  #framerTotals = { frames: 0, truncated: 0, droppedBytes: 0 };
  #reopens = 0;

  constructor(private readonly options: SerialScannerOptions) {
    super('serial');
    this.#binding = options.binding ?? osSerialBinding;
    this.#backoff = options.backoff ?? new Backoff(200, 5_000);
  }

  /** Framing counters over every connection so far, and how many times the device was reopened. */
  get stats(): FramerStats & { readonly reopens: number } {
    const current = this.#framer?.stats ?? { frames: 0, truncated: 0, droppedBytes: 0 };
    return {
      frames: this.#framerTotals.frames + current.frames,
      truncated: this.#framerTotals.truncated + current.truncated,
      droppedBytes: this.#framerTotals.droppedBytes + current.droppedBytes,
      reopens: this.#reopens,
    };
  }

  /** Tries the device once; if it is not there yet, keeps trying in the background. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#attempt();
  }

  /** Closes the port and stops every retry and timer. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#opening;
    await this.#release();
    this.setStatus('absent', 'closed');
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
      log.debug({ err: errorMessage(err), where }, 'open failed');
      if (this.status().state !== 'fault') this.#report('absent', `${where}: ${errorMessage(err)}`);
      this.#scheduleRetry();
      return;
    }
    if (this.#closed) {
      await closePort(port);
      return;
    }
    this.#attach(port);
    this.#watchDevice(port);
    this.#backoff.reset();
    this.#report('ok', `${port.path} @${this.options.baudRate}`);
    log.info({ path: port.path, baudRate: this.options.baudRate }, 'scanner open');
  }

  #attach(port: SerialPortStream): void {
    const framer = new ScanFramer({
      terminators: TERMINATORS[this.options.terminator],
      idleMs: this.options.idleMs,
      maxBytes: MAX_FRAME_BYTES,
    });
    framer.on('data', (frame: Buffer) => {
      if (frame.length > MAX_SCAN_BYTES) log.warn({ path: port.path }, 'overlong scan cut');
      this.emitScan(frame);
    });
    port.on('data', (chunk: Buffer) => framer.write(chunk));
    port.on('error', (err: Error) => this.#lost(port, `read error: ${err.message}`));
    port.on('close', (err: Error | null) => this.#lost(port, err ? `disconnected: ${err.message}` : 'port closed'));
    this.#port = port;
    this.#framer = framer;
  }

  /** The device went away or failed: report it, drop any half-framed scan, and reopen later. */
  #lost(port: SerialPortStream, detail: string): void {
    if (this.#closed || this.#port !== port) return;
    log.warn({ path: port.path, detail }, 'scanner lost');
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
    const framer = this.#framer;
    this.#port = undefined;
    this.#framer = undefined;
    if (framer) {
      // Frames the stream has buffered but not yet emitted are whole scans: deliver them.
      while (framer.read() !== null);
      const { frames, truncated } = framer.stats;
      const droppedBytes = framer.stats.droppedBytes + framer.pendingBytes;
      if (framer.pendingBytes > 0) log.warn({ bytes: framer.pendingBytes }, 'partial scan dropped with its connection');
      this.#framerTotals = {
        frames: this.#framerTotals.frames + frames,
        truncated: this.#framerTotals.truncated + truncated,
        droppedBytes: this.#framerTotals.droppedBytes + droppedBytes,
      };
      framer.destroy();
    }
    if (port) await closePort(port);
  }

  /** Sets the status unless it says the same already: a retry loop must not flood the hub. */
  #report(state: 'ok' | 'fault' | 'absent', detail: string): void {
    const clipped = detail.length <= MAX_DETAIL ? detail : `${detail.slice(0, MAX_DETAIL - 1)}…`;
    const current = this.status();
    if (current.state !== state || current.detail !== clipped) this.setStatus(state, clipped);
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
