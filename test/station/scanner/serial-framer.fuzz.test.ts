import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomInt, seededRandom, type Random } from '../../../common/random.js';
import { ScanFramer } from '../../../station/scanner/serial-framer.js';
import { TERMINATORS, type TerminatorName } from '../../../station/scanner/serial-spec.js';

const SEQUENCES = 100_000;
const MAX_BYTES = 32;

/** Random bytes, CR and LF made common so terminators, empty frames and split CR LF all happen. */
function randomSequence(random: Random): Buffer {
  const bytes = Buffer.alloc(randomInt(random, 48));
  for (let i = 0; i < bytes.length; i += 1) {
    const roll = random();
    bytes[i] = roll < 0.1 ? 0x0d : roll < 0.2 ? 0x0a : randomInt(random, 256);
  }
  return bytes;
}

/** The obvious framer, over the whole stream at once: split at terminators, drop empties, cut at max. */
function referenceFrames(stream: Buffer, name: Exclude<TerminatorName, 'none'>): string[] {
  const separator = { any: /\r|\n/, cr: /\r/, lf: /\n/, crlf: /\r\n/ }[name];
  const pieces = stream.toString('latin1').split(separator);
  // The unterminated tail is still pending, unless it already overflowed: that is pushed at once.
  if (pieces.at(-1)!.length <= MAX_BYTES) pieces.pop();
  return pieces.filter((piece) => piece.length > 0).map((piece) => piece.slice(0, MAX_BYTES));
}

describe(`ScanFramer fuzz: ${SEQUENCES} seeded random byte sequences`, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(['any', 'cr', 'lf', 'crlf'] as const)('term=%s: never throws, stays bounded, frames as the reference does', (name) => {
    const random = seededRandom(0x5eed + name.length);
    const framer = new ScanFramer({ terminators: TERMINATORS[name], idleMs: 0, maxBytes: MAX_BYTES });
    const frames: string[] = [];
    framer.on('data', (frame: Buffer) => frames.push(frame.toString('latin1')));
    const sent: Buffer[] = [];
    let worstPending = 0;
    for (let i = 0; i < SEQUENCES; i += 1) {
      const sequence = randomSequence(random);
      sent.push(sequence);
      framer.write(sequence);
      worstPending = Math.max(worstPending, framer.pendingBytes);
    }
    framer.destroy();
    expect(worstPending).toBeLessThanOrEqual(MAX_BYTES + 1);
    expect(frames.every((frame) => frame.length >= 1 && frame.length <= MAX_BYTES)).toBe(true);
    expect(frames).toEqual(referenceFrames(Buffer.concat(sent), name));
  });

  it('term=none with idle gaps: never throws, every frame 1..max bytes, memory bounded', () => {
    const random = seededRandom(0xfa11);
    const framer = new ScanFramer({ terminators: [], idleMs: 5, maxBytes: MAX_BYTES });
    let frames = 0;
    let framedBytes = 0;
    let bad = 0;
    framer.on('data', (frame: Buffer) => {
      frames += 1;
      framedBytes += frame.length;
      if (frame.length < 1 || frame.length > MAX_BYTES) bad += 1;
    });
    let total = 0;
    let worstPending = 0;
    for (let i = 0; i < SEQUENCES; i += 1) {
      const sequence = randomSequence(random);
      total += sequence.length;
      framer.write(sequence);
      worstPending = Math.max(worstPending, framer.pendingBytes);
      if (random() < 0.3) vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(5);
    framer.destroy();
    expect(bad).toBe(0);
    expect(frames).toBeGreaterThan(1000);
    expect(worstPending).toBeLessThanOrEqual(MAX_BYTES);
    expect(framedBytes + framer.stats.droppedBytes).toBe(total);
  });
});
