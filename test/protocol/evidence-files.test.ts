import { describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, decodeFileFrame, encodeFileFrame } from '../../protocol/index.js';

describe('evidence file frames', () => {
  it('carry a chunk and a refusal through', () => {
    const data = Buffer.from('mp4 bytes');
    const chunk = decodeFileFrame(encodeFileFrame({ v: 1, kind: 'chunk', fetchId: 'f1', offset: 3, total: 12 }, data));
    expect(chunk?.header).toEqual({ v: 1, kind: 'chunk', fetchId: 'f1', offset: 3, total: 12 });
    expect(chunk?.data.equals(data)).toBe(true);
    expect(decodeFileFrame(encodeFileFrame({ v: 1, kind: 'refused', fetchId: 'f1', code: 'CLIP_NOT_STORED', message: 'gone' }))?.header).toMatchObject({ code: 'CLIP_NOT_STORED' });
  });

  it('drop anything that is not a frame, never throwing', () => {
    const frame = (header: unknown, data = Buffer.alloc(0)) => {
      const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(json.length);
      return Buffer.concat([length, json, data]);
    };
    expect(decodeFileFrame(Buffer.alloc(2))).toBeUndefined();
    expect(decodeFileFrame(frame('{not json'))).toBeUndefined();
    expect(decodeFileFrame(Buffer.from([0xff, 0xff, 0xff, 0xff, 1]))).toBeUndefined();
    expect(decodeFileFrame(frame({ v: 2, kind: 'chunk', fetchId: 'f', offset: 0, total: 1 }))).toBeUndefined();
    expect(decodeFileFrame(frame({ v: 1, kind: 'chunk', fetchId: 'f', offset: -1, total: 1 }))).toBeUndefined();
    expect(decodeFileFrame(frame({ v: 1, kind: 'refused', fetchId: 'f', code: 'ANY', message: '' }))).toBeUndefined();
    // Past the file's end, or more than one chunk's bytes.
    expect(decodeFileFrame(frame({ v: 1, kind: 'chunk', fetchId: 'f', offset: 1, total: 2 }, Buffer.alloc(2)))).toBeUndefined();
    expect(decodeFileFrame(frame({ v: 1, kind: 'chunk', fetchId: 'f', offset: 0, total: 10 ** 9 }, Buffer.alloc(FILE_CHUNK_BYTES + 1)))).toBeUndefined();
  });
});
