import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIRMWARE,
  byteTimeMs,
  corruptPayload,
  encodePayload,
  normalizeAim,
  pickFaults,
  planScan,
  type FirmwareConfig,
} from '../../../firmware-sim/scanner/firmware.js';
import { seededRandom } from '../../../common/random.js';

const EAN = '6901234567892';
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const joined = (plan: ReturnType<typeof planScan>) => Buffer.concat(plan.writes.map((write) => write.bytes));

describe('scanner firmware (pure)', () => {
  it('a byte is 10 bits at 8N1: an EAN-13 with CR LF takes 15.6 ms at 9600 baud', () => {
    expect(byteTimeMs(9600)).toBeCloseTo(1.0417, 4);
    const plan = planScan(EAN, { ...DEFAULT_FIRMWARE, baudRate: 9600, terminator: 'crlf' });
    expect(plan.durationMs).toBeCloseTo(15.625, 3);
    expect(text(plan.wire)).toBe(`${EAN}\r\n`);
  });

  it('paces in writes of about a millisecond, each sent when its last byte is done, bytes in order', () => {
    const plan = planScan(EAN, { ...DEFAULT_FIRMWARE, baudRate: 9600 });
    expect(text(joined(plan))).toBe(`${EAN}\r\n`);
    expect(plan.writes.length).toBeGreaterThanOrEqual(14);
    let sent = 0;
    for (const write of plan.writes) {
      sent += write.bytes.length;
      expect(write.atMs).toBeCloseTo(sent * byteTimeMs(9600), 6);
    }
    expect(plan.writes.at(-1)!.atMs).toBeCloseTo(plan.durationMs, 6);
  });

  it('baud 0 sends the whole scan in one write at once', () => {
    const plan = planScan(EAN, { ...DEFAULT_FIRMWARE, baudRate: 0 });
    expect(plan.writes).toEqual([{ atMs: 0, bytes: plan.wire }]);
  });

  it.each([
    ['cr', '\r'],
    ['lf', '\n'],
    ['crlf', '\r\n'],
    ['none', ''],
  ] as const)('terminator %s', (terminator, suffix) => {
    expect(text(planScan(EAN, { ...DEFAULT_FIRMWARE, terminator }).wire)).toBe(`${EAN}${suffix}`);
  });

  it('puts the AIM identifier before the data', () => {
    expect(text(encodePayload(EAN, { aim: 'E0' }))).toBe(`]E0${EAN}`);
    expect(text(encodePayload(EAN, { aim: ']C1' }))).toBe(`]C1${EAN}`);
    expect(normalizeAim(']d2')).toBe(']d2');
    expect(() => normalizeAim('E')).toThrow(RangeError);
    expect(() => normalizeAim(']E0X')).toThrow(RangeError);
  });

  it('sends bytes as given, none re-encoded', () => {
    const raw = Uint8Array.of(0xff, 0x00, 0x80);
    expect(planScan(raw, { ...DEFAULT_FIRMWARE, terminator: 'none' }).wire).toEqual(raw);
  });

  describe('faults', () => {
    const config: FirmwareConfig = { ...DEFAULT_FIRMWARE, baudRate: 0 };

    it('drop-char removes one data byte, dup-char repeats one; the terminator is untouched', () => {
      const random = seededRandom(5);
      const dropped = planScan(EAN, config, ['drop-char'], random);
      const doubled = planScan(EAN, config, ['dup-char'], random);
      expect(dropped.payload.length).toBe(12);
      expect(doubled.payload.length).toBe(14);
      expect(text(dropped.wire).endsWith('\r\n')).toBe(true);
      expect(new Set(text(doubled.payload))).toEqual(new Set(EAN));
    });

    it('garbage puts 1–16 noise bytes, never CR or LF, before the data', () => {
      const random = seededRandom(9);
      for (let i = 0; i < 200; i += 1) {
        const payload = corruptPayload(Buffer.from(EAN), ['garbage'], random);
        const noise = payload.subarray(0, payload.length - EAN.length);
        expect(noise.length).toBeGreaterThanOrEqual(1);
        expect(noise.length).toBeLessThanOrEqual(16);
        expect(noise.includes(0x0d) || noise.includes(0x0a)).toBe(false);
        expect(text(payload.subarray(noise.length))).toBe(EAN);
      }
    });

    it('split sends the same bytes in two writes with a pause between', () => {
      const plan = planScan(EAN, { ...config, splitGapMs: 7 }, ['split'], seededRandom(2));
      expect(plan.writes).toHaveLength(2);
      expect(plan.writes[1]!.atMs - plan.writes[0]!.atMs).toBe(7);
      expect(text(joined(plan))).toBe(`${EAN}\r\n`);
    });

    it('no-terminator leaves the terminator off', () => {
      expect(text(planScan(EAN, config, ['no-terminator']).wire)).toBe(EAN);
    });

    it('random faults are reproducible from the seed and follow their rates', () => {
      const rates = { split: 0.5, garbage: 0.1 };
      const first = Array.from({ length: 1000 }, ((random) => () => pickFaults(rates, random))(seededRandom(42)));
      const again = Array.from({ length: 1000 }, ((random) => () => pickFaults(rates, random))(seededRandom(42)));
      expect(again).toEqual(first);
      const splits = first.filter((faults) => faults.includes('split')).length;
      expect(splits).toBeGreaterThan(400);
      expect(splits).toBeLessThan(600);
      expect(first.some((faults) => faults.includes('drop-char'))).toBe(false);
    });
  });
});
