import { createLogger } from '../../common/log.js';
import { SerialDevice, type SerialDeviceOptions } from '../serial-device.js';
import { ScaleBase } from './base.js';
import { FrameSplitter } from './formats/framing.js';
import { SERIAL_SCALE_FORMAT, type SerialScaleFormat, type SerialScaleFormatName } from './formats/index.js';
import type { ScaleSource } from './source.js';
import type { StabilityOptions } from './stability.js';
import type { SerialTarget } from '../serial-target.js';

const log = createLogger('station.scale.serial');

/** MT-SICS polling: five readings a second, as fast as a bench needs and slow enough for 9600 baud. */
export const DEFAULT_POLL_MS = 200;
/**
 * An open port that brings no reading for this long is a `fault`: an indicator switched off
 * behind a USB-serial adapter, a wrong baud rate or format. Indicators send several frames a second.
 */
export const DEFAULT_SILENCE_MS = 3_000;

export interface SerialScaleOptions extends Omit<SerialDeviceOptions, 'target' | 'baudRate'> {
  readonly target: SerialTarget;
  readonly baudRate: number;
  readonly format: SerialScaleFormatName;
  readonly pollMs?: number;
  readonly silenceMs?: number;
  readonly stability?: StabilityOptions;
  readonly now?: () => number;
}

/**
 * A scale on a serial port: an indicator sending continuously (`st-gs`, `xk3190`,
 * `xk3190-eq`), or a balance answering MT-SICS `SI` polls (`sics`). The port is kept like a
 * serial scanner's (`SerialDevice`); a silent port is a `fault` until frames come again.
 */
export class SerialScale extends ScaleBase implements ScaleSource {
  readonly #device: SerialDevice;
  readonly #format: SerialScaleFormat;
  readonly #silenceMs: number;
  readonly #pollMs: number;
  #splitter: FrameSplitter | undefined;
  #poll: NodeJS.Timeout | undefined;
  #silence: NodeJS.Timeout | undefined;
  #openDetail = '';

  constructor(options: SerialScaleOptions) {
    super('serial', options.stability, options.now);
    this.#format = SERIAL_SCALE_FORMAT[options.format];
    this.#silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.#device = new SerialDevice(options, {
      log,
      onOpen: () => this.#attach(),
      onData: (chunk) => this.#onData(chunk),
      onRelease: () => this.#release(),
      report: (state, detail) => {
        this.#openDetail = state === 'ok' ? `${detail} ${this.#format.name}` : '';
        this.report(state, state === 'ok' ? this.#openDetail : detail);
      },
    });
  }

  open(): Promise<void> {
    return this.#device.open();
  }

  async close(): Promise<void> {
    await this.#device.close();
    this.report('absent', 'closed');
  }

  #attach(): void {
    this.#splitter = new FrameSplitter(this.#format.framing);
    const poll = this.#format.poll;
    if (poll) this.#poll = setInterval(() => this.#device.write(poll), this.#pollMs);
    if (poll) this.#device.write(poll);
    this.#armSilence();
  }

  #onData(chunk: Buffer): void {
    const split = this.#splitter?.push(chunk);
    if (!split) return;
    for (let i = 0; i < split.garbled; i += 1) this.count('garbled', 'bytes outside a frame');
    for (const frame of split.frames) this.take(this.#format.decode(frame));
    if (split.frames.length === 0) return;
    this.#armSilence();
    if (this.status().state !== 'ok' && this.#device.isOpen) this.report('ok', this.#openDetail);
  }

  #armSilence(): void {
    if (this.#silence) clearTimeout(this.#silence);
    if (this.#silenceMs <= 0) return;
    this.#silence = setTimeout(() => {
      this.forget();
      this.report('fault', `no data from the scale for ${this.#silenceMs / 1000} s (is it on? baud and format ${this.#format.name} right?)`);
    }, this.#silenceMs);
  }

  #release(): void {
    if (this.#poll) clearInterval(this.#poll);
    if (this.#silence) clearTimeout(this.#silence);
    this.#poll = undefined;
    this.#silence = undefined;
    if (this.#splitter?.reset()) this.count('garbled', 'frame cut by the connection');
    this.#splitter = undefined;
    this.forget();
  }
}
