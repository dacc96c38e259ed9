import { autoDetect } from '@serialport/bindings-cpp';
import type { OpenOptions } from '@serialport/stream';

/** A serialport binding: the operating system's by default, `@serialport/binding-mock` in tests. */
export type SerialBinding = OpenOptions['binding'];

/**
 * The operating system's binding, straight from `@serialport/bindings-cpp`: the `serialport`
 * package would load every parser with it (about 5 MB of a station's resident memory). Imported
 * only by the serial scanner and printer, so nothing else loads the native binding.
 */
export const osSerialBinding: SerialBinding = autoDetect();
