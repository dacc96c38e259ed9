import { afterEach, describe, expect, it } from 'vitest';
import { HistoryRecovery, type Hole } from '../../../hub/ingest/recovery.js';
import { StationSequence } from '../../../hub/ingest/sequence.js';
import { stationStatus } from '../../helpers/events.js';

/** Recovery over in-memory sequences, with what it asked and said. */
function harness() {
  const sequences = new Map<string, StationSequence>();
  const sequence = (station: string, incarnation?: string) => {
    const key = `${station} ${incarnation ?? ''}`;
    if (!sequences.has(key)) sequences.set(key, new StationSequence());
    return sequences.get(key)!;
  };
  const asked: Array<{ station: string; incarnation?: string; from: number }> = [];
  const lost: Array<Hole & { reason: string }> = [];
  const acked: string[] = [];
  const recovery = new HistoryRecovery({
    sequence,
    requestResend: (station, incarnation, from) => asked.push({ station, ...(incarnation === undefined ? {} : { incarnation }), from }),
    onLost: (hole, reason) => lost.push({ ...hole, reason }),
    acknowledge: (station) => acked.push(station),
  });
  return { recovery, sequence, asked, lost, acked };
}

const online = (station: string, fields: { ackedSeq?: number; journalFrom?: number; incarnation?: string; bdSeq?: number } = {}) => ({
  ...stationStatus(station, 'online', fields.bdSeq ?? 2),
  ...fields,
});

describe('history recovery', () => {
  const open: HistoryRecovery[] = [];
  afterEach(() => open.splice(0).forEach((recovery) => recovery.close()));

  it('opens a hole where the ledger acked more than the history holds, asks the station once it is online, and closes it when filled', () => {
    const { recovery, sequence, asked } = harness();
    open.push(recovery);
    for (let seq = 1; seq <= 4; seq += 1) sequence('S1').add(seq);
    recovery.detect([{ station: 'S1', upTo: 10 }, { station: 'S2', upTo: 0 }], 'ack ledger');
    expect(recovery.view()).toMatchObject({ recovering: true, holes: [{ station: 'S1', from: 5, to: 10, missing: [{ from: 5, to: 10 }], missingEvents: 6 }] });
    expect(asked).toEqual([]);
    expect([recovery.filling('S1'), recovery.filling('S2')]).toEqual([true, false]);

    recovery.onStatus(online('S1', { journalFrom: 1 }));
    recovery.onStatus(online('S1', { journalFrom: 1 }));
    expect(asked).toEqual([{ station: 'S1', from: 5 }]);
    sequence('S1').add(7);
    expect(recovery.view().holes[0]!.missing).toEqual([{ from: 5, to: 6 }, { from: 8, to: 10 }]);
    for (const seq of [5, 6, 8, 9, 10]) {
      sequence('S1').add(seq);
      recovery.stored('S1', undefined);
    }
    expect(recovery.view()).toEqual({ recovering: false, holes: [], lostEvents: 0 });
    expect(recovery.filling('S1')).toBe(false);
  });

  it('finds a hole from the ack cursor a station reports at its birth (a ledger restored with the history)', () => {
    const { recovery, sequence, asked } = harness();
    open.push(recovery);
    sequence('S1', 'inc').add(1);
    recovery.onStatus(online('S1', { incarnation: 'inc', ackedSeq: 6, journalFrom: 1 }));
    expect(recovery.view().holes).toMatchObject([{ station: 'S1', incarnation: 'inc', from: 2, to: 6 }]);
    expect(asked).toEqual([{ station: 'S1', incarnation: 'inc', from: 2 }]);
  });

  it('says what a trimmed journal cannot resend is lost, settles it, and asks for the rest', () => {
    const { recovery, sequence, asked, lost, acked } = harness();
    open.push(recovery);
    recovery.detect([{ station: 'S1', upTo: 10 }], 'ack ledger');
    recovery.onStatus(online('S1', { journalFrom: 4 }));
    expect(lost).toEqual([{ station: 'S1', from: 1, to: 3, reason: expect.stringContaining('journal starts at 4') }]);
    expect(acked).toEqual(['S1']);
    expect(sequence('S1').contiguous).toBe(3);
    expect(asked).toEqual([{ station: 'S1', from: 4 }]);
    expect(recovery.view()).toMatchObject({ recovering: true, lostEvents: 3, holes: [{ missing: [{ from: 4, to: 10 }] }] });
  });

  it('says a hole of a data folder the station replaced is lost', () => {
    const { recovery, lost } = harness();
    open.push(recovery);
    recovery.detect([{ station: 'S1', incarnation: 'old', upTo: 2 }], 'ack ledger');
    recovery.onStatus(online('S1', { incarnation: 'new', journalFrom: 1 }));
    expect(lost).toEqual([{ station: 'S1', incarnation: 'old', from: 1, to: 2, reason: 'the station has a new data folder' }]);
    expect(recovery.view().recovering).toBe(false);
  });
});
