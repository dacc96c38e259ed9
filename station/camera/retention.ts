/** Which stored clips to delete, pure: by age, then by size, oldest first, never a pinned one. */

export interface RetainedClip {
  readonly clipId: string;
  /** When the clip was stored (epoch ms). */
  readonly storedAt: number;
  /** Its video's and photo's bytes together. */
  readonly bytes: number;
  /** Disputed or pinned by hand: kept whatever its age or the disk. */
  readonly pinned: boolean;
}

export interface RetentionPolicy {
  /** Clips older than this many days go (0: no age limit). */
  readonly maxDays: number;
  /** The clips together may hold at most this many bytes (0: no size limit). */
  readonly maxBytes: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The clips to delete, oldest first: every unpinned clip older than `maxDays`, then unpinned
 * clips from the oldest while all clips together (pinned ones count) hold more than `maxBytes`.
 * Pinned clips alone may exceed `maxBytes`: they stay, and the caller says so.
 */
export function chooseRetention(clips: readonly RetainedClip[], policy: RetentionPolicy, now: number): string[] {
  const oldestFirst = [...clips].sort((a, b) => a.storedAt - b.storedAt || a.clipId.localeCompare(b.clipId));
  const doomed = new Set<string>();
  if (policy.maxDays > 0) {
    for (const clip of oldestFirst) if (!clip.pinned && now - clip.storedAt > policy.maxDays * DAY_MS) doomed.add(clip.clipId);
  }
  if (policy.maxBytes > 0) {
    let total = oldestFirst.reduce((sum, clip) => (doomed.has(clip.clipId) ? sum : sum + clip.bytes), 0);
    for (const clip of oldestFirst) {
      if (total <= policy.maxBytes) break;
      if (clip.pinned || doomed.has(clip.clipId)) continue;
      doomed.add(clip.clipId);
      total -= clip.bytes;
    }
  }
  return oldestFirst.filter((clip) => doomed.has(clip.clipId)).map((clip) => clip.clipId);
}
