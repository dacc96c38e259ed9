/**
 * The vocabularies of protocol/evidence.ts, apart from its schemas so that a station loads them
 * without TypeBox (as protocol/pack-vocabulary.ts). Adding a value is a change here.
 */

/** How whole a clip is. */
export const EVIDENCE_STATUSES = ['complete', 'partial', 'missing'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/**
 * Why a clip is partial or missing. `no_camera`: the station records with none (`--camera none`);
 * `camera_gap`: the recording has a hole inside the clip (ffmpeg died or stalled and the
 * watchdog restarted it); `camera_down`: no recording covers the clip at all; `agent_restarted`:
 * the agent stopped mid-clip (a crash, kill -9) and the order's end was never seen;
 * `cut_failed`: ffmpeg could not cut the clip from the recording; `disk_full`: no space to store it.
 */
export const EVIDENCE_REASONS = ['no_camera', 'camera_gap', 'camera_down', 'agent_restarted', 'cut_failed', 'disk_full'] as const;
export type EvidenceReason = (typeof EVIDENCE_REASONS)[number];

/** How the order's time on the bench ended, which ends the clip. */
export const EVIDENCE_ENDINGS = ['printed', 'sealed', 'cancelled', 'aside', 'unknown'] as const;
export type EvidenceEnding = (typeof EVIDENCE_ENDINGS)[number];
