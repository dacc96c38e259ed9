import type { EvidenceEnding, EvidenceReason, EvidenceStatus } from '../../protocol/evidence-vocabulary.js';
import type { Gap } from './segments.js';

/** What the cutting of one clip found, for its record's status. */
export interface ClipFindings {
  /** The station records with a camera at all. */
  readonly camera: boolean;
  /** Milliseconds of the clip's span the recording holds. */
  readonly coveredMs: number;
  readonly gaps: readonly Gap[];
  /** The agent stopped while the clip was open (a crash, kill -9). */
  readonly restarted: boolean;
  readonly ending: EvidenceEnding;
  /** Why the cut failed, if it did. */
  readonly cutError?: string;
}

export interface ClipVerdict {
  readonly status: EvidenceStatus;
  readonly reason: EvidenceReason | null;
  readonly detail: string | null;
}

/**
 * A clip's status and why, pure: missing without a camera, a recording or a cut; partial with a
 * hole in the recording or an end the agent never saw (it restarted, the order had left the
 * bench); complete otherwise.
 */
export function clipVerdict(found: ClipFindings): ClipVerdict {
  if (!found.camera) return { status: 'missing', reason: 'no_camera', detail: 'the station records with no camera' };
  if (found.cutError !== undefined) {
    const full = /No space left|ENOSPC/i.test(found.cutError);
    return { status: 'missing', reason: full ? 'disk_full' : 'cut_failed', detail: found.cutError.slice(0, 200) };
  }
  if (found.coveredMs === 0) return { status: 'missing', reason: 'camera_down', detail: 'no recording covers the clip' };
  const missingMs = found.gaps.reduce((sum, gap) => sum + (gap.to - gap.from), 0);
  if (found.restarted && (found.ending === 'unknown' || found.gaps.length > 0)) {
    return { status: 'partial', reason: 'agent_restarted', detail: `the agent restarted mid-clip; ${Math.round(missingMs / 100) / 10} s not recorded` };
  }
  if (found.gaps.length > 0) {
    return { status: 'partial', reason: 'camera_gap', detail: `${found.gaps.length} gap(s), ${Math.round(missingMs / 100) / 10} s not recorded` };
  }
  return { status: 'complete', reason: null, detail: null };
}
