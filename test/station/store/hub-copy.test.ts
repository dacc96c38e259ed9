import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HoldCommand, StopListPayload } from '../../../protocol/index.js';
import { HubCopy } from '../../../station/store/hub-copy.js';
import { TASK } from '../pack/helpers.js';
import { tempDir } from '../../helpers/temp-dir.js';

const at = new Date(0).toISOString();
const stops = (version: number, taskIds: string[]): StopListPayload => ({
  v: 1,
  version,
  at,
  entries: taskIds.map((taskId) => ({ taskId, orderId: `taobao:${taskId}`, reason: 'cancel', since: at })),
});
const hold = (type: HoldCommand['type'], taskId: string, stopListVersion: number): HoldCommand => ({
  v: 1, id: 'c1', at, type, taskId, orderId: `taobao:${taskId}`, reason: 'refund', stopListVersion,
});

/*
 * One suite over both backends, as aedes runs one persistence suite over every store: a HubCopy
 * in memory (tests, throwaway runs) and one in a file must answer alike. The file's own promise,
 * surviving a restart, is checked apart below.
 */
const BACKENDS = [
  { name: 'in memory', file: false },
  { name: 'in a file', file: true },
] as const;

describe.each(BACKENDS)('HubCopy $name', ({ file }) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A fresh copy on this backend, closed (and its folder removed) after the test. */
  async function open(): Promise<HubCopy> {
    let path: string | undefined;
    if (file) {
      const dir = tempDir();
      cleanups.push(dir.remove);
      path = join(dir.path, 'hub-copy.json');
    }
    const copy = await HubCopy.open(path);
    cleanups.push(() => copy.close());
    return copy;
  }

  it('holds nothing at first, so the gate has no lists', async () => {
    const copy = await open();
    expect(copy.stopList).toBeNull();
    expect(copy.freezeList).toBeNull();
    expect(copy.versions()).toEqual({ stops: null, freezes: null, mapping: null, tasks: 0 });
    expect(copy.policy.hubSilenceMs).toBe(300_000);
    expect(copy.weightTolerance).toEqual({ grams: 20, percent: 3 });
  });

  it('holds a commanded stop at once, until a list at least as new replaces it', async () => {
    const copy = await open();
    copy.replaceStops(stops(2, []));
    copy.applyHold(hold('task-stopped', 'T9', 3));
    expect(copy.stopList?.entries).toEqual([{ taskId: 'T9', orderId: 'taobao:T9', reason: 'refund' }]);
    copy.replaceStops(stops(2, []));
    expect(copy.stopList?.entries).toHaveLength(1);
    copy.replaceStops(stops(3, ['T9']));
    expect(copy.stopList?.entries.map((e) => e.taskId)).toEqual(['T9']);
    copy.replaceStops(stops(4, []));
    expect(copy.stopList?.entries).toEqual([]);
  });

  it('ignores a hold older than its list, and a release drops only the provisional hold', async () => {
    const copy = await open();
    copy.replaceStops(stops(5, ['T1']));
    copy.applyHold(hold('task-stopped', 'T2', 5));
    expect(copy.stopList?.entries.map((e) => e.taskId)).toEqual(['T1']);
    copy.applyHold(hold('task-stopped', 'T3', 6));
    copy.applyHold(hold('task-released', 'T3', 7));
    copy.applyHold(hold('task-released', 'T1', 7));
    expect(copy.stopList?.entries.map((e) => e.taskId)).toEqual(['T1']);
  });

  it('refuses a task it cannot use and keeps only the newest tasks', async () => {
    const copy = await open();
    expect(copy.addTask({ ...TASK, lines: [] })).toBe(false);
    for (let i = 0; i < 510; i += 1) copy.addTask({ ...TASK, taskId: `T${i}`, orderNo: `N${i}`, tote: undefined });
    expect(copy.tasks['task:T0']).toBeUndefined();
    expect(copy.tasks['task:T509']?.orderNo).toBe('N509');
  });
});

describe('HubCopy in a file, across a restart', () => {
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

  it('replaces each list whole and keeps it across a restart', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = join(dir.path, 'hub-copy.json');
    const copy = await HubCopy.open(path, { hubSilenceMs: 2000 });
    copy.replaceStops(stops(3, ['T1', 'T2']));
    copy.replaceStops(stops(4, ['T2']));
    copy.replaceFreezes({ v: 1, version: 1, at, entries: [{ sku: 'DRESS', quantity: 2, exhausted: false }] });
    copy.replaceMapping({ v: 1, version: 6, at, barcodes: { '4006381333931': { masterSku: 'DRESS' } } });
    expect(copy.applyMappingDelta({ v: 1, from: 6, version: 7, at, set: {}, removed: [], pending: ['DRESS'] })).toBe(true);
    expect(copy.applyMappingDelta({ v: 1, from: 6, version: 8, at, set: {}, removed: ['4006381333931'], pending: [] })).toBe(false);
    expect(copy.addTask(TASK)).toBe(true);
    copy.replaceSitePolicy({ v: 1, at, weightTolerance: { grams: 5, percent: 0.5 } });
    await copy.close();

    const again = await HubCopy.open(path);
    expect(again.stopList).toEqual({ version: 4, entries: [expect.objectContaining({ taskId: 'T2' })] });
    expect(again.freezeList?.entries).toEqual([{ sku: 'DRESS', quantity: 2, exhausted: false }]);
    // GTINs are held as GTIN-14, as the session looks them up.
    expect(again.mapping.barcodes).toEqual({ '04006381333931': { masterSku: 'DRESS' } });
    expect(again.tasks['order:880001']?.taskId).toBe('T17');
    expect(again.pendingSkus).toEqual(['DRESS']);
    expect(again.versions()).toEqual({ stops: 4, freezes: 1, mapping: 7, tasks: 1 });
    expect(again.policy.hubSilenceMs).toBe(2000);
    expect(again.weightTolerance).toEqual({ grams: 5, percent: 0.5 });
    await again.close();
  });
});
