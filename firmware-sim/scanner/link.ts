/**
 * The scanner's end of a serial connection: where the firmware's bytes go. A pseudo-terminal
 * (`PtyLink`) for real serial I/O, or a serialport mock port (`MockLink`) for unit tests.
 */
export interface ScannerLink {
  /** The path a driver opens. */
  readonly path: string;
  /** Whether the device is plugged in; bytes written while it is not are lost, as on a real cable. */
  readonly present: boolean;
  /** Sends bytes if present; returns whether they went out. */
  write(bytes: Uint8Array): boolean;
  /** The device disappears: open handles see an error or a close, and the path is gone. */
  unplug(): Promise<void>;
  /** The device returns at the same path. */
  replug(): Promise<void>;
  /** Unplugs for good and releases everything. */
  close(): Promise<void>;
}
