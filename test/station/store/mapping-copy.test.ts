import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MappingDeltaPayload, MappingSnapshotPayload } from '../../../protocol/index.js';
import { COMPACT_AFTER_DELTAS, MappingCopy } from '../../../station/store/mapping-copy.js';
import { tempDir } from '../../helpers/temp-dir.js';

const at = new Date(0).toISOString();
const EAN = '4006381333931';
const snapshot = (version: number, barcodes: MappingSnapshotPayload['barcodes'], pending: string[] = []): MappingSnapshotPayload => ({ v: 1, version, at, pending, barcodes });
const delta = (from: number, version: number, change: Partial<Pick<MappingDeltaPayload, 'set' | 'removed' | 'pending'>> = {}): MappingDeltaPayload => ({
  v: 1, from, version, at, set: {}, removed: [], pending: [], ...change,
});
const plain = (copy: MappingCopy) => ({ version: copy.version, pending: copy.pending, barcodes: { ...copy.snapshot.barcodes } });

describe('MappingCopy', () => {
  const dirs: Array<{ path: string; remove: () => void }> = [];
  const copies: MappingCopy[] = [];
  afterEach(() => {
    copies.splice(0).forEach((copy) => copy.close());
    dirs.splice(0).forEach((dir) => dir.remove());
  });
  const open = (path?: string) => {
    const copy = MappingCopy.open(path);
    copies.push(copy);
    return copy;
  };
  const base = () => {
    const dir = tempDir();
    dirs.push(dir);
    return join(dir.path, 'hub-mapping.json');
  };

  it('applies a delta that continues the version held, keyed as the session looks codes up', () => {
    const copy = open(undefined);
    copy.replace(snapshot(4, { [EAN]: { masterSku: 'DRESS' }, SOCK1: { masterSku: 'SOCK' } }));
    expect(copy.applyDelta(delta(4, 5, { set: { CASE1: { masterSku: 'DRESS', multiplier: 6 }, [EAN]: { masterSku: 'DRESS-2' } }, removed: ['SOCK1'], pending: ['BT-001'] }))).toBe(true);
    expect(plain(copy)).toEqual({
      version: 5,
      pending: ['BT-001'],
      barcodes: { [`0${EAN}`]: { masterSku: 'DRESS-2' }, CASE1: { masterSku: 'DRESS', multiplier: 6 } },
    });
    expect(copy.snapshot.version).toBe(5);
  });

  it('ignores a delta from another version, changing nothing', () => {
    const copy = open(undefined);
    expect(copy.applyDelta(delta(0, 1, { set: { X: { masterSku: 'X' } } }))).toBe(false);
    expect(copy.version).toBeNull();
    copy.replace(snapshot(4, { A: { masterSku: 'A' } }, ['A']));
    const before = plain(copy);
    for (const from of [3, 5, 0]) expect(copy.applyDelta(delta(from, from + 1, { removed: ['A'], pending: [] }))).toBe(false);
    expect(plain(copy)).toEqual(before);
  });

  it('keeps __proto__ a barcode, never a prototype', () => {
    const copy = open(undefined);
    copy.replace(JSON.parse(`{"v":1,"version":1,"at":"${at}","barcodes":{"__proto__":{"masterSku":"ODD"}}}`) as MappingSnapshotPayload);
    expect(Object.hasOwn(copy.snapshot.barcodes, '__proto__')).toBe(true);
    copy.applyDelta(JSON.parse(`{"v":1,"from":1,"version":2,"at":"${at}","set":{"__proto__":{"masterSku":"ODDER"}},"removed":[],"pending":[]}`) as MappingDeltaPayload);
    expect(copy.snapshot.barcodes['__proto__']).toEqual({ masterSku: 'ODDER' });
    expect(Object.getPrototypeOf(copy.snapshot.barcodes)).toBeNull();
  });

  it('comes back after a restart with the base and every delta applied since', async () => {
    const path = base();
    const copy = open(path);
    copy.replace(snapshot(4, { A: { masterSku: 'A' } }));
    copy.applyDelta(delta(4, 5, { set: { B: { masterSku: 'B' } } }));
    copy.applyDelta(delta(5, 6, { removed: ['A'], pending: ['B'] }));
    await copy.flush();
    copy.close();

    const again = open(path);
    expect(plain(again)).toEqual({ version: 6, pending: ['B'], barcodes: { B: { masterSku: 'B' } } });
    expect(again.applyDelta(delta(6, 7, { set: { C: { masterSku: 'C' } } }))).toBe(true);
  });

  it('drops a delta torn by a crash whole', async () => {
    const path = base();
    const copy = open(path);
    copy.replace(snapshot(4, { A: { masterSku: 'A' } }));
    await copy.flush();
    copy.applyDelta(delta(4, 5, { set: { B: { masterSku: 'B' } } }));
    copy.close();
    const log = readdirSync(join(path, '..')).find((name) => name.endsWith('.deltas'))!;
    appendFileSync(join(path, '..', log), JSON.stringify(delta(5, 6, { set: { C: { masterSku: 'C' } } })).slice(0, 40));

    const again = open(path);
    expect(plain(again)).toEqual({ version: 5, pending: [], barcodes: { A: { masterSku: 'A' }, B: { masterSku: 'B' } } });
  });

  it('keeps the older base and its log when a new base was never written', async () => {
    const path = base();
    const copy = open(path);
    copy.replace(snapshot(4, { A: { masterSku: 'A' } }));
    await copy.flush();
    copy.applyDelta(delta(4, 5, { set: { B: { masterSku: 'B' } } }));
    const logs = () => readdirSync(join(path, '..')).filter((name) => name.endsWith('.deltas'));
    const [oldLog] = logs();
    const oldBase = readFileSync(path, 'utf8');
    copy.replace(snapshot(9, { Z: { masterSku: 'Z' } }));
    // The new base is written after this turn: what a crash now leaves on disk.
    const oldLogText = readFileSync(join(path, '..', oldLog!), 'utf8');
    copy.applyDelta(delta(9, 10, { set: { Y: { masterSku: 'Y' } } }));
    copy.close();
    await copy.flush();
    writeFileSync(path, oldBase);
    writeFileSync(join(path, '..', oldLog!), oldLogText);

    const again = open(path);
    expect(plain(again)).toEqual({ version: 5, pending: [], barcodes: { A: { masterSku: 'A' }, B: { masterSku: 'B' } } });
    expect(logs()).toEqual([oldLog]);
  });

  it(`rewrites the base after ${COMPACT_AFTER_DELTAS} deltas and keeps one log`, async () => {
    const path = base();
    const copy = open(path);
    copy.replace(snapshot(0, {}));
    for (let v = 0; v < COMPACT_AFTER_DELTAS + 3; v++) expect(copy.applyDelta(delta(v, v + 1, { set: { [`C${v}`]: { masterSku: 'M' } } }))).toBe(true);
    await copy.flush();
    copy.close();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: COMPACT_AFTER_DELTAS });
    expect(readdirSync(join(path, '..')).filter((name) => name.endsWith('.deltas'))).toHaveLength(1);
    const again = open(path);
    expect(again.version).toBe(COMPACT_AFTER_DELTAS + 3);
    expect(Object.keys(again.snapshot.barcodes)).toHaveLength(COMPACT_AFTER_DELTAS + 3);
  });
});
