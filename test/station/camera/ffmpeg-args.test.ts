import { describe, expect, it } from 'vitest';
import { concatList, inputArgs, recordArgs } from '../../../station/camera/ffmpeg-args.js';

describe('ffmpeg command lines', () => {
  it("copies a real camera's H.264 without re-encoding, RTSP over TCP with a time-out", () => {
    expect(inputArgs({ kind: 'rtsp', url: 'rtsp://cam/1' })).toEqual(['-rtsp_transport', 'tcp', '-timeout', '5000000', '-i', 'rtsp://cam/1', '-map', '0:v', '-c:v', 'copy']);
    expect(inputArgs({ kind: 'v4l2', device: '/dev/video0' })).toEqual(['-f', 'v4l2', '-input_format', 'h264', '-i', '/dev/video0', '-map', '0:v', '-c:v', 'copy']);
    expect(inputArgs({ kind: 'sim' })).toContain('libx264');
  });

  it('records 2-second segments with a CSV list', () => {
    const args = recordArgs({ kind: 'sim' }, '/d/list.csv', '/d/seg-%06d.ts');
    expect(args.join(' ')).toContain('-f segment -segment_time 2 -reset_timestamps 1');
    expect(args.join(' ')).toContain('-segment_list /d/list.csv -segment_list_type csv');
    expect(args.at(-1)).toBe('/d/seg-%06d.ts');
  });

  it('writes a concat list with in and out points, quoting paths', () => {
    expect(concatList([{ file: "/a/it's.ts", inpoint: 0.7 }, { file: '/a/b.ts', outpoint: 1.25 }])).toBe(
      "ffconcat version 1.0\nfile '/a/it'\\''s.ts'\ninpoint 0.700\nfile '/a/b.ts'\noutpoint 1.250\n",
    );
  });
});
