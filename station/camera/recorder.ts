import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FOLDER_MODE } from '../../common/atomic-file.js';
import { Backoff } from '../../common/backoff.js';
import { createLogger } from '../../common/log.js';
import type { DeviceStatus } from '../../protocol/schemas.js';
import { Listeners } from '../scanner/listeners.js';
import type { Unsubscribe } from '../scanner/source.js';
import { SEGMENT_SECONDS, recordArgs } from './ffmpeg-args.js';
import { anchorOf, coverage, expiredSegments, parseSegmentList, type Gap, type ListedSegment, type Segment } from './segments.js';
import { formatCameraSpec, type CameraSpec } from './spec.js';

const log = createLogger('station.camera');

export interface CameraRecorderOptions {
  readonly spec: Exclude<CameraSpec, { kind: 'none' }>;
  /** The camera's folder: `runs/` of segments, the pid file of its ffmpeg. */
  readonly dir: string;
  /** The ffmpeg binary (default `ffmpeg` on the PATH). */
  readonly ffmpeg?: string;
  /** No new segment for this long: ffmpeg is stalled, killed and restarted (default 10 s). */
  readonly stallMs?: number;
  /** How long closed segments are kept when no clip needs them (default 10 minutes). */
  readonly bufferMs?: number;
  /** How often the segment list is read (default 200 ms). */
  readonly pollMs?: number;
}

/** One ffmpeg process's recording: its folder, its segments as listed, its clock anchor. */
interface Run {
  readonly id: string;
  readonly dir: string;
  listed: ListedSegment[];
  listBytes: number;
  /** The wall clock at stream time 0 (epoch ms); unknown until a segment closed. */
  anchor: number | undefined;
}

const PID_FILE = 'ffmpeg.pid';
const MAX_STDERR = 2000;

/**
 * A bench camera recorded by a supervised ffmpeg into a rolling buffer of short segments
 * (SEGMENT_SECONDS each) under `dir/runs/{run}/`, with the index a clip is cut from. A watchdog
 * kills an ffmpeg that made no segment for `stallMs` and restarts a dead one with backoff; each
 * restart is a new run, and the time between two runs is a gap in the recording. The status is a
 * device's: absent while it first starts and once closed, ok while recording, fault while it
 * restarts (why in `detail`). An ffmpeg left running by an agent that was killed is found by its pid file and
 * killed on start.
 */
export class CameraRecorder {
  readonly kind: string;
  readonly #statuses = new Listeners<DeviceStatus>();
  readonly #segmentListeners = new Set<() => void>();
  readonly #runs: Run[] = [];
  readonly #backoff = new Backoff(500, 10_000);
  #status: DeviceStatus;
  #child: ChildProcess | undefined;
  #current: Run | undefined;
  #progressAt = 0;
  #poller: NodeJS.Timeout | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #stderr = '';
  #holdFrom: number | undefined;
  #restarts = 0;
  #closed = false;

  constructor(private readonly options: CameraRecorderOptions) {
    this.kind = options.spec.kind;
    this.#status = { kind: this.kind, state: 'absent', detail: 'not started' };
  }

  /** The pid of the running ffmpeg, if one runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** How many times the watchdog restarted ffmpeg. */
  get restarts(): number {
    return this.#restarts;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#statuses.add(listener);
  }

