import { describe, expect, it } from 'vitest';
import { StationLedger, parseSequenceKey, sequenceKey } from '../../../hub/ingest/station-ledger.js';

describe('StationLedger', () => {
  it('reports a reset once, retires the incarnation left behind, and ignores a return to it', () => {
    const ledger = new StationLedger();
    expect(ledger.seeIncarnation('S1', 'a')).toBeUndefined();
    expect(ledger.seeIncarnation('S1', 'a')).toBeUndefined();
    expect(ledger.seeIncarnation('S1', 'b')).toEqual({ previous: 'a' });
    expect(ledger.isRetired('S1', 'a')).toBe(true);
    expect(ledger.seeIncarnation('S1', 'a')).toBeUndefined();
    expect(ledger.incarnationOf('S1')).toBe('b');
  });

  it('gives back from its snapshot what it held: sequences, highest seq, incarnations and the acked ones', () => {
    const ledger = new StationLedger();
    ledger.seeIncarnation('S1', undefined);
    ledger.seeIncarnation('S1', 'b');
    for (const seq of [1, 2, 5]) ledger.sequence('S1', 'b').add(seq);
    ledger.noteSeq('S1', 5);
    ledger.sequence('S2').add(1);
    ledger.noteAcked('S1', 'b');

    const restored = new StationLedger();
    const acked = restored.restore(ledger.snapshot());

    expect(acked).toEqual([{ station: 'S1', incarnation: 'b' }]);
    expect(restored.snapshot()).toEqual(ledger.snapshot());
    expect(restored.sequence('S1', 'b').contiguous).toBe(2);
    expect(restored.highestSeq('S1')).toBe(5);
    expect(restored.highestSeq('S2')).toBe(1);
    expect(restored.isRetired('S1', undefined)).toBe(true);
  });

  it('keeps in its snapshot the newest stored status, not a newer repeat', () => {
    const ledger = new StationLedger();
    const stored = { v: 1, station: 'S1', state: 'online', bdSeq: 1, at: '2026-12-06T00:00:00.000Z' } as const;
    const repeat = { ...stored, at: '2026-12-06T00:01:00.000Z' };
    ledger.noteStatus('S1', stored, true);
    ledger.noteStatus('S1', repeat, false);
    expect(ledger.statuses.get('S1')).toBe(repeat);
    expect(ledger.snapshot().statuses).toEqual([stored]);
  });

  it('keys a station without an incarnation by its id alone', () => {
    expect(sequenceKey('S1', undefined)).toBe('S1');
    expect(parseSequenceKey(sequenceKey('S1', 'b'))).toEqual({ station: 'S1', incarnation: 'b' });
    expect(parseSequenceKey('S1')).toEqual({ station: 'S1' });
  });
});
