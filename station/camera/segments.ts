/**
 * The rolling buffer's index, pure: which recorded segments cover a span of wall-clock time,
 * where the holes are, and which segments may go. Times are epoch milliseconds.
 */

/** One closed segment of the recording. */
export interface Segment {
  /** Absolute path of the segment file. */
  readonly file: string;
  /** Wall-clock start and end. */
  readonly start: number;
  readonly end: number;
}

/** A stretch of time the camera did not record. */
export interface Gap {
  readonly from: number;
  readonly to: number;
}

/** One line of ffmpeg's CSV segment list: file name, start and end in seconds from the run's start. */
export interface ListedSegment {
  readonly name: string;
  readonly startS: number;
  readonly endS: number;
}

/** Holes shorter than this (clock anchoring, a frame's length) are not gaps. */
export const GAP_TOLERANCE_MS = 400;
const MAX_LIST_LINES = 100_000;

/**
 * The segments of ffmpeg's CSV list (`-segment_list_type csv`); a malformed line (a list cut by
 * a crash mid-write) is skipped, as is a name that is not a plain file name.
 */
export function parseSegmentList(text: string): ListedSegment[] {
  const segments: ListedSegment[] = [];
  for (const line of text.split('\n').slice(0, MAX_LIST_LINES)) {
    const match = /^([A-Za-z0-9_.-]+),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(line.trim());
    if (!match) continue;
    const startS = Number(match[2]);
    const endS = Number(match[3]);
    if (endS > startS) segments.push({ name: match[1]!, startS, endS });
  }
  return segments;
}

/**
 * The run's wall clock at stream time 0, from a segment seen closed at `seenAt`: ffmpeg writes a
 * segment's list line as it opens the next one, which a live camera's picture makes happen when
 * that moment is filmed, so `seenAt - end` is the clock offset plus a delay that is never
 * negative. The smallest seen is the best: keep the minimum.
 */
export function anchorOf(current: number | undefined, seenAt: number, endS: number): number {
  const candidate = seenAt - Math.round(endS * 1000);
  return current === undefined ? candidate : Math.min(current, candidate);
}

/** One file of a clip: the concat demuxer's `file`, `inpoint` and `outpoint` (seconds in the file). */
export interface ClipPart {
  readonly file: string;
  readonly inpoint?: number;
  readonly outpoint?: number;
}

export interface Coverage {
  readonly parts: ClipPart[];
  /** Milliseconds of [from, to] the parts hold. */
  readonly coveredMs: number;
  readonly gaps: Gap[];
}

/**
 * The parts that cover [from, to] from `segments` (sorted by start), with in and out points, and
 * the holes left: before the first segment, between two, after the last. Segments of two runs
 * that overlap (clock anchoring) are trimmed so that no moment is shown twice.
 */
export function coverage(segments: readonly Segment[], from: number, to: number): Coverage {
  const parts: ClipPart[] = [];
  const gaps: Gap[] = [];
  let cursor = from;
  let coveredMs = 0;
  for (const segment of segments) {
    if (segment.end <= cursor || segment.start >= to) continue;
    if (segment.start - cursor > GAP_TOLERANCE_MS) gaps.push({ from: cursor, to: segment.start });
    const begin = Math.max(cursor, segment.start);
    const finish = Math.min(to, segment.end);
    parts.push({
      file: segment.file,
      ...(begin > segment.start ? { inpoint: (begin - segment.start) / 1000 } : {}),
      ...(finish < segment.end ? { outpoint: (finish - segment.start) / 1000 } : {}),
    });
    coveredMs += finish - begin;
    cursor = finish;
  }
  if (to - cursor > GAP_TOLERANCE_MS) gaps.push({ from: cursor, to });
  return { parts, coveredMs, gaps };
}

/**
 * The segments the rolling buffer may delete: ended more than `keepMs` ago and before `holdFrom`
 * (the earliest moment an open clip still needs; none when no clip is open).
 */
export function expiredSegments(segments: readonly Segment[], now: number, keepMs: number, holdFrom?: number): Segment[] {
  const limit = Math.min(now - keepMs, holdFrom ?? Number.POSITIVE_INFINITY);
  return segments.filter((segment) => segment.end < limit);
}
