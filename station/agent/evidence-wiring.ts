import { join } from 'node:path';
import { createLogger } from '../../common/log.js';
import type { DeviceStatus, EvidenceClipBody, StationEvent } from '../../protocol/index.js';
import { EvidenceKeeper } from '../camera/evidence.js';
import type { CameraRecorder } from '../camera/recorder.js';
import type { CommandTargets } from './hub-commands.js';
import type { StationOptions } from './options.js';

const log = createLogger('station.agent');

/** The bench camera, started, its module loaded only when one is configured; null without one. */
export async function startCamera(options: StationOptions): Promise<CameraRecorder | null> {
  if (!options.camera || options.camera.kind === 'none') return null;
  const tuning = options.evidence ?? {};
  const { CameraRecorder } = await import('../camera/recorder.js');
  const camera = new CameraRecorder({
    spec: options.camera,
    dir: join(options.dataDir, 'camera'),
    ...(tuning.ffmpeg !== undefined ? { ffmpeg: tuning.ffmpeg } : {}),
    ...(tuning.stallMs !== undefined ? { stallMs: tuning.stallMs } : {}),
    ...(tuning.bufferMs !== undefined ? { bufferMs: tuning.bufferMs } : {}),
  });
  camera.start();
  return camera;
}

export interface KeeperHooks {
  readonly timeZone: () => string;
  /** Journals and sends an event of the agent's with this body. */
  readonly commit: (body: EvidenceClipBody) => void;
  readonly onChange: () => void;
}

/** The evidence keeper, which finishes the clips a killed agent left before new ones start. */
export function openEvidenceKeeper(
  options: StationOptions,
  camera: CameraRecorder | null,
  records: readonly StationEvent[],
  benchTaskId: string | null,
  hooks: KeeperHooks,
): EvidenceKeeper {
  const tuning = options.evidence ?? {};
  const journaled = records.flatMap((record) => (record.body.type === 'evidence.clip' ? [record.body.clipId] : []));
  return new EvidenceKeeper({
    station: options.id,
    dataDir: options.dataDir,
    camera,
    ...(tuning.leadMs !== undefined ? { leadMs: tuning.leadMs } : {}),
    ...(tuning.tailMs !== undefined ? { tailMs: tuning.tailMs } : {}),
    ...(tuning.retention !== undefined ? { retention: tuning.retention } : {}),
    ...(tuning.ffmpeg !== undefined ? { ffmpeg: tuning.ffmpeg } : {}),
    timeZone: hooks.timeZone,
    commit: hooks.commit,
    journaled,
    benchTaskId,
    onChange: hooks.onChange,
  });
}

/** Where the hub's evidence commands land: a fetch sends the file over the link, pins go to the keeper. */
export function evidenceCommands(
  keeper: EvidenceKeeper,
  dataDir: string,
  publishFile: (frame: Buffer) => Promise<void>,
  changed: () => void,
): CommandTargets['evidence'] {
  return {
    fetch: (command) => {
      void import('../camera/file-sender.js')
        .then(({ sendClipFile }) => sendClipFile(command, keeper.stored(), dataDir, publishFile))
        .catch((err: unknown) => log.warn({ cmd: command.id, err: (err as Error).message }, 'evidence fetch not answered'));
    },
    pins: (command) => {
      keeper.setDisputed(command.waybills);
      changed();
    },
  };
}

/**
 * The camera's device status; a recording camera whose storage cannot keep its retention
 * (pinned clips over the size limit, or a clip not stored for want of disk) is a `fault` saying
 * so, which the hub raises as an alert. Packing goes on either way.
 */
export function cameraStatus(camera: CameraRecorder | null, keeper: EvidenceKeeper): DeviceStatus {
  const status = camera?.status() ?? { kind: 'none', state: 'absent' as const, detail: 'no camera configured' };
  const storage = camera ? keeper.storageFull() : { full: false, detail: null };
  return storage.full ? { ...status, state: 'fault', detail: `storage full: ${storage.detail}`.slice(0, 200) } : status;
}
