import { describe, expect, it } from 'vitest';
import { decide } from '../../../station/printer/outcome.js';
import type { PrintJobRecord } from '../../../station/printer/types.js';
import { IDLE_STATUS as IDLE, sampleLabel } from './fixtures.js';

const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const SETTLE = 10_000;
const BEFORE = { total: 100, unit: '"' };

function job(state: 'sent' | 'unknown', patch: Partial<PrintJobRecord> = {}): PrintJobRecord {
  const at = new Date(T0).toISOString();
  return { id: 'TB1#1', taskId: 'TB1', label: sampleLabel(), zpl: '', state, attempts: 1, createdAt: at, updatedAt: at, odometerBefore: BEFORE, ...(state === 'unknown' ? { unknownSince: at } : {}), ...patch };
}

describe('decide', () => {
  it('a sent job is printed when the printer is idle and its odometer moved', () => {
    expect(decide(job('sent'), { host: IDLE, odometer: { total: 106, unit: '"' }, at: T0 }, undefined, SETTLE).outcome).toEqual({ kind: 'printed', proof: 'odometer' });
  });

  it('a sent job waits while its format is in the buffer or the printer has a fault', () => {
    expect(decide(job('sent'), { host: { ...IDLE, formatsInBuffer: 1 }, odometer: BEFORE, at: T0 }, undefined, SETTLE).outcome.kind).toBe('wait');
    expect(decide(job('sent'), { host: { ...IDLE, paperOut: true }, odometer: BEFORE, at: T0 }, undefined, SETTLE).outcome.kind).toBe('wait');
  });

  it('without an odometer a sent job that left the buffer is printed (status), an unknown one needs a person', () => {
    expect(decide(job('sent', { odometerBefore: undefined }), { host: IDLE, at: T0 }, undefined, SETTLE).outcome).toEqual({ kind: 'printed', proof: 'status' });
    expect(decide(job('unknown', { odometerBefore: undefined }), { host: IDLE, at: T0 + SETTLE }, undefined, SETTLE).outcome).toEqual({ kind: 'needs-person' });
    expect(decide(job('unknown'), { host: IDLE, odometer: { total: 300, unit: 'cm' }, at: T0 + SETTLE }, undefined, SETTLE).outcome).toEqual({ kind: 'needs-person' });
  });

  it('"did not print" needs the odometer unmoved in two observations a settle time apart', () => {
    const first = decide(job('sent'), { host: IDLE, odometer: BEFORE, at: T0 }, undefined, SETTLE);
    expect(first).toEqual({ outcome: { kind: 'wait' }, stillSince: T0 });
    expect(decide(job('sent'), { host: IDLE, odometer: BEFORE, at: T0 + SETTLE - 1 }, T0, SETTLE)).toEqual({ outcome: { kind: 'wait' }, stillSince: T0 });
    expect(decide(job('sent'), { host: IDLE, odometer: BEFORE, at: T0 + SETTLE }, T0, SETTLE).outcome).toEqual({ kind: 'not-printed' });
    // A fault in between starts the wait over.
    expect(decide(job('sent'), { host: { ...IDLE, paused: true }, odometer: BEFORE, at: T0 + 5 }, T0, SETTLE).stillSince).toBeUndefined();
  });

  it('an unknown job is judged only after the connection settled', () => {
    expect(decide(job('unknown'), { host: { ...IDLE, partialFormat: true }, odometer: BEFORE, at: T0 + SETTLE - 1 }, undefined, SETTLE).outcome.kind).toBe('wait');
    expect(decide(job('unknown'), { host: { ...IDLE, partialFormat: true }, odometer: BEFORE, at: T0 + SETTLE }, undefined, SETTLE).outcome.kind).toBe('cancel-partial');
    expect(decide(job('unknown'), { host: { ...IDLE, formatsInBuffer: 1, paperOut: true }, odometer: BEFORE, at: T0 + SETTLE }, undefined, SETTLE).outcome.kind).toBe('in-printer');
    expect(decide(job('unknown'), { host: IDLE, odometer: { total: 101, unit: '"' }, at: T0 + SETTLE }, undefined, SETTLE).outcome).toEqual({ kind: 'printed', proof: 'odometer' });
  });
});
