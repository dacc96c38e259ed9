import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
// Not protocol/index.js: it loads the TypeBox schemas, which the station's path leaves out (generated checks instead).
import { FILE_CHUNK_BYTES, encodeFileFrame, type FileRefusal } from '../../protocol/evidence-files.js';
import type { EvidenceFetchCommand } from '../../protocol/index.js';
import { PAYLOAD_VERSION } from '../../protocol/wire.js';
import type { StoredClip } from './evidence.js';

const log = createLogger('station.evidence-files');

/**
 * Answers the hub's `evidence-fetch`: the clip's video or photo in FILE_CHUNK_BYTES frames, each
 * published (QoS 1) before the next is read, so a clip never sits whole in memory; or one
 * `refused` frame when the clip is not stored here (retention deleted it) or cannot be read.
 * `publish` rejects when the link drops: the send stops there and the hub asks again.
 */
export async function sendClipFile(
  command: EvidenceFetchCommand,
  stored: readonly StoredClip[],
  dataDir: string,
  publish: (frame: Buffer) => Promise<void>,
): Promise<void> {
  const fetchId = command.id;
  const refuse = (code: FileRefusal, message: string) => publish(encodeFileFrame({ v: PAYLOAD_VERSION, kind: 'refused', fetchId, code, message }));
  const clip = stored.find((candidate) => candidate.clipId === command.clipId);
  const path = clip?.[command.file];
  if (!path) return refuse('CLIP_NOT_STORED', `no ${command.file} of clip ${command.clipId} is stored at this station`);
  let offset = 0;
  try {
    const file = join(dataDir, path);
    const total = (await stat(file)).size;
    for await (const chunk of createReadStream(file, { highWaterMark: FILE_CHUNK_BYTES, end: Math.max(0, total - 1) })) {
      const data = chunk as Buffer;
      if (offset + data.length > total) break;
      await publish(encodeFileFrame({ v: PAYLOAD_VERSION, kind: 'chunk', fetchId, offset, total }, data));
      offset += data.length;
    }
    // An empty file still answers: one frame of no data says its length is 0.
    if (total === 0) await publish(encodeFileFrame({ v: PAYLOAD_VERSION, kind: 'chunk', fetchId, offset: 0, total: 0 }));
  } catch (err) {
    log.warn({ clip: command.clipId, file: command.file, sent: offset, err: errorMessage(err) }, 'clip file not sent');
    if (offset === 0) await refuse('FILE_UNREADABLE', errorMessage(err).slice(0, 200)).catch(() => undefined);
  }
}
