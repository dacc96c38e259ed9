import { once } from 'node:events';
import { ReadlineParser } from '@serialport/parser-readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScanFramer, type ScanFramerOptions } from '../../../station/scanner/serial-framer.js';
import { TERMINATORS } from '../../../station/scanner/serial-spec.js';

const framers: ScanFramer[] = [];
afterEach(() => {
  for (const framer of framers.splice(0)) framer.destroy();
});

function framer(options: Partial<ScanFramerOptions> = {}): { framer: ScanFramer; frames: string[] } {
  const made = new ScanFramer({ terminators: TERMINATORS.any, idleMs: 0, maxBytes: 64, ...options });
  framers.push(made);
  const frames: string[] = [];
  made.on('data', (frame: Buffer) => frames.push(frame.toString('latin1')));
  return { framer: made, frames };
}

const feed = (target: ScanFramer, ...chunks: string[]) => {
  for (const chunk of chunks) target.write(Buffer.from(chunk, 'latin1'));
};

describe('ScanFramer', () => {
  it.each([
    ['cr', ['A1\rB2\r']],
    ['lf', ['A1\nB2\n']],
    ['crlf', ['A1\r\nB2\r\n']],
    ['any', ['A1\r\nB2\r']],
  ] as const)('frames %s-terminated scans', (name, chunks) => {
    const { framer: f, frames } = framer({ terminators: TERMINATORS[name] });
    feed(f, ...chunks);
    expect(frames).toEqual(['A1', 'B2']);
  });

  it('finds a CR LF split across two chunks, and a scan split across many', () => {
    const { framer: f, frames } = framer({ terminators: TERMINATORS.crlf });
    feed(f, '690', '1234', '567892\r', '\n400638', '1333931\r', '\n');
    expect(frames).toEqual(['6901234567892', '4006381333931']);
  });

  it('keeps a lone CR inside a CR LF scan', () => {
    const { framer: f, frames } = framer({ terminators: TERMINATORS.crlf });
    feed(f, 'A\rB\r\n');
    expect(frames).toEqual(['A\rB']);
  });

  it('skips empty frames', () => {
    const { framer: f, frames } = framer();
    feed(f, '\r\n\r\n\nX\r\n\r');
    expect(frames).toEqual(['X']);
  });

  it('emits bytes untouched, including ones that are not UTF-8', () => {
    const { framer: f } = framer();
    const got: Buffer[] = [];
    f.on('data', (frame: Buffer) => got.push(frame));
    f.write(Buffer.from([0xff, 0xfe, 0x80, 0x1d, 0x0d]));
    expect(got.map((frame) => frame.toString('hex'))).toEqual(['fffe801d']);
  });

  it('(why it exists) parser-readline decodes to text and replaces bytes that are not UTF-8', async () => {
    const readline = new ReadlineParser({ delimiter: '\r', encoding: 'utf8' });
    const line = once(readline, 'data');
    readline.write(Buffer.from([0xff, 0x41, 0x0d]));
    const [text] = (await line) as [string];
    expect(typeof text).toBe('string');
    expect(Buffer.from(text, 'utf8').toString('hex')).toBe('efbfbd41');
    readline.destroy();
  });

  it('cuts an overlong frame at maxBytes, drops the rest until the terminator, and counts it', () => {
    const { framer: f, frames } = framer({ maxBytes: 8 });
    feed(f, 'ABCDEFGHIJ', 'KLMNOP\rOK\r');
    expect(frames).toEqual(['ABCDEFGH', 'OK']);
    expect(f.stats).toEqual({ frames: 2, truncated: 1, droppedBytes: 8 });
  });

  it('a frame of exactly maxBytes is not truncated', () => {
    const { framer: f, frames } = framer({ maxBytes: 4 });
    feed(f, 'ABCD\r');
    expect(frames).toEqual(['ABCD']);
    expect(f.stats.truncated).toBe(0);
  });

  describe('inter-byte timeout (fake clock)', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('ends a scan whose terminator never came, and keeps the next one separate', () => {
      const { framer: f, frames } = framer({ idleMs: 20 });
      feed(f, '6901234567892');
      vi.advanceTimersByTime(19);
      expect(frames).toEqual([]);
      vi.advanceTimersByTime(1);
      feed(f, '4006381333931\r');
      expect(frames).toEqual(['6901234567892', '4006381333931']);
    });

    it('restarts the timeout on every chunk', () => {
      const { framer: f, frames } = framer({ terminators: [], idleMs: 20 });
      for (const chunk of ['69', '01', '23']) {
        feed(f, chunk);
        vi.advanceTimersByTime(15);
      }
      expect(frames).toEqual([]);
      vi.advanceTimersByTime(5);
      expect(frames).toEqual(['690123']);
    });

    it('with no terminator, frames by idle gaps alone, CR and LF included', () => {
      const { framer: f, frames } = framer({ terminators: [], idleMs: 20 });
      feed(f, 'AB', 'C\r\nD');
      vi.advanceTimersByTime(20);
      feed(f, 'E');
      vi.advanceTimersByTime(20);
      expect(frames).toEqual(['ABC\r\nD', 'E']);
    });

    it('a held partial terminator joins the scan it ends by timeout', () => {
      const { framer: f, frames } = framer({ terminators: TERMINATORS.crlf, idleMs: 20 });
      feed(f, 'AB\r');
      vi.advanceTimersByTime(20);
      expect(frames).toEqual(['AB\r']);
    });

    it('an idle gap ends the dropping after an overlong frame', () => {
      const { framer: f, frames } = framer({ terminators: [], idleMs: 20, maxBytes: 4 });
      feed(f, 'ABCDEFGH');
      expect(frames).toEqual(['ABCD']);
      feed(f, 'IJ');
      vi.advanceTimersByTime(20);
      feed(f, 'XY');
      vi.advanceTimersByTime(20);
      expect(frames).toEqual(['ABCD', 'XY']);
      expect(f.stats).toEqual({ frames: 2, truncated: 1, droppedBytes: 6 });
    });
  });

  it('flushes a partial scan at end of input, and clears its timer when destroyed', async () => {
    const { framer: f, frames } = framer({ idleMs: 10_000 });
    feed(f, 'TAIL');
    f.end();
    await once(f, 'end');
    expect(frames).toEqual(['TAIL']);
    const other = framer({ idleMs: 10_000 }).framer;
    feed(other, 'PENDING');
    other.destroy();
    await once(other, 'close');
  });

  it('refuses options that could never end a frame', () => {
    expect(() => new ScanFramer({ terminators: [], idleMs: 0, maxBytes: 8 })).toThrow(RangeError);
    expect(() => new ScanFramer({ terminators: TERMINATORS.cr, idleMs: 0, maxBytes: 0 })).toThrow(RangeError);
  });
});
