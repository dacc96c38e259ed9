import { PackgateError } from '../../common/errors.js';

/** Where a bench camera's picture comes from (`--camera`). */
export type CameraSpec =
  | { readonly kind: 'none' }
  /** ffmpeg's test picture, encoded once in the recorder (no hardware needed). */
  | { readonly kind: 'sim' }
  /** A V4L2 USB camera, e.g. `/dev/video0`; its own H.264 is copied, never re-encoded. */
  | { readonly kind: 'v4l2'; readonly device: string }
  /** An IP camera or NVR channel, read over RTSP/TCP and copied. */
  | { readonly kind: 'rtsp'; readonly url: string };

export const CAMERA_SPEC_SYNTAX = 'v4l2:/dev/videoN | rtsp://… | sim | none';

const MAX_SPEC_LENGTH = 500;

/** Parses `--camera`; `BAD_CAMERA_SPEC` names what is wrong. */
export function parseCameraSpec(text: string): CameraSpec {
  if (text.length > MAX_SPEC_LENGTH) throw new PackgateError('BAD_CAMERA_SPEC', `camera spec longer than ${MAX_SPEC_LENGTH} characters`);
  if (text === 'none') return { kind: 'none' };
  if (text === 'sim') return { kind: 'sim' };
  if (text.startsWith('v4l2:')) {
    const device = text.slice('v4l2:'.length);
    if (!/^\/dev\/[A-Za-z0-9_./-]+$/.test(device) || device.includes('..')) {
      throw new PackgateError('BAD_CAMERA_SPEC', `v4l2 camera needs a device path under /dev, e.g. v4l2:/dev/video0, not "${device.slice(0, 60)}"`);
    }
    return { kind: 'v4l2', device };
  }
  if (/^rtsps?:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new PackgateError('BAD_CAMERA_SPEC', 'rtsp camera URL does not parse');
    }
    if (url.hostname === '') throw new PackgateError('BAD_CAMERA_SPEC', 'rtsp camera URL has no host');
    return { kind: 'rtsp', url: text };
  }
  throw new PackgateError('BAD_CAMERA_SPEC', `unknown camera "${text.slice(0, 60)}"; expected ${CAMERA_SPEC_SYNTAX}`);
}

/** The spec as the station prints it: an RTSP URL's password is never shown. */
export function formatCameraSpec(spec: CameraSpec): string {
  switch (spec.kind) {
    case 'none':
    case 'sim':
      return spec.kind;
    case 'v4l2':
      return `v4l2:${spec.device}`;
    case 'rtsp': {
      const url = new URL(spec.url);
      if (url.password !== '') url.password = '***';
      return url.toString();
    }
  }
}
