import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../common/journal.js';
import type { StationEvent } from '../../../protocol/index.js';
import { Recorder, unjournaled } from '../../../station/agent/recorder.js';
import { Outbox } from '../../../station/link/outbox.js';
import { seeded, turns } from '../../helpers/seeded.js';
import { SimulatedDisk, type PowerCutMode } from '../../helpers/sim-disk.js';
import { tempDir } from '../../helpers/temp-dir.js';

const scan = (data: string) => ({ type: 'scan' as const, data, raw: Buffer.from(data).toString('base64'), source: 'test' });

/**
 * The real recorder, journal and outbox over a simulated disk: inputs of one to three events,
 * a few event-loop turns between some of them (journal syncs complete, events are published),
 * then the power goes at a random moment and the journal is opened again from what the disk kept.
 */
async function run(seed: number, mode: PowerCutMode, dir: string) {
  const random = seeded(seed);
  const disk = new SimulatedDisk();
  const path = join(dir, `journal-${seed}-${mode}.jsonl`);
  const { journal } = Journal.open<StationEvent>(path, { files: disk });
  const published: StationEvent[] = [];
  let powered = true;
  const outbox = new Outbox([], 0);
  const recorder = new Recorder('S1', journal, outbox, (event) => powered && published.push(event), 0);
  const inputs = 5 + Math.floor(random() * 60);
  for (let input = 0; input < inputs; input += 1) {
    const count = 1 + Math.floor(random() * 3);
    recorder.commit(recorder.build(Array.from({ length: count }, (_, i) => scan(`${input}-${i}`)), Date.now()));
    await turns(Math.floor(random() * 3));
  }
  disk.powerCut(mode, random);
  powered = false;
  journal.close();
  const reopened = Journal.open<StationEvent>(path, { files: disk });
  reopened.journal.close();
  return { published, journaled: reopened.records, made: recorder.lastSeq, outbox };
}

describe('station journal across a power cut (simulated disk that drops unsynced writes)', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());

  it.each<PowerCutMode>(['drop', 'tear'])('keeps every event it published, and published none it could lose (%s)', async (mode) => {
    dir = tempDir();
    let lost = 0;
    let publishedTotal = 0;
    for (let seed = 1; seed <= 40; seed += 1) {
      const { published, journaled, made, outbox } = await run(seed, mode, dir.path);
      // What survived is a gap-free prefix, and every published event is in it, unchanged.
      expect(journaled.map((event) => event.seq)).toEqual(Array.from({ length: journaled.length }, (_, i) => i + 1));
      expect(journaled.slice(0, published.length), `seed ${seed}`).toEqual(published);
      // The outbox held only published events: nothing waits there that the journal could lose.
      expect(outbox.pending()).toEqual(published);
      lost += made - journaled.length;
      publishedTotal += published.length;
    }
    expect(lost).toBeGreaterThan(0);
    expect(publishedTotal).toBeGreaterThan(0);
  });

  it('after a power cut, does not recover events written ahead with the session when the journal lost the steps before them', () => {
    const event = (seq: number): StationEvent => ({ v: 1, id: `e${seq}`, station: 'S1', seq, at: new Date(0).toISOString(), body: scan(String(seq)) });
    // The journal kept 1..10; the session document holds the last step's events, 14 and 15 (11 to 13 were lost with the journal's tail).
    expect(unjournaled([event(14), event(15)], 10)).toEqual([]);
    // A crash between the session write and the journal's append (no power cut): recovered.
    expect(unjournaled([event(11), event(12)], 10)).toEqual([event(11), event(12)]);
  });
});
