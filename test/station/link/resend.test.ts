import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resendJournal } from '../../../station/link/resend.js';
import { scanEvent } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('resending the journal', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('publishes every event from the seq asked on, in order, and skips a torn last line', async () => {
    const path = join(dir.path, 'journal.jsonl');
    for (let seq = 1; seq <= 200; seq += 1) appendFileSync(path, JSON.stringify(scanEvent('S1', seq)) + '\n');
    appendFileSync(path, '{"v":1,"id":"torn');
    const published: number[] = [];
    const sent = await resendJournal(path, 51, async (event) => void published.push(event.seq));
    expect(sent).toBe(150);
    expect(published).toEqual(Array.from({ length: 150 }, (_, i) => i + 51));
  });

  it('stops at a publish that fails, with its error', async () => {
    const path = join(dir.path, 'journal.jsonl');
    for (let seq = 1; seq <= 100; seq += 1) appendFileSync(path, JSON.stringify(scanEvent('S1', seq)) + '\n');
    await expect(resendJournal(path, 1, async (event) => (event.seq === 10 ? Promise.reject(new Error('client disconnecting')) : undefined))).rejects.toThrow('client disconnecting');
  });
});
