import { createRequire } from 'node:module';
import type { MockPortBinding } from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import type { OpenOptions as StreamOpenOptions } from '@serialport/stream';
import type { ScannerLink } from './link.js';

// binding-mock 10's package exports carry types for `require` only; its ESM build is a
// separate copy with its own port table, so the CommonJS one is used throughout.
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as typeof import('@serialport/binding-mock', {
  with: { 'resolution-mode': 'require' },
});

type Binding = StreamOpenOptions['binding'];
type BindingPort = Awaited<ReturnType<Binding['open']>>;
type BindingOpenOptions = Parameters<Binding['open']>[0];

export interface MockLinkOptions {
  /** USB ids the port lists with, for `usb:VID:PID` lookups (lowercase hex). */
  readonly vendorId?: string;
  readonly productId?: string;
}

/** An error shaped like the operating system's, with a `code`. */
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * A scanner on a `@serialport/binding-mock` port, for fast unit tests of the same firmware
 * behaviour the pseudo-terminal gives. Pass `binding` to the driver. The mock has no notion
 * of a device going away, so this binding adds one: unplugging fails the pending read (the
 * stream sees a disconnect) and refuses opens until replug.
 */
export class MockLink implements ScannerLink {
  #present = true;
  #port: PluggablePort | undefined;

  /** A binding that knows only this link's port. */
  readonly binding: Binding = {
    list: async () => (this.#present ? (await MockBinding.list()).filter((port) => port.path === this.path) : []),
    open: async (options: BindingOpenOptions) => {
      if (!this.#present || options.path !== this.path) throw systemError('ENOENT', `no such file or directory, open '${options.path}'`);
      const port = new PluggablePort(await MockBinding.open(options));
      this.#port = port;
      return port;
    },
  };

  constructor(readonly path: string, options: MockLinkOptions = {}) {
    MockBinding.createPort(path, { ...options, echo: false, record: false });
  }

  get present(): boolean {
    return this.#present;
  }

  write(bytes: Uint8Array): boolean {
    if (!this.#present) return false;
    if (this.#port?.isOpen) this.#port.inner.emitData(Buffer.from(bytes));
    return true;
  }

  async unplug(): Promise<void> {
    this.#present = false;
    this.#port?.unplug();
    this.#port = undefined;
  }

  async replug(): Promise<void> {
    this.#present = true;
  }

  close(): Promise<void> {
    return this.unplug();
  }
}

/** A mock port whose reads fail with EIO when its device is unplugged, as a tty's do. */
class PluggablePort implements BindingPort {
  readonly #gone: Promise<never>;
  #unplug: (err: Error) => void = () => undefined;

  constructor(readonly inner: MockPortBinding) {
    this.#gone = new Promise<never>((_resolve, reject) => {
      this.#unplug = reject;
    });
    this.#gone.catch(() => undefined);
  }

  get openOptions(): BindingPort['openOptions'] {
    return this.inner.openOptions;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  unplug(): void {
    this.#unplug(systemError('EIO', 'i/o error'));
  }

  read(buffer: Buffer, offset: number, length: number): ReturnType<BindingPort['read']> {
    return Promise.race([this.inner.read(buffer, offset, length), this.#gone]);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  write(buffer: Buffer): Promise<void> {
    return this.inner.write(buffer);
  }

  update(options: Parameters<BindingPort['update']>[0]): Promise<void> {
    return this.inner.update(options);
  }

  set(options: Parameters<BindingPort['set']>[0]): Promise<void> {
    return this.inner.set(options);
  }

  get(): ReturnType<BindingPort['get']> {
    return this.inner.get();
  }

  getBaudRate(): ReturnType<BindingPort['getBaudRate']> {
    return this.inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }
}
