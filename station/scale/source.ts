import type { DeviceStatus } from '../../protocol/schemas.js';
import type { Unsubscribe } from '../scanner/source.js';
import type { ScaleReading, ScaleRejection } from './reading.js';

/** One weight as the agent sees it: the decoded reading and whether it is stable. */
export interface WeightSample {
  readonly reading: ScaleReading;
  /** Stable, in range and not negative: the one kind of reading a gate may take. */
  readonly stable: boolean;
  /** Epoch milliseconds when the driver decoded it. */
  readonly at: number;
  /** Which driver read it: `serial`, `hid`, `sim`. */
  readonly source: string;
}

/** What a driver has counted since it was made. */
export interface ScaleStats {
  readonly frames: number;
  readonly readings: number;
  readonly rejected: Readonly<Record<ScaleRejection, number>>;
}

/**
 * Every scale, real or simulated, behind one small interface like `ScannerSource`. A driver
 * reports device trouble through status changes (`absent` with the reason while its device
 * is missing, `fault` when it failed) and keeps going; it never throws at its listeners.
 */
export interface ScaleSource {
  readonly kind: string;
  open(): Promise<void>;
  close(): Promise<void>;
  status(): DeviceStatus;
  /** The newest weight, while the device is there; undefined before the first and after a loss. */
  latest(): WeightSample | undefined;
  onWeight(listener: (sample: WeightSample) => void): Unsubscribe;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  stats(): ScaleStats;
}
