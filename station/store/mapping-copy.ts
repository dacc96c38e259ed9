import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-file.js';
import { Journal } from '../../common/journal.js';
import { createLogger } from '../../common/log.js';
import type { MappingDeltaPayload, MappingSnapshotPayload } from '../../protocol/index.js';
import { comparableCode, type MappedBarcode, type MappingSnapshot } from '../pack/index.js';

const log = createLogger('station.store.mapping-copy');

/** Deltas kept beside the base before the base is rewritten with them (a rewrite costs a full write). */
export const COMPACT_AFTER_DELTAS = 1000;

type Barcodes = Record<string, MappedBarcode>;

/** The base file: a whole snapshot and the generation of the delta log that continues it. */
interface BaseDoc {
  v: 1;
  generation: number;
  version: number;
  pending: string[];
  barcodes: Barcodes;
}

/** A delta as the log keeps it: keys as the session looks them up (GTIN-14 for GTINs). */
type DeltaLine = Pick<MappingDeltaPayload, 'from' | 'version' | 'set' | 'removed' | 'pending'>;

/**
 * The station's mapping snapshot and pending list. At 100,000 SKUs a whole copy takes hundreds
 * of milliseconds to clone and write, so it is not in the hub-copy document: a base file holds
 * a whole snapshot (written to a temporary file, fsynced and renamed over the old one), and each delta
 * applied since is one line of an append-only log (`common/journal.ts`: one synchronous write;
 * a line torn by a crash is cut off at open), so a delta is on disk whole or not at all before
 * memory changes. The log is named by the base's generation: a new base starts a new log, and
 * logs of other generations are deleted at open. Reads are from memory.
 */
export class MappingCopy {
  #version: number | null = null;
  #pending: readonly string[] = [];
  #barcodes: Barcodes = Object.create(null);
  #snapshot: MappingSnapshot = { version: 0, barcodes: this.#barcodes };
  #generation = 0;
  #journal: Journal<DeltaLine> | undefined;
  #deltas = 0;
  #writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string | undefined) {}

  /** Opens the copy at `path` (a base file; its logs sit beside it), or one in memory only. */
  static open(path: string | undefined): MappingCopy {
    const copy = new MappingCopy(path);
    if (path) copy.#load(path);
    return copy;
  }

  /** The snapshot the pack session looks barcodes up in (version 0 and empty until one arrives). */
  get snapshot(): MappingSnapshot {
    return this.#snapshot;
  }

  /** Master SKUs pending a mapping confirmation at the hub. */
  get pending(): readonly string[] {
    return this.#pending;
  }

  /** The version held, null until the first snapshot. */
  get version(): number | null {
    return this.#version;
  }

  /** A whole snapshot replaces what is held and becomes the new base. */
  replace(snapshot: MappingSnapshotPayload): void {
    const barcodes: Barcodes = Object.create(null);
    for (const [code, mapped] of Object.entries(snapshot.barcodes)) barcodes[comparableCode(code)] = mapped;
    this.#hold(snapshot.version, snapshot.pending ?? [], barcodes);
    this.#rebase();
  }

  /**
   * Applies a delta whole if it continues the version held (`from`); false, changing nothing,
   * otherwise (the retained snapshot that follows every change brings the station up to date).
   */
  applyDelta(delta: MappingDeltaPayload): boolean {
    if (this.#version !== delta.from) return false;
    const line: DeltaLine = { from: delta.from, version: delta.version, set: {}, removed: delta.removed.map(comparableCode), pending: delta.pending };
    for (const [code, mapped] of Object.entries(delta.set)) Object.defineProperty(line.set, comparableCode(code), { value: mapped, enumerable: true });
    try {
      this.#journal?.append(line);
    } catch (err) {
      log.error({ err: (err as Error).message, version: delta.version }, 'mapping delta not written; not applied');
      return false;
    }
    this.#apply(line);
    if (this.#journal && ++this.#deltas >= COMPACT_AFTER_DELTAS) this.#rebase();
    return true;
  }

  /** Resolves once every base write so far is on disk (deltas are written before they apply). */
  async flush(): Promise<void> {
    await this.#writing;
  }

  close(): void {
    this.#journal?.close();
    this.#journal = undefined;
  }

  #apply(line: DeltaLine): void {
    for (const code of line.removed) delete this.#barcodes[code];
    for (const [code, mapped] of Object.entries(line.set)) this.#barcodes[code] = mapped;
    this.#hold(line.version, line.pending, this.#barcodes);
  }

  #hold(version: number, pending: readonly string[], barcodes: Barcodes): void {
    this.#version = version;
    this.#pending = [...pending];
    this.#barcodes = barcodes;
    this.#snapshot = { version, barcodes };
  }

  /** Writes what is held as a new base with an empty log of the next generation. */
  #rebase(): void {
    if (!this.path || this.#version === null) return;
    const path = this.path;
    const generation = this.#generation + 1;
    this.#generation = generation;
    this.#deltas = 0;
    this.#journal?.close();
    rmSync(logPath(path, generation), { force: true });
    this.#journal = Journal.open<DeltaLine>(logPath(path, generation)).journal;
    const doc: BaseDoc = { v: 1, generation, version: this.#version, pending: [...this.#pending], barcodes: this.#barcodes };
    const json = JSON.stringify(doc);
    this.#writing = this.#writing
      .then(async () => {
        await writeFileAtomic(path, json);
        removeLogs(path, (other) => other < generation);
      })
      .catch((err: Error) => log.error({ err: err.message }, 'mapping base not written; the older base and its log stay'));
  }

  #load(path: string): void {
    const doc = readBase(path);
    if (doc) {
      this.#generation = doc.generation;
      const barcodes: Barcodes = Object.create(null);
      for (const [code, mapped] of Object.entries(doc.barcodes)) barcodes[code] = mapped;
      this.#hold(doc.version, doc.pending, barcodes);
    }
    const generation = this.#generation;
    removeLogs(path, (other) => other !== generation || !doc);
    if (!doc) return;
    const { journal, records } = Journal.open<DeltaLine>(logPath(path, doc.generation));
    this.#journal = journal;
    for (const line of records) {
      if (line.from !== this.#version) break;
      this.#apply(line);
      this.#deltas += 1;
    }
  }
}

function logPath(path: string, generation: number): string {
  return `${path}.${generation}.deltas`;
}

/** Deletes the delta logs of the generations `remove` picks. */
function removeLogs(path: string, remove: (generation: number) => boolean): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.deltas')) continue;
    const generation = Number(name.slice(prefix.length, -'.deltas'.length));
    if (!Number.isSafeInteger(generation) || remove(generation)) rmSync(join(dir, name), { force: true });
  }
}

function readBase(path: string): BaseDoc | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<BaseDoc>;
    if (doc.v === 1 && Number.isSafeInteger(doc.generation) && Number.isSafeInteger(doc.version) && Array.isArray(doc.pending) && typeof doc.barcodes === 'object' && doc.barcodes) {
      return doc as BaseDoc;
    }
    log.warn({ path }, 'mapping base of another version; starting empty (the hub sends it again)');
  } catch (err) {
    log.error({ err: (err as Error).message, path }, 'mapping base unreadable; starting empty (the hub sends it again)');
  }
  return undefined;
}
