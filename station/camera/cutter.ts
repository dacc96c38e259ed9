import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PackgateError } from '../../common/errors.js';
import { clipArgs, concatList, photoArgs } from './ffmpeg-args.js';
import type { ClipPart } from './segments.js';

const MAX_STDERR = 2000;
/** One cut or still should take well under a second (`-c copy`); this bounds a hung one. */
const FFMPEG_TIMEOUT_MS = 60_000;

/** Runs ffmpeg to its end; `FFMPEG_FAILED` with the end of its stderr when it fails. */
export function runFfmpeg(args: readonly string[], ffmpeg = 'ffmpeg'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-MAX_STDERR);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), FFMPEG_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new PackgateError('FFMPEG_FAILED', `ffmpeg could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PackgateError('FFMPEG_FAILED', `ffmpeg ${signal ? `killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split('\n').at(-1) ?? ''}`.slice(0, 200)));
    });
  });
}

/**
 * Cuts a clip from `parts` into `output` (mp4, picture copied, `srt` as its mov_text track);
 * the concat list and the subtitles are written beside it and removed after.
 */
export async function cutClip(parts: readonly ClipPart[], srt: string, output: string, ffmpeg?: string): Promise<void> {
  await mkdir(dirname(output), { recursive: true });
  const list = `${output}.ffconcat`;
  const subtitles = `${output}.srt`;
  try {
    await writeFile(list, concatList(parts));
    await writeFile(subtitles, srt);
    await runFfmpeg(clipArgs(list, subtitles, output), ffmpeg);
  } finally {
    await rm(list, { force: true });
    await rm(subtitles, { force: true });
  }
}

/** A JPEG of the frame `offsetS` seconds into `segment`. */
export async function takePhoto(segment: string, offsetS: number, output: string, ffmpeg?: string): Promise<void> {
  await mkdir(dirname(output), { recursive: true });
  await runFfmpeg(photoArgs(segment, Math.max(0, offsetS), output), ffmpeg);
}

/** A file's size and SHA-256 (hex), read as a stream. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest('hex') };
}
