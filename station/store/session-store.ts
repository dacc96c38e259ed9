import { LowSync, MemorySync } from 'lowdb';
import { createLogger } from '../../common/log.js';
import type { StationEvent } from '../../protocol/index.js';
import { createSession, restoreSession, type PackSession } from '../pack/index.js';
import { SlotFileSync } from './slot-file.js';

const log = createLogger('station.store.session');

/** The label the session asked for (one parcel's, one at a time) and the print job that carries it. */
export interface LabelClaim {
  readonly taskId: string;
  /** The parcel, 1-based (a claim written before parcels existed reads as parcel 1). */
  readonly parcel: number;
  /** When the session let the label print (epoch ms): a job of the parcel made since is this label's. */
  readonly requestedAt: number;
  /** The print job, once queued. */
  readonly jobId: string | null;
}

/** A stored claim as this version reads it: one from before parcels is parcel 1's. */
function readClaim(stored: unknown): LabelClaim | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const claim = stored as Partial<LabelClaim>;
  return { ...(claim as LabelClaim), parcel: Number.isSafeInteger(claim.parcel) ? claim.parcel! : 1 };
}

/** `session.json`: the pack session, the events of its last step, and the label in flight. */
interface SessionDoc {
  v: 1;
  session: unknown;
  /**
   * The events of the last step, written with the session that made them, before they are
   * journaled: a crash between this write and the journal's append cannot lose them.
   */
  pending: StationEvent[];
  label: LabelClaim | null;
}

/** What the station restarts with. */
export interface SavedSession {
  readonly session: PackSession;
  readonly pending: readonly StationEvent[];
  readonly label: LabelClaim | null;
}

/**
 * The pack session's lowdb document (`{path}.0` and `{path}.1`, see {@link SlotFileSync}),
 * written synchronously after every step that changed it. Small and bounded: one session (its
 * order, at most `serialMemory` shipped serials), one step's events and the label claim —
 * never the journal.
 */
export class SessionStore {
  #last = '';

  private constructor(
    private readonly db: LowSync<SessionDoc>,
    private readonly file: SlotFileSync<SessionDoc> | undefined,
    /** The document being written and its text, so it is serialised once. */
    private readonly writing: { doc?: SessionDoc; text?: string },
  ) {}

  /** Opens the document; a missing, foreign or torn session is replaced by a fresh one (and logged). */
  static open(path: string | undefined, station: string): { store: SessionStore; saved: SavedSession } {
    const writing: { doc?: SessionDoc; text?: string } = {};
    const stringify = (doc: SessionDoc) => (writing.doc === doc && writing.text !== undefined ? writing.text : JSON.stringify(doc));
    const file = path ? new SlotFileSync<SessionDoc>(path, { stringify }) : undefined;
    const adapter = file ?? new MemorySync<SessionDoc>();
    const db = new LowSync<SessionDoc>(adapter, { v: 1, session: null, pending: [], label: null });
    try {
      db.read();
    } catch (err) {
      log.error({ path, err: (err as Error).message }, 'session document unreadable; starting a fresh session');
      db.data = { v: 1, session: null, pending: [], label: null };
    }
    const doc = db.data;
    const restored = doc.v === 1 ? restoreSession(doc.session, station) : null;
    if (!restored && doc.session !== null) log.warn({ path }, 'saved session not trusted (another station, version or a torn shape); starting fresh');
    const session = restored ?? createSession(station);
    const pending = doc.v === 1 && Array.isArray(doc.pending) ? doc.pending : [];
    const store = new SessionStore(db, file, writing);
    return { store, saved: { session, pending, label: restored ? readClaim(doc.label) : null } };
  }

  /**
   * Saves the session after a step, with the step's events (before they are journaled) and the
   * label claim. Skips the write when nothing changed.
   */
  save(session: PackSession, pending: readonly StationEvent[], label: LabelClaim | null): void {
    const doc: SessionDoc = { v: 1, session, pending: [...pending], label };
    const text = JSON.stringify(doc);
    if (text === this.#last) return;
    this.db.data = doc;
    this.writing.doc = doc;
    this.writing.text = text;
    try {
      this.db.write();
    } finally {
      this.writing.doc = undefined;
      this.writing.text = undefined;
    }
    this.#last = text;
  }

  close(): void {
    this.file?.close();
  }
}
