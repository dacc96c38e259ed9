import type { CameraSpec } from './spec.js';

/** The ffmpeg command lines the camera runs; pure, so each is tested as text. */

/** Seconds per recorded segment: the rolling buffer's grain. */
export const SEGMENT_SECONDS = 2;

/** The simulated camera's picture: small, so encoding it once costs little. */
export const SIM_PICTURE = { size: '320x240', rate: 10 } as const;

const QUIET = ['-hide_banner', '-nostats', '-loglevel', 'error', '-nostdin'];

/**
 * How ffmpeg reads a camera. A real camera's H.264 is copied as it comes (`-c:v copy`): no
 * decoding, no encoding. RTSP goes over TCP (no lost UDP packets, through NAT) with a socket
 * time-out, so a silent camera ends ffmpeg and the watchdog restarts it. The simulated camera is
 * ffmpeg's `testsrc2` encoded once with libx264 ultrafast, one keyframe a second.
 */
export function inputArgs(spec: Exclude<CameraSpec, { kind: 'none' }>): string[] {
  switch (spec.kind) {
    case 'sim':
      return [
        '-re', '-f', 'lavfi', '-i', `testsrc2=size=${SIM_PICTURE.size}:rate=${SIM_PICTURE.rate}`,
        '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', String(SIM_PICTURE.rate), '-pix_fmt', 'yuv420p',
      ];
    case 'v4l2':
      return ['-f', 'v4l2', '-input_format', 'h264', '-i', spec.device, '-map', '0:v', '-c:v', 'copy'];
    case 'rtsp':
      return ['-rtsp_transport', 'tcp', '-timeout', '5000000', '-i', spec.url, '-map', '0:v', '-c:v', 'copy'];
  }
}

/**
 * The recorder: the camera's picture cut into segments of SEGMENT_SECONDS (at the first keyframe
 * after each), each segment's timestamps from 0 (`-reset_timestamps 1`, no mpegts start delay),
 * and a CSV list `file,start,end` (seconds from the run's start) appended as each segment closes.
 */
export function recordArgs(spec: Exclude<CameraSpec, { kind: 'none' }>, listPath: string, segmentPattern: string): string[] {
  return [...QUIET, ...inputArgs(spec), ...segmentArgs(listPath, segmentPattern)];
}

/** The recorder's output half: segments and their list (the bench feeds it a file instead of a camera). */
export function segmentArgs(listPath: string, segmentPattern: string): string[] {
  return [
    '-an',
    '-f', 'segment', '-segment_time', String(SEGMENT_SECONDS), '-reset_timestamps', '1',
    '-muxdelay', '0', '-muxpreload', '0',
    '-segment_list', listPath, '-segment_list_type', 'csv', '-segment_list_size', '0',
    segmentPattern,
  ];
}

/**
 * A clip: the segments joined by the concat demuxer (its list carries each in and out point),
 * the picture copied untouched, the overlay as a timed-text track (mov_text) from an SRT file,
 * and the index at the front of the file so a browser plays it before it has all of it.
 */
export function clipArgs(concatList: string, subtitles: string, output: string): string[] {
  return [
    ...QUIET, '-y',
    '-f', 'concat', '-safe', '0', '-i', concatList,
    '-i', subtitles,
    '-map', '0:v', '-map', '1:s', '-c:v', 'copy', '-c:s', 'mov_text',
    '-metadata:s:s:0', 'title=packgate', '-movflags', '+faststart',
    '-f', 'mp4', output,
  ];
}

/**
 * A still: the first frame at or after `offsetS` seconds into one segment, as a JPEG. The seek
 * is the output's (`-ss` after `-i`: decode and drop), as an input seek into a segment's last
 * half second gave no frame at all with ffmpeg 5.1; decoding one segment costs little.
 */
export function photoArgs(segment: string, offsetS: number, output: string): string[] {
  return [...QUIET, '-y', '-i', segment, '-ss', offsetS.toFixed(3), '-frames:v', '1', '-q:v', '3', '-update', '1', '-f', 'image2', output];
}

/** The concat demuxer's list for `parts` (ffconcat 1.0; paths quoted as the format asks). */
export function concatList(parts: readonly { file: string; inpoint?: number; outpoint?: number }[]): string {
  const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  const lines = ['ffconcat version 1.0'];
  for (const part of parts) {
    lines.push(`file ${quote(part.file)}`);
    if (part.inpoint !== undefined) lines.push(`inpoint ${part.inpoint.toFixed(3)}`);
    if (part.outpoint !== undefined) lines.push(`outpoint ${part.outpoint.toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}
