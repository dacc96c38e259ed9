import type { DeviceStatus } from '../../protocol/schemas.js';
import type { RawScan, Unsubscribe } from './source.js';

/** A set of listeners; each driver owns one for scans and one for status. */
export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.#listeners) listener(value);
  }
}

/** The shared plumbing of a driver: scan and status listeners and the current status. */
export class ScannerBase {
  protected readonly scans = new Listeners<RawScan>();
  protected readonly statuses = new Listeners<DeviceStatus>();
  #status: DeviceStatus;

  constructor(readonly kind: string) {
    this.#status = { kind, state: 'absent' };
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onScan(listener: (scan: RawScan) => void): Unsubscribe {
    return this.scans.add(listener);
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.statuses.add(listener);
  }

  protected setStatus(state: DeviceStatus['state'], detail?: string): void {
    this.#status = detail === undefined ? { kind: this.kind, state } : { kind: this.kind, state, detail };
    this.statuses.emit(this.#status);
  }

  protected emitScan(bytes: Uint8Array): void {
    this.scans.emit({ bytes, receivedAt: Date.now(), source: this.kind });
  }
}
