import type { DeviceStatus } from '../../protocol/schemas.js';

/** One framed read from a scanner: the bytes between terminators, terminator removed. */
export interface RawScan {
  readonly bytes: Uint8Array;
  /** Epoch milliseconds when the driver framed the scan. */
  readonly receivedAt: number;
  /** Which driver read it: `stdin`, `sim`, `serial`, `hid`. */
  readonly source: string;
}

export type Unsubscribe = () => void;

/**
 * Every scanner, real or simulated, behind one small interface. A driver reports device
 * trouble through status changes and keeps going; it never throws at its listeners.
 */
export interface ScannerSource {
  readonly kind: string;
  open(): Promise<void>;
  close(): Promise<void>;
  status(): DeviceStatus;
  onScan(listener: (scan: RawScan) => void): Unsubscribe;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}
