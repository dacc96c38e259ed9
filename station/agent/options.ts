import { PackgateError } from '../../common/errors.js';
import type { FileLayer } from '../../common/file-io.js';
import type { PackFlow } from '../../protocol/pack-vocabulary.js';
import type { EvidenceOptions } from '../camera/evidence.js';
import type { CameraRecorderOptions } from '../camera/recorder.js';
import type { CameraSpec } from '../camera/spec.js';
import type { PackPolicy } from '../pack/index.js';
import type { WaybillPrinterSpec } from '../printer/spec.js';
import type { PrinterTransport } from '../printer/transport.js';
import type { WaybillPrintQueueOptions } from '../printer/waybill/types.js';
import type { ScaleSource } from '../scale/source.js';
import type { ScannerSource } from '../scanner/source.js';
import type { JournalRetention } from '../store/journal-retention.js';
import type { PrintTiming } from './labels.js';

export interface StationOptions {
  readonly id: string;
  readonly site: string;
  /** MQTT URL of the hub's broker, e.g. mqtt://127.0.0.1:1883. */
  readonly hubUrl: string;
  /** Where the journal and the state documents live. */
  readonly dataDir: string;
  readonly scanner: ScannerSource;
  /** The bench scale (`--scale`); none by default. The agent opens and closes it. */
  readonly scale?: ScaleSource;
  /**
   * The ZPL label printer; the agent closes it. `null`: none (a station that prints only
   * through the platforms' print programs, or seals pre-printed labels). Never a default: a
   * station that reported labels printed while nothing printed would pretend.
   */
  readonly printer: PrinterTransport | null;
  /** The platforms' print programs (`--printer cainiao:ws://…`), at most one per platform. */
  readonly printPrograms?: readonly WaybillPrinterSpec[];
  /** Print-program queue timings (tests shorten them). */
  readonly programTiming?: Omit<WaybillPrintQueueOptions, 'platform' | 'url' | 'printer' | 'onEvent' | 'state' | 'logger'>;
  /** Print queue timings (tests shorten them). */
  readonly printTiming?: PrintTiming;
  /** Pack policy overrides, the offline policy (`hubSilenceMs`) among them; kept in the station's store. */
  readonly policy?: Partial<PackPolicy>;
  /** This station's warehouse, for warehouse-specific freezes. */
  readonly warehouse?: string;
  /** Serve the packer's screen on this port (0 picks one); none by default. */
  readonly httpPort?: number;
  /** Address of the packer's screen (default 127.0.0.1: the bench's own browser). */
  readonly httpHost?: string;
  /** MQTT login; the username defaults to the station id, as `packgate hub station add` issues it. */
  readonly mqttUsername?: string;
  readonly mqttPassword?: string;
  /** Wait between attempts to reach the hub's broker (default 1 s, `HUB_RECONNECT_MS`; tests that restart the hub shorten it). */
  readonly hubReconnectMs?: number;
  /** The bench camera (`--camera`; default none: every clip's record says `missing`, `no_camera`). */
  readonly camera?: CameraSpec;
  /** Camera and clip tuning (tests shorten them): lead-in, tail, retention, the watchdog's stall time. */
  readonly evidence?: Pick<EvidenceOptions, 'leadMs' | 'tailMs' | 'retention' | 'ffmpeg'> & Pick<CameraRecorderOptions, 'stallMs' | 'bufferMs'>;
  /** Told, once per refusal, that the hub refused this station's `site`: it serves another. */
  readonly onSiteRefused?: (message: string) => void;
  /** How long the journal keeps acked events, and its size bound (default 7 days, 200 MB). */
  readonly journalRetention?: JournalRetention;
  /** The disk under the journal (default node:fs); tests put a simulated one here. */
  readonly files?: FileLayer;
  /**
   * `pack` (the default): the packing bench. `dock`: the outbound dock, where handover batches are
   * scanned against the hub's dock manifest (docs/pack-session.md, "Dock mode").
   */
  readonly mode?: 'pack' | 'dock';
}

/**
 * A station whose flow prints labels needs something to print them on: without a printer it
 * would block every verified order at the label, so it refuses to start instead and says which
 * option to change. A simulated printer is only ever one asked for (`--printer sim`).
 */
export function printerRefusal(options: StationOptions, flow: PackFlow): PackgateError | undefined {
  if (flow !== 'print-after-verify' || options.printer !== null || (options.printPrograms ?? []).length > 0) return undefined;
  return new PackgateError(
    'NO_PRINTER',
    `station ${options.id} prints each verified order's label (--flow print-after-verify) but has no printer: give --printer (a label printer, a print program, or sim for a simulated one), or --flow verify-preprinted for a bench that seals pre-printed labels`,
  );
}
