import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AtomicJsonFileSync, PRIVATE_FOLDER_MODE } from '../../common/atomic-file.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { EvidenceEnding } from '../../protocol/evidence-vocabulary.js';
import type { EvidenceClipBody, EvidenceFile, StationEvent } from '../../protocol/index.js';
import { clipVerdict } from './clip-record.js';
import { cutClip, hashFile, takePhoto } from './cutter.js';
import { overlayMark, overlaySrt, type OverlayMark } from './overlay.js';
import { SEGMENT_MS, type CameraRecorder } from './recorder.js';
import { chooseRetention, type RetentionPolicy } from './retention.js';
import { coverage } from './segments.js';

const log = createLogger('station.evidence');

/** Lead-in before the order's load and tail after its label or seal (defaults). */
export const DEFAULT_LEAD_MS = 5000;
export const DEFAULT_TAIL_MS = 3000;
/** 30 days or 50 GB of clips, whichever is reached first. */
export const DEFAULT_RETENTION: RetentionPolicy = { maxDays: 30, maxBytes: 50 * 1024 ** 3 };
const MAX_MARKS = 500;
const MAX_WAYBILLS = 50;

/** An order on the bench being filmed, or ended and waiting to be cut. */
interface OpenClip {
  readonly clipId: string;
  readonly taskId: string;
  readonly orderNo: string;
  readonly waybills: string[];
  packer: string | null;
  readonly loadedAt: number;
  readonly marks: OverlayMark[];
  end: { at: number; ending: EvidenceEnding } | null;
  /** The agent restarted while the clip was open. */
  restarted: boolean;
}

/** A clip cut and recorded: what retention and pins work on. */
export interface StoredClip {
  readonly clipId: string;
  readonly taskId: string;
  readonly waybills: readonly string[];
  readonly storedAt: number;
  readonly bytes: number;
  readonly video: string | null;
  readonly photo: string | null;
  pinned: boolean;
}

/** Orders being filmed or waiting to be cut: small, written at each of their events. */
interface OpenDoc {
  v: 1;
  open: OpenClip[];
}

/** The clips stored: written once per clip, and by pins and retention. */
interface StoredDoc {
  v: 1;
  stored: StoredClip[];
}

export interface EvidenceOptions {
  readonly station: string;
  /** The station's data folder: clips lie under `camera/clips/`, records name paths relative to it. */
  readonly dataDir: string;
  /** The recording camera; null: `--camera none`, every record says `missing` / `no_camera`. */
  readonly camera: CameraRecorder | null;
  readonly leadMs?: number;
  readonly tailMs?: number;
  readonly retention?: RetentionPolicy;
  /** The station's time zone for the overlay's clock. */
  readonly timeZone: () => string;
  /** Journals and sends a record (the agent's recorder): called once per clip. */
  readonly commit: (body: EvidenceClipBody) => void;
  /** Clip ids the journal already holds (a crash came after the record, before the state). */
  readonly journaled: Iterable<string>;
  /** The order the restored pack session holds, if any: its open clip goes on. */
  readonly benchTaskId: string | null;
  readonly ffmpeg?: string;
  /** Told after each clip is stored and after pins change (the station's status may change). */
  readonly onChange?: () => void;
}

/**
 * Packing evidence: films each order from its load (minus a lead-in) to its label printed or
 * its parcel sealed (plus a tail), cuts the clip from the camera's rolling buffer with its
 * overlay as a timed-text track, takes a still at the label or seal, hashes both, stores them
 * under `camera/clips/` and sends the record as an `evidence.clip` event, once. Its open clips
 * (`camera/open-clips.json`) are written before anything acts on them, so a kill -9 mid-clip ends with
 * the clip cut on restart or recorded as partial, never lost. Packing never waits for it.
 */
