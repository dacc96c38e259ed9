import { describe, expect, it } from 'vitest';
import { FrameSplitter, MAX_LINE_BYTES } from '../../../station/scale/formats/framing.js';
import { reading, type ScaleReading, type ScaleUnit } from '../../../station/scale/reading.js';
import { Stabilizer } from '../../../station/scale/stability.js';

function weight(value: number, unit: ScaleUnit = 'g', stable: boolean | undefined = undefined, overload = false): ScaleReading {
  const decoded = reading({ value, unit, stable, overload });
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.reading;
}

describe('Stabilizer', () => {
  it('without a flag: N equal readings over at least T ms', () => {
    const stabilizer = new Stabilizer({ samples: 3, windowMs: 200 });
    expect(stabilizer.push(weight(1250), 0).stable).toBe(false);
    expect(stabilizer.push(weight(1250), 100).stable).toBe(false);
    expect(stabilizer.push(weight(1250), 150).stable).toBe(false); // 3 readings, only 150 ms
    expect(stabilizer.push(weight(1250), 200).stable).toBe(true);
    expect(stabilizer.push(weight(1251), 250).stable).toBe(false); // a new run
  });

  it('takes a tolerance in grams', () => {
    const stabilizer = new Stabilizer({ samples: 3, windowMs: 0, toleranceGrams: 2 });
    stabilizer.push(weight(1250), 0);
    stabilizer.push(weight(1251), 10);
    expect(stabilizer.push(weight(1249), 20).stable).toBe(true);
  });

  it("trusts the scale's own flag", () => {
    const stabilizer = new Stabilizer({ samples: 5, windowMs: 500 });
    expect(stabilizer.push(weight(1250, 'g', true), 0).stable).toBe(true);
    expect(stabilizer.push(weight(1250, 'g', false), 10).stable).toBe(false);
  });

  it('never calls a negative or overloaded reading stable', () => {
    const stabilizer = new Stabilizer({ samples: 1, windowMs: 0 });
    expect(stabilizer.push(weight(-20, 'g', true), 0).stable).toBe(false);
    expect(stabilizer.push(weight(0, 'g', true, true), 0).stable).toBe(false);
  });

  it('a unit change under a load is flagged and restarts the run; on an empty scale it is not', () => {
    const stabilizer = new Stabilizer({ samples: 2, windowMs: 0 });
    stabilizer.push(weight(0, 'kg', true), 0);
    expect(stabilizer.push(weight(0, 'lb', true), 10).unitChange).toBe(false);
    stabilizer.push(weight(2.75, 'lb'), 20);
    const changed = stabilizer.push(weight(1.247, 'kg', true), 30);
    expect(changed).toMatchObject({ unitChange: true, stable: false });
    expect(stabilizer.push(weight(1.247, 'kg', true), 40).stable).toBe(true);
  });
});

describe('FrameSplitter', () => {
  const ascii = (text: string) => Buffer.from(text, 'latin1');
  const text = (frames: Uint8Array[]) => frames.map((frame) => Buffer.from(frame).toString('latin1'));

  it('cuts CR/LF lines across chunks and drops overlong ones as one garbled run', () => {
    const splitter = new FrameSplitter({ kind: 'line' });
    expect(text(splitter.push(ascii('ST,GS,+0001.2')).frames)).toEqual([]);
    expect(text(splitter.push(ascii('50kg\r\nUS,GS,+0000.000kg\r\n')).frames)).toEqual(['ST,GS,+0001.250kg', 'US,GS,+0000.000kg']);
    const long = splitter.push(ascii(`${'x'.repeat(MAX_LINE_BYTES * 3)}\r\nST,GS,+0001.250kg\r\n`));
    expect(long.garbled).toBe(1);
    expect(text(long.frames)).toEqual(['ST,GS,+0001.250kg']);
  });

  it('cuts fixed frames at their start byte; noise and cut frames are garbled', () => {
    const splitter = new FrameSplitter({ kind: 'fixed', start: 0x3d, length: 9 });
    const split = splitter.push(ascii('52.1000=052.1000=052.=052.1000'));
    expect(text(split.frames)).toEqual(['=052.1000', '=052.1000']);
    expect(split.garbled).toBe(2);
    expect(splitter.push(ascii('=05')).frames).toEqual([]);
    expect(splitter.reset()).toBe(true);
  });
});