  /** Starts recording: older runs on disk (a previous agent's) stay in the index. */
  start(): void {
    mkdirSync(join(this.options.dir, 'runs'), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    this.#killOrphan();
    this.#loadRuns();
    this.#spawn();
    this.#poller = setInterval(() => this.#poll(), this.options.pollMs ?? 200);
  }

  /** Closed segments, oldest first, with wall-clock times. */
  segments(): Segment[] {
    const segments: Segment[] = [];
    for (const run of this.#runs) {
      if (run.anchor === undefined) continue;
      for (const listed of run.listed) {
        segments.push({ file: join(run.dir, listed.name), start: run.anchor + Math.round(listed.startS * 1000), end: run.anchor + Math.round(listed.endS * 1000) });
      }
    }
    return segments.sort((a, b) => a.start - b.start);
  }

  /** The holes between the recorded segments (a restart, a stall). */
  gaps(): Gap[] {
    const segments = this.segments();
    if (segments.length === 0) return [];
    return coverage(segments, segments[0]!.start, segments.at(-1)!.end).gaps;
  }

  /** The earliest moment an open clip needs: segments from then on are kept (undefined: none). */
  hold(from: number | undefined): void {
    this.#holdFrom = from;
  }

  /**
   * Resolves true once a closed segment reaches `at`, false after `timeoutMs` without one (the
   * camera is down, or stopped: the clip is cut from what there is).
   */
  reached(at: number, timeoutMs: number): Promise<boolean> {
    const done = () => (this.segments().at(-1)?.end ?? 0) >= at;
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.#segmentListeners.delete(check);
        resolve(value);
      };
      const check = () => (done() ? finish(true) : this.#closed && finish(false));
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.#segmentListeners.add(check);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poller);
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    this.#child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // ffmpeg closes its segment and list cleanly on SIGTERM; SIGKILL if it does not.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    this.#poll();
    rmSync(join(this.options.dir, PID_FILE), { force: true });
    for (const check of [...this.#segmentListeners]) check();
    this.#setStatus('absent', 'closed');
  }

  #spawn(): void {
    if (this.#closed) return;
    const id = `r${Date.now().toString(36)}`;
    const dir = join(this.options.dir, 'runs', id);
    mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const run: Run = { id, dir, listed: [], listBytes: 0, anchor: undefined };
    this.#runs.push(run);
    this.#current = run;
    this.#stderr = '';
    this.#progressAt = Date.now();
    const args = recordArgs(this.options.spec, join(dir, 'list.csv'), join(dir, 'seg-%06d.ts'));
    const child = spawn(this.options.ffmpeg ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-MAX_STDERR);
    });
    child.on('error', (err) => {
      // ENOENT: no ffmpeg installed. Node may emit no 'exit' after a failed spawn: end the run here.
      this.#stderr = err.message;
      this.#exited(child, null, null);
    });
    child.on('exit', (code, signal) => this.#exited(child, code, signal));
    if (child.pid !== undefined) writeFileSync(join(this.options.dir, PID_FILE), `${child.pid}\n`);
    // The first start is no fault (no alert at every agent start); a restart stays one until it records.
    if (this.#status.state !== 'fault') this.#setStatus('absent', 'starting');
    log.info({ camera: formatCameraSpec(this.options.spec), run: id, pid: child.pid }, 'camera recorder started');
  }

  #exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    this.#poll();
    if (this.#closed) return;
    const why = (this.#stderr.trim().split('\n').at(-1) ?? '').slice(0, 120);
    const delay = this.#backoff.next();
    this.#restarts += 1;
    const ended = signal ? `killed by ${signal}` : `exited with ${code}`;
    log.warn({ run: this.#current?.id, code, signal, stderr: why, restartInMs: delay }, 'camera ffmpeg ended; restarting');
    const missing = /ENOENT/.test(this.#stderr);
    this.#setStatus(missing ? 'absent' : 'fault', missing ? 'ffmpeg not found' : `restarting: ffmpeg ${ended}${why ? ` (${why})` : ''}`);
    this.#restartTimer = setTimeout(() => this.#spawn(), delay);
  }

  #poll(): void {
    const run = this.#current;
    const now = Date.now();
    if (run && this.#readList(run, now)) {
      this.#progressAt = now;
      this.#backoff.reset();
      if (this.#status.state !== 'ok' && this.#child) this.#setStatus('ok', 'recording');
      for (const check of [...this.#segmentListeners]) check();
    }
    const child = this.#child;
    if (child && now - this.#progressAt > (this.options.stallMs ?? 10_000)) {
      log.warn({ run: run?.id, silentMs: now - this.#progressAt }, 'camera ffmpeg made no segment: killing it');
      this.#stderr += '\nstalled: no new segment';
      this.#progressAt = now;
      child.kill('SIGKILL');
    }
    this.#dropExpired(now);
  }

  /** Reads a run's list when it grew; true when it lists new segments. */
  #readList(run: Run, now: number): boolean {
    const path = join(run.dir, 'list.csv');
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return false;
    }
    if (size === run.listBytes) return false;
    run.listBytes = size;
    const listed = parseSegmentList(readFileSync(path, 'utf8'));
    const fresh = listed.slice(run.listed.length);
    if (fresh.length === 0) return false;
    let anchor = run.anchor;
    for (const segment of fresh) anchor = anchorOf(anchor, now, segment.endS);
    run.listed = listed;
    if (anchor !== run.anchor) {
      run.anchor = anchor;
      writeFileSync(join(run.dir, 'anchor'), `${anchor}\n`);
    }
    return true;
  }

  /** Segments nobody needs go; so do runs left empty (never the current one). */
  #dropExpired(now: number): void {
    const bufferMs = this.options.bufferMs ?? 10 * 60_000;
    const expired = new Set(expiredSegments(this.segments(), now, bufferMs, this.#holdFrom).map((segment) => segment.file));
    if (expired.size === 0) return;
    for (const file of expired) rmSync(file, { force: true });
    for (const run of [...this.#runs]) {
      run.listed = run.listed.filter((listed) => !expired.has(join(run.dir, listed.name)));
      if (run !== this.#current && run.listed.length === 0) {
        rmSync(run.dir, { recursive: true, force: true });
        this.#runs.splice(this.#runs.indexOf(run), 1);
      }
    }
  }

  /** Runs a previous agent left: their listed segments and anchors; a run never anchored is dropped. */
  #loadRuns(): void {
    const root = join(this.options.dir, 'runs');
    for (const id of readdirSync(root).sort()) {
      const dir = join(root, id);
      let anchor: number | undefined;
      let listed: ListedSegment[] = [];
      try {
        anchor = Number(readFileSync(join(dir, 'anchor'), 'utf8').trim());
        listed = parseSegmentList(readFileSync(join(dir, 'list.csv'), 'utf8'));
      } catch {
        anchor = undefined;
      }
      if (anchor === undefined || !Number.isFinite(anchor) || listed.length === 0) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      this.#runs.push({ id, dir, listed, listBytes: Number.NaN, anchor });
    }
  }

  /** An ffmpeg a killed agent left behind still writes into our folder: end it. */
  #killOrphan(): void {
    const pidFile = join(this.options.dir, PID_FILE);
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    rmSync(pidFile, { force: true });
    if (!Number.isInteger(pid) || pid <= 1) return;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('ffmpeg') || !cmdline.includes(this.options.dir)) return;
      process.kill(pid, 'SIGKILL');
      log.warn({ pid }, "killed the ffmpeg a previous agent left recording");
    } catch {
      // Gone already, or not ours to see (no /proc): nothing to end.
    }
  }

  #setStatus(state: DeviceStatus['state'], detail: string): void {
    this.#status = { kind: this.kind, state, detail: detail.slice(0, 200) };
    this.#statuses.emit(this.#status);
  }
}

/** Seconds of picture in one segment, for callers that wait on the recording. */
export const SEGMENT_MS = SEGMENT_SECONDS * 1000;