export class EvidenceKeeper {
  readonly #openFile: AtomicJsonFileSync<OpenDoc>;
  readonly #storedFile: AtomicJsonFileSync<StoredDoc>;
  readonly #doc: OpenDoc & StoredDoc;
  readonly #journaled: Set<string>;
  #work: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(private readonly options: EvidenceOptions) {
    mkdirSync(join(options.dataDir, 'camera'), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    this.#openFile = new AtomicJsonFileSync<OpenDoc>(join(options.dataDir, 'camera', 'open-clips.json'));
    this.#storedFile = new AtomicJsonFileSync<StoredDoc>(join(options.dataDir, 'camera', 'clips.json'));
    this.#doc = { v: 1, open: this.#openFile.read()?.open ?? [], stored: this.#storedFile.read()?.stored ?? [] };
    this.#journaled = new Set(options.journaled);
    this.#recover();
  }

  get leadMs(): number {
    return this.options.leadMs ?? DEFAULT_LEAD_MS;
  }

  get tailMs(): number {
    return this.options.tailMs ?? DEFAULT_TAIL_MS;
  }

  /** Clips stored, oldest first. */
  stored(): readonly StoredClip[] {
    return this.#doc.stored;
  }

  /** Resolves once every ended clip is cut and recorded. */
  idle(): Promise<void> {
    return this.#work;
  }

