import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStationState } from '../../../station/store/state.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('openStationState: the data folder incarnation', () => {
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
  const folder = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir.path;
  };

  it('makes one for a new folder and keeps it across opens', async () => {
    const path = join(folder(), 'state.json');
    const first = await openStationState(path);
    expect(first.data.incarnation).toMatch(/^[0-9a-f-]{36}$/);
    await first.write();
    expect((await openStationState(path)).data.incarnation).toBe(first.data.incarnation);
    expect((await openStationState(join(folder(), 'state.json'))).data.incarnation).not.toBe(first.data.incarnation);
  });

  it('makes none for a folder an older agent made (its events stay keyed by the station alone)', async () => {
    const path = join(folder(), 'state.json');
    writeFileSync(path, JSON.stringify({ ackedSeq: 7, bdSeq: 3 }));
    expect((await openStationState(path)).data).toEqual({ ackedSeq: 7, bdSeq: 3 });
  });

  it('makes none when the state is lost beside a journal: the agent takes the journal’s', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'journal.jsonl'), '{"seq":1}\n');
    expect((await openStationState(join(dir, 'state.json'))).data.incarnation).toBeUndefined();
  });
});
