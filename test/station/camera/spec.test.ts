import { describe, expect, it } from 'vitest';
import { PackgateError } from '../../../common/errors.js';
import { formatCameraSpec, parseCameraSpec } from '../../../station/camera/spec.js';

function codeOf(text: string): string | undefined {
  try {
    parseCameraSpec(text);
    return undefined;
  } catch (err) {
    return err instanceof PackgateError ? err.code : 'not a PackgateError';
  }
}

describe('parseCameraSpec', () => {
  it('reads none, sim, a V4L2 device and an RTSP URL', () => {
    expect(parseCameraSpec('none')).toEqual({ kind: 'none' });
    expect(parseCameraSpec('sim')).toEqual({ kind: 'sim' });
    expect(parseCameraSpec('v4l2:/dev/video0')).toEqual({ kind: 'v4l2', device: '/dev/video0' });
    expect(parseCameraSpec('v4l2:/dev/v4l/by-id/usb-cam-video-index0')).toEqual({ kind: 'v4l2', device: '/dev/v4l/by-id/usb-cam-video-index0' });
    expect(parseCameraSpec('rtsp://admin:pw@10.0.0.5:554/Streaming/Channels/101')).toEqual({ kind: 'rtsp', url: 'rtsp://admin:pw@10.0.0.5:554/Streaming/Channels/101' });
  });

  it('refuses anything else with BAD_CAMERA_SPEC', () => {
    for (const bad of ['', 'usb', 'v4l2:', 'v4l2:video0', 'v4l2:/dev/../etc/passwd', 'v4l2:/dev/video0;rm', 'rtsp://', 'http://cam/stream', 'x'.repeat(600)]) {
      expect(codeOf(bad), bad).toBe('BAD_CAMERA_SPEC');
    }
  });

  it('never prints an RTSP password', () => {
    expect(formatCameraSpec(parseCameraSpec('rtsp://admin:secret@10.0.0.5/ch1'))).toBe('rtsp://admin:***@10.0.0.5/ch1');
    expect(formatCameraSpec(parseCameraSpec('v4l2:/dev/video2'))).toBe('v4l2:/dev/video2');
  });
});