  /**
   * The events one pack input made; `phase` is the session's phase after it (a label or seal
   * ends the clip only once the whole order is released).
   */
  onEvents(events: readonly StationEvent[], phase: string): void {
    let changed = false;
    for (const event of events) {
      const body = event.body;
      if (!('order' in body) || body.order === null) continue;
      const at = Date.parse(event.at);
      if (body.type === 'pack.order_loaded') {
        this.#doc.open.push({
          clipId: `${this.options.station}-${at.toString(36)}-${randomBytes(3).toString('hex')}`.slice(0, 64),
          taskId: body.order.taskId,
          orderNo: body.order.orderNo,
          waybills: [body.waybill],
          packer: body.packer,
          loadedAt: at,
          marks: [],
          end: null,
          restarted: false,
        });
        changed = true;
        continue;
      }
      const clip = this.#doc.open.find((open) => open.taskId === body.order!.taskId && open.end === null);
      if (!clip) continue;
      const mark = overlayMark(body, at);
      if (mark && clip.marks.length < MAX_MARKS) clip.marks.push(mark);
      if ('parcel' in body && body.parcel && !clip.waybills.includes(body.parcel.waybill) && clip.waybills.length < MAX_WAYBILLS) clip.waybills.push(body.parcel.waybill);
      clip.packer ??= body.packer;
      const ending = endingOf(body.type, phase);
      if (ending) clip.end = { at, ending };
      changed = true;
    }
    if (!changed) return;
    this.#saveOpen();
    for (const clip of this.#doc.open) if (clip.end) this.#schedule(clip);
  }

  /** Pins every clip of `waybill` (a dispute): retention never deletes it. False if none is stored. */
  pin(waybill: string): boolean {
    const clips = this.#doc.stored.filter((clip) => clip.waybills.includes(waybill));
    for (const clip of clips) clip.pinned = true;
    if (clips.length > 0) this.#saveStored();
    return clips.length > 0;
  }

  /**
   * The hub's disputed waybills for this station (`evidence-pins`): every clip naming one is
   * pinned, every other clip unpinned (case does not matter, as at the hub). Clips stored later
   * are pinned by the same set. The clip ids pinned now.
   */
  setDisputed(waybills: readonly string[]): string[] {
    this.#disputed = new Set(waybills.map((waybill) => waybill.toUpperCase()));
    let changed = false;
    for (const clip of this.#doc.stored) {
      const pinned = this.#isDisputed(clip.waybills);
      if (clip.pinned !== pinned) (clip.pinned = pinned), (changed = true);
    }
    if (changed) this.#saveStored();
    log.info({ disputed: this.#disputed.size }, 'disputed waybills from the hub');
    return this.#doc.stored.filter((clip) => clip.pinned).map((clip) => clip.clipId);
  }

  /**
   * Whether retention can keep to its size limit: false when the pinned clips alone hold more
   * than it allows (retention deletes nothing pinned), or the last clip could not be stored for
   * want of disk. The station's camera status says so, and the hub raises its alert.
   */
  storageFull(policy: RetentionPolicy = this.options.retention ?? DEFAULT_RETENTION): { full: boolean; detail: string | null } {
    if (this.#diskFull) return { full: true, detail: 'the disk is full: the last clip could not be stored' };
    const pinnedBytes = this.#doc.stored.reduce((sum, clip) => (clip.pinned ? sum + clip.bytes : sum), 0);
    if (policy.maxBytes > 0 && pinnedBytes > policy.maxBytes) {
      return { full: true, detail: `pinned clips hold ${pinnedBytes} bytes, over the ${policy.maxBytes} retention allows` };
    }
    return { full: false, detail: null };
  }

  #disputed = new Set<string>();
  #diskFull = false;

  #isDisputed(waybills: readonly string[]): boolean {
    return waybills.some((waybill) => this.#disputed.has(waybill.toUpperCase()));
  }

  /** Applies the retention policy (the station's, unless another is given): the clip ids deleted, oldest first. */
  applyRetention(now = Date.now(), policy: RetentionPolicy = this.options.retention ?? DEFAULT_RETENTION): string[] {
    const doomed = new Set(chooseRetention(this.#doc.stored, policy, now));
    if (doomed.size === 0) return [];
    for (const clip of this.#doc.stored.filter((stored) => doomed.has(stored.clipId))) {
      for (const path of [clip.video, clip.photo]) if (path) rmSync(join(this.options.dataDir, path), { force: true });
    }
    this.#doc.stored = this.#doc.stored.filter((clip) => !doomed.has(clip.clipId));
    this.#saveStored();
    log.info({ deleted: [...doomed] }, 'retention deleted clips');
    return [...doomed];
  }

  /**
   * Stops cutting: a clip ended but not yet cut stays in the state and is cut on the next start.
   * Close the camera after this (it wakes a cut waiting for the tail), then await `idle()`.
   */
  close(): void {
    this.#closed = true;
  }

  /** Clips a killed agent left open: the bench's order goes on; any other is ended and cut now. */
  #recover(): void {
    const scheduled = this.#doc.open.filter((clip) => clip.end !== null);
    for (const clip of this.#doc.open) {
      if (clip.end !== null) continue;
      clip.restarted = true;
      if (clip.taskId === this.options.benchTaskId) continue;
      const lastSeen = Math.max(clip.loadedAt, ...clip.marks.map((mark) => mark.at));
      clip.end = { at: lastSeen, ending: 'unknown' };
      scheduled.push(clip);
    }
    if (this.#doc.open.length > 0) this.#saveOpen();
    for (const clip of scheduled) this.#schedule(clip);
  }

  #scheduled = new Set<string>();

  #schedule(clip: OpenClip): void {
    if (this.#scheduled.has(clip.clipId)) return;
    this.#scheduled.add(clip.clipId);
    this.#holdSegments();
    this.#work = this.#work.then(() => this.#finish(clip)).catch((err: unknown) => log.error({ clip: clip.clipId, err: errorMessage(err) }, 'clip not finished'));
  }

  /** The camera keeps every segment an open clip still needs. */
  #holdSegments(): void {
    const starts = this.#doc.open.map((clip) => clip.loadedAt - this.leadMs);
    this.options.camera?.hold(starts.length > 0 ? Math.min(...starts) : undefined);
  }

  async #finish(clip: OpenClip): Promise<void> {
    if (this.#closed) return;
    const end = clip.end!;
    const from = clip.loadedAt - this.leadMs;
    const to = end.at + this.tailMs;
    const camera = this.options.camera;
    if (camera) await camera.reached(to, this.tailMs + 3 * SEGMENT_MS + 5000);
    if (this.#closed) return;
    const segments = camera?.segments() ?? [];
    const cover = coverage(segments, from, to);
    const day = new Date(clip.loadedAt).toISOString().slice(0, 10);
    const base = join(this.options.dataDir, 'camera', 'clips', day, clip.clipId);
    let video: EvidenceFile | null = null;
    let photo: EvidenceFile | null = null;
    let cutError: string | undefined;
    if (camera && cover.parts.length > 0) {
      try {
        const srt = overlaySrt({ orderNo: clip.orderNo, waybill: clip.waybills[0]!, station: this.options.station, packer: clip.packer }, clip.marks, from, to, this.options.timeZone());
        await cutClip(cover.parts, srt, `${base}.mp4`, this.options.ffmpeg);
        video = { path: this.#relative(`${base}.mp4`), ...(await hashFile(`${base}.mp4`)) };
      } catch (err) {
        cutError = errorMessage(err);
      }
      const still = segments.find((segment) => segment.start <= end.at && end.at < segment.end);
      if (still && video && (end.ending === 'printed' || end.ending === 'sealed')) {
        try {
          // A seek past the segment's last frame gives no picture: stay a frame inside it.
          const offsetS = Math.min(end.at - still.start, still.end - still.start - 100) / 1000;
          await takePhoto(still.file, offsetS, `${base}.jpg`, this.options.ffmpeg);
          photo = { path: this.#relative(`${base}.jpg`), ...(await hashFile(`${base}.jpg`)) };
        } catch (err) {
          log.warn({ clip: clip.clipId, err: errorMessage(err) }, 'no photo');
        }
      }
    }
    this.#diskFull = verdictOfDisk(cutError);
    const verdict = clipVerdict({ camera: camera !== null, coveredMs: cover.coveredMs, gaps: cover.gaps, restarted: clip.restarted, ending: end.ending, ...(cutError !== undefined ? { cutError } : {}) });
    const body: EvidenceClipBody = {
      type: 'evidence.clip',
      clipId: clip.clipId,
      station: this.options.station,
      taskId: clip.taskId,
      orderNo: clip.orderNo,
      waybills: clip.waybills,
      packer: clip.packer,
      ...verdict,
      ending: end.ending,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      durationMs: video ? cover.coveredMs : 0,
      video,
      photo,
      gaps: cover.gaps.slice(0, 100).map((gap) => ({ from: new Date(gap.from).toISOString(), to: new Date(gap.to).toISOString() })),
      overlay: video ? 'mov_text' : 'none',
    };
    if (this.#closed) return;
    if (!this.#journaled.has(clip.clipId)) {
      this.options.commit(body);
      this.#journaled.add(clip.clipId);
    }
    // A crash from here on: the journal has the record, the restart cuts again and stores it.
    if (video || photo) {
      this.#doc.stored = this.#doc.stored.filter((stored) => stored.clipId !== clip.clipId);
      this.#doc.stored.push({
        clipId: clip.clipId,
        taskId: clip.taskId,
        waybills: clip.waybills,
        storedAt: Date.now(),
        bytes: (video?.bytes ?? 0) + (photo?.bytes ?? 0),
        video: video?.path ?? null,
        photo: photo?.path ?? null,
        pinned: this.#isDisputed(clip.waybills),
      });
      this.#saveStored();
    }
    this.#doc.open = this.#doc.open.filter((open) => open.clipId !== clip.clipId);
    this.#saveOpen();
    this.#holdSegments();
    log.info({ clip: clip.clipId, order: clip.orderNo, status: body.status, reason: body.reason }, 'clip recorded');
    this.applyRetention();
    this.options.onChange?.();
  }

  #relative(path: string): string {
    return relative(this.options.dataDir, path).split('\\').join('/');
  }

  #saveOpen(): void {
    this.#openFile.write({ v: 1, open: this.#doc.open });
  }

  #saveStored(): void {
    this.#storedFile.write({ v: 1, stored: this.#doc.stored });
  }
}

/** The ending a pack event makes, if it ends the order's time on the bench. */
function endingOf(type: string, phase: string): EvidenceEnding | undefined {
  if (type === 'pack.label_printed' && phase === 'printed') return 'printed';
  if (type === 'pack.sealed' && phase === 'sealed') return 'sealed';
  if (type === 'pack.order_cancelled') return 'cancelled';
  if (type === 'pack.order_aside') return 'aside';
  return undefined;
}

/** A cut that failed for want of space (ENOSPC): the full-disk alert's cause. */
function verdictOfDisk(cutError: string | undefined): boolean {
  return cutError !== undefined && /No space left|ENOSPC/i.test(cutError);
}
