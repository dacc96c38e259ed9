import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACK_LEDGER_FILE, AckLedger } from '../../../hub/store/ack-ledger.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('the ack ledger', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());
  const path = () => join(dir.path, ACK_LEDGER_FILE);

  it('keeps its epoch and how far each station incarnation was acked across a reopen, and never lowers it', () => {
    const ledger = AckLedger.open(path());
    ledger.note('S1', undefined, 5);
    ledger.note('S1', 'inc-a', 7);
    ledger.note('S1', 'inc-a', 3);
    ledger.close();
    const again = AckLedger.open(path());
    expect(again.epoch).toBe(ledger.epoch);
    expect(again.ackedUpTo('S1')).toBe(5);
    expect(again.ackedUpTo('S1', 'inc-a')).toBe(7);
    expect(again.ackedUpTo('S2')).toBe(0);
    again.close();
  });

  it('writes by itself within its flush interval, not at every ack', async () => {
    const ledger = AckLedger.open(path(), { flushMs: 20 });
    ledger.note('S1', undefined, 9);
    expect(JSON.parse(readFileSync(path(), 'utf8')).acked).toEqual([]);
    await expect.poll(() => JSON.parse(readFileSync(path(), 'utf8')).acked).toEqual([{ station: 'S1', upTo: 9 }]);
    ledger.close();
  });

  it('starts a new epoch over an unreadable ledger', () => {
    writeFileSync(path(), '{"v":1,"epo');
    const ledger = AckLedger.open(path());
    expect(ledger.epoch).toEqual(expect.any(String));
    expect(ledger.entries()).toEqual([]);
    expect(JSON.parse(readFileSync(path(), 'utf8')).epoch).toBe(ledger.epoch);
    ledger.close();
  });
});
