import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../station/link/outbox.js';
import { scanEvent } from '../../helpers/events.js';

describe('Outbox', () => {
  it('keeps only journaled events the hub has not acknowledged', () => {
    const outbox = new Outbox([1, 2, 3, 4].map((seq) => scanEvent('S1', seq)), 2);
    expect(outbox.pending().map((e) => e.seq)).toEqual([3, 4]);
  });

  it('drops events only up to the acknowledged sequence', () => {
    const outbox = new Outbox([], 0);
    for (const seq of [1, 2, 3]) outbox.add(scanEvent('S1', seq));
    expect(outbox.ack(2)).toBe(true);
    expect(outbox.pending().map((e) => e.seq)).toEqual([3]);
    expect(outbox.ackedSeq).toBe(2);
  });

  it('ignores an ack that is not newer than the last one', () => {
    const outbox = new Outbox([scanEvent('S1', 1), scanEvent('S1', 2)], 0);
    outbox.ack(1);
    expect(outbox.ack(1)).toBe(false);
    expect(outbox.ack(0)).toBe(false);
    expect(outbox.size).toBe(1);
  });
});
