import { createLogger } from '../../common/log.js';
import { MAX_SCAN_BYTES } from '../../protocol/wire.js';
import { SerialDevice, type SerialDeviceOptions } from '../serial-device.js';
import type { SerialBinding } from '../serial-binding.js';
import { ScannerBase } from './listeners.js';
import { ScanFramer, type FramerStats } from './serial-framer.js';
import { TERMINATORS, type SerialScannerSpec } from './serial-spec.js';
import type { ScannerSource } from './source.js';

const log = createLogger('station.scanner.serial');

export type { SerialBinding };
export { defaultWatchMs } from '../serial-device.js';

export interface SerialScannerOptions extends Omit<SerialScannerSpec, 'kind' | 'duplicateWindowMs'>, Omit<SerialDeviceOptions, 'target' | 'baudRate'> {}

/**
 * One byte more than a scan event may carry: the agent keeps MAX_SCAN_BYTES and, seeing a
 * longer frame, flags the event `truncated`. Anything beyond is dropped by the framer.
 */
const MAX_FRAME_BYTES = MAX_SCAN_BYTES + 1;

/**
 * A scanner on a serial port (RS-232, or USB CDC/ACM "serial emulation"). Frames scans by
 * terminator and inter-byte timeout, keeps the bytes raw, and survives its device going
 * away: a lost device is a `fault` status, and the port is reopened with backoff until it
 * returns or `close()` is called (`SerialDevice`).
 */
export class SerialScanner extends ScannerBase implements ScannerSource {
  readonly #device: SerialDevice;
  #framer: ScanFramer | undefined;
  #framerTotals = { frames: 0, truncated: 0, droppedBytes: 0 };

  constructor(private readonly options: SerialScannerOptions) {
    super('serial');
    this.#device = new SerialDevice(options, {
      log,
      onOpen: (path) => this.#attach(path),
      onData: (chunk) => this.#framer?.write(chunk),
      onRelease: () => this.#release(),
      report: (state, detail) => this.setStatus(state, detail),
    });
  }

  /** Framing counters over every connection so far, and how many times the device was reopened. */
  get stats(): FramerStats & { readonly reopens: number } {
    const current = this.#framer?.stats ?? { frames: 0, truncated: 0, droppedBytes: 0 };
    return {
      frames: this.#framerTotals.frames + current.frames,
      truncated: this.#framerTotals.truncated + current.truncated,
      droppedBytes: this.#framerTotals.droppedBytes + current.droppedBytes,
      reopens: this.#device.reopens,
    };
  }

  /** Tries the device once; if it is not there yet, keeps trying in the background. */
  open(): Promise<void> {
    return this.#device.open();
  }

  /** Closes the port and stops every retry and timer. */
  async close(): Promise<void> {
    await this.#device.close();
    this.setStatus('absent', 'closed');
  }

  #attach(path: string): void {
    const framer = new ScanFramer({
      terminators: TERMINATORS[this.options.terminator],
      idleMs: this.options.idleMs,
      maxBytes: MAX_FRAME_BYTES,
    });
    framer.on('data', (frame: Buffer) => {
      if (frame.length > MAX_SCAN_BYTES) log.warn({ path }, 'overlong scan cut');
      this.emitScan(frame);
    });
    this.#framer = framer;
  }

  /** The connection ended: deliver whole scans the framer holds, drop a half-framed one. */
  #release(): void {
    const framer = this.#framer;
    this.#framer = undefined;
    if (!framer) return;
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
}
