import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../../common/atomic-file.js';
import { createLogger } from '../../common/log.js';
import type { DockManifestPayload, StationEventBody } from '../../protocol/index.js';
import { dockStep, EMPTY_DOCK_SESSION, type DockClosed, type DockSession, type DockStepInput, type SheetPrint } from '../dock/session.js';
import { indexManifest, type DockManifestIndex } from '../dock/verdict.js';
import { scanInput } from '../pack/scan.js';
import { sheetZpl, type HandoverSheet } from '../../common/handover-sheet.js';
import type { PrinterTransport } from '../printer/transport.js';
import type { RawScan } from '../scanner/source.js';
import type { Recorder } from './recorder.js';

const log = createLogger('station.dock-driver');
const PRINT_TIMEOUT_MS = 10_000;

export interface DockDriverOptions {
  readonly station: string;
  /** Where the dock session is kept (`dock-session.json` in the data folder). */
  readonly path: string;
  readonly recorder: Recorder;
  readonly printer: PrinterTransport | undefined;
  readonly lastHeardAt: (now: number) => number | null;
  readonly hubSilenceMs: () => number;
  readonly now?: () => number;
}

/** The sheet of a batch the station closed, as the hub's sheet would list it. */
export function closedSheet(station: string, closed: DockClosed): HandoverSheet {
  const { batch } = closed;
  return {
    batchId: batch.id,
    carrier: batch.carrier,
    station,
    openedAt: batch.openedAt,
    openedBy: batch.openedBy,
    closedAt: closed.closedAt,
    closedBy: closed.closedBy,
    count: batch.parcels.length,
    lines: batch.parcels.map((parcel, i) => ({ no: i + 1, waybill: parcel.waybill, orderId: parcel.orderId, parcel: parcel.parcel, scannedAt: parcel.at })),
  };
}

/**
 * Runs the dock session (`--mode dock`) for real: each scan is one `dockStep` on the station's
 * copy of the hub's dock manifest; its events are journaled and sent through the outbox (so the
 * hub gets each exactly once), then the session is written; a closed batch's sheet goes to the
 * printer as ZPL. A scan that made no dock event still becomes a bare `scan` event.
 */
export class DockDriver {
  #session: DockSession;
  #manifest: DockManifestIndex | null = null;
  #carriers: readonly string[] = [];
  #printing: Promise<void> = Promise.resolve();
  /** The last sheet print's outcome, for the screen. */
  printState: SheetPrint | null = null;
  readonly #listeners = new Set<() => void>();
  readonly #now: () => number;

  constructor(private readonly options: DockDriverOptions) {
    this.#now = options.now ?? Date.now;
    this.#session = readSession(options.path);
  }

  get session(): DockSession {
    return this.#session;
  }

  get manifest(): DockManifestIndex | null {
    return this.#manifest;
  }

  /** The carriers of the parcels in the manifest, sorted: what the screen offers to choose from. */
  get carriers(): readonly string[] {
    return this.#carriers;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The hub's manifest arrived (retained or live): a retained one older than the copy held is skipped. */
  manifestArrived(manifest: DockManifestPayload, retained: boolean): void {
    if (retained && this.#manifest && manifest.version < this.#manifest.version) return;
    this.#manifest = indexManifest(manifest);
    this.#carriers = [...new Set(manifest.parcels.flatMap((parcel) => (parcel.carrier === undefined ? [] : [parcel.carrier])))].sort();
    this.#changed();
  }

  scan(scan: RawScan): void {
    const input = scanInput(scan.bytes, this.#now());
    this.#apply(input, scan);
  }

  /** A carrier chosen on the screen. */
  chooseCarrier(carrier: string): void {
    this.#apply({ type: 'carrier', carrier }, undefined);
  }

  /** Resolves once the sheets asked for so far were sent to the printer (or failed). */
  printed(): Promise<void> {
    return this.#printing;
  }

  #apply(input: DockStepInput, scan: RawScan | undefined): void {
    const now = this.#now();
    const step = dockStep(this.#session, input, {
      station: this.options.station,
      now,
      manifest: this.#manifest,
      lastHeardAt: this.options.lastHeardAt(now),
      hubSilenceMs: this.options.hubSilenceMs(),
    });
    const bodies: StationEventBody[] = [...step.events];
    if (scan && input.type === 'scan' && bodies.length === 0) {
      const raw = Buffer.from(input.raw, 'base64');
      bodies.push({ type: 'scan', data: raw.toString('utf8'), raw: input.raw, source: scan.source, ...(input.truncated ? { truncated: true as const } : {}) });
    }
    const events = this.options.recorder.build(bodies, now);
    try {
      this.options.recorder.commit(events);
      writeFileAtomicSync(this.options.path, JSON.stringify(step.session));
    } catch (err) {
      this.options.recorder.discard(events);
      log.error({ err: (err as Error).message }, 'a dock step could not be written; the scan is not taken');
      return;
    }
    this.#session = step.session;
    if (step.closed) this.#print(step.closed);
    this.#changed();
  }

  #print(closed: DockClosed): void {
    const printer = this.options.printer;
    const batchId = closed.batch.id;
    if (!printer) {
      this.printState = { batchId, state: 'failed', detail: 'no ZPL printer: get the sheet from the hub' };
      return;
    }
    this.printState = { batchId, state: 'printing' };
    const zpl = sheetZpl(closedSheet(this.options.station, closed));
    this.#printing = this.#printing
      .then(() => printer.send(Buffer.from(zpl, 'utf8'), PRINT_TIMEOUT_MS))
      .then(
        () => {
          this.printState = { batchId, state: 'printed' };
        },
        (err: Error) => {
          log.warn({ err: err.message, batchId }, 'the handover sheet did not print; the hub serves it (GET /api/v1/handovers/:id/sheet)');
          this.printState = { batchId, state: 'failed', detail: err.message };
        },
      )
      .finally(() => this.#changed());
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

function readSession(path: string): DockSession {
  if (!existsSync(path)) return EMPTY_DOCK_SESSION;
  try {
    return { ...EMPTY_DOCK_SESSION, ...(JSON.parse(readFileSync(path, 'utf8')) as Partial<DockSession>) };
  } catch (err) {
    log.error({ err: (err as Error).message, path }, 'dock session unreadable; starting with no open batch');
    return EMPTY_DOCK_SESSION;
  }
}
