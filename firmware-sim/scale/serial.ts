import { randomInt, seededRandom, type Random } from '../../common/random.js';
import { FrameSplitter } from '../../station/scale/formats/framing.js';
import type { SerialScaleFormatName } from '../../station/scale/formats/index.js';
import type { ScannerLink } from '../scanner/link.js';
import { encodeContinuous, encodeSics } from './encoders.js';
import { ScaleModel, type ScaleModelOptions } from './model.js';

/** A serial link the simulator can also read (the driver's polls): a pseudo-terminal. */
export interface DuplexLink extends ScannerLink {
  onData(listener: (bytes: Buffer) => void): () => void;
}

export interface SerialScaleSimOptions extends ScaleModelOptions {
  readonly format: SerialScaleFormatName;
  /** Continuous formats: milliseconds between frames. Default 100. */
  readonly intervalMs?: number;
  /** Probability that line noise (1–8 random bytes) goes out before a frame. Default 0. */
  readonly garbageRate?: number;
  readonly now?: () => number;
}

/**
 * A serial scale's firmware on a link: an indicator sending its frame continuously, or an
 * MT-SICS balance answering `S` and `SI`. What is on the platform comes from `place()`.
 */
export class SerialScaleSimulator {
  readonly model: ScaleModel;
  readonly #random: Random;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #sent = 0;

  constructor(
    readonly link: DuplexLink,
    private readonly options: SerialScaleSimOptions,
  ) {
    this.#random = options.random ?? seededRandom(1);
    this.model = new ScaleModel({ ...options, random: this.#random });
    this.#now = options.now ?? Date.now;
  }

  /** Frames written so far. */
  get sent(): number {
    return this.#sent;
  }

  start(): void {
    const format = this.options.format;
    if (format === 'sics') {
      const splitter = new FrameSplitter({ kind: 'line' });
      this.#unsubscribe = this.link.onData((bytes) => {
        for (const frame of splitter.push(bytes).frames) {
          const command = Buffer.from(frame).toString('latin1').trim();
          if (command === 'S' || command === 'SI') this.#send(encodeSics(this.model.sample(this.#now()), command));
          else this.#send(Buffer.from('ES\r\n', 'latin1'));
        }
      });
      return;
    }
    this.#timer = setInterval(() => this.#send(encodeContinuous(format, this.model.sample(this.#now()))), this.options.intervalMs ?? 100);
  }

  /** Puts a total load of this many grams on the platform (0: empty). */
  place(grams: number): void {
    this.model.place(grams, this.#now());
  }

  /** Sends bytes as they are: a test's own garbage or a hand-made frame. */
  sendRaw(bytes: Uint8Array): boolean {
    return this.link.write(bytes);
  }

  unplug(): Promise<void> {
    return this.link.unplug();
  }

  replug(): Promise<void> {
    return this.link.replug();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.link.close();
  }

  #send(frame: Uint8Array): void {
    if (frame.length === 0) return;
    if ((this.options.garbageRate ?? 0) > 0 && this.#random() < this.options.garbageRate!) {
      const noise = Array.from({ length: 1 + randomInt(this.#random, 8) }, () => 0x80 + randomInt(this.#random, 0x7f));
      this.link.write(Uint8Array.from(noise));
    }
    if (this.link.write(frame)) this.#sent += 1;
  }
}
