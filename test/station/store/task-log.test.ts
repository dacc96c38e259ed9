import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackTask } from '../../../station/pack/index.js';
import { HubCopy } from '../../../station/store/hub-copy.js';
import { MAX_HELD_TASKS, TaskLog } from '../../../station/store/task-log.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { TASK } from '../pack/helpers.js';

const task = (i: number): PackTask => ({ ...TASK, taskId: `T${i}`, orderNo: `N${i}`, tote: undefined });
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;

describe('TaskLog', () => {
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
  const path = () => {
    const dir = tempDir();
    dirs.push(dir);
    return join(dir.path, 'hub-tasks.jsonl');
  };

  it('appends one line per task and holds the same tasks after a restart', () => {
    const file = path();
    const log = TaskLog.open(file);
    log.add(task(1));
    const size = statSync(file).size;
    log.add(task(2));
    log.add({ ...task(1), waybill: 'SF-NEW' });
    expect(statSync(file).size).toBeLessThan(size * 3 + 10);
    expect(lines(file)).toBe(3);
    log.close();
    const again = TaskLog.open(file);
    expect(again.version).toBe(3);
    expect(again.list.map((held) => [held.taskId, held.waybill])).toEqual([['T2', TASK.waybill], ['T1', 'SF-NEW']]);
    again.close();
  });

  it('drops a task\'s platform print data from memory and from the file, keeping the task and the others', () => {
    const file = path();
    const log = TaskLog.open(file);
    const print = { platform: 'cainiao' as const, contents: [{ encryptedData: 'SECRET-PAYLOAD', signature: 'S', templateURL: 'https://t' }] };
    log.add({ ...task(1), parcels: [{ waybill: 'YT1', print }, { waybill: 'YT1-2', print }] });
    log.add({ ...task(2), parcels: [{ waybill: 'YT2', print }] });
    expect(log.dropPrintData('T1')).toBe(true);
    expect(log.dropPrintData('T1')).toBe(false);
    expect(log.dropPrintData('T9')).toBe(false);
    expect(log.list.find((held) => held.taskId === 'T1')?.parcels).toEqual([{ waybill: 'YT1' }, { waybill: 'YT1-2' }]);
    log.close();
    const text = readFileSync(file, 'utf8');
    expect(text.split('SECRET-PAYLOAD')).toHaveLength(2);
    const again = TaskLog.open(file);
    expect(again.list.map((held) => [held.taskId, held.parcels?.map((parcel) => parcel.print?.platform ?? null)])).toEqual([
      ['T1', [null, null]],
      ['T2', ['cainiao']],
    ]);
    again.close();
  });

  it('rewrites itself to the tasks held once it has twice as many lines, keeping the version', () => {
    const file = path();
    const log = TaskLog.open(file);
    for (let i = 0; i < 2 * MAX_HELD_TASKS - 1; i += 1) log.add(task(i));
    expect(lines(file)).toBe(2 * MAX_HELD_TASKS - 1);
    log.add(task(2 * MAX_HELD_TASKS - 1));
    expect(lines(file)).toBe(MAX_HELD_TASKS);
    log.add(task(2 * MAX_HELD_TASKS));
    expect(lines(file)).toBe(MAX_HELD_TASKS + 1);
    log.close();
    const again = TaskLog.open(file);
    expect(again.version).toBe(2 * MAX_HELD_TASKS + 1);
    expect(again.list).toHaveLength(MAX_HELD_TASKS);
    expect(again.list[0]?.taskId).toBe(`T${MAX_HELD_TASKS + 1}`);
    expect(again.list.at(-1)?.taskId).toBe(`T${2 * MAX_HELD_TASKS}`);
    again.close();
  });

  it('drops a line torn by a crash and a line that is not a task', () => {
    const file = path();
    const log = TaskLog.open(file);
    log.add(task(1));
    log.close();
    appendFileSync(file, `${JSON.stringify({ version: 2, task: { taskId: 'broken' } })}\n{"version":3,"task":{"taskId":"T3"`);
    const again = TaskLog.open(file);
    expect(again.list.map((held) => held.taskId)).toEqual(['T1']);
    expect(again.version).toBe(1);
    again.add(task(4));
    again.close();
    expect(TaskLog.open(file).list.map((held) => held.taskId)).toEqual(['T1', 'T4']);
  });

  it('takes over the tasks an older hub copy held in its document', async () => {
    const file = path();
    const doc = join(file, '..', 'hub-copy.json');
    writeFileSync(doc, JSON.stringify({ v: 1, stops: null, freezes: null, tasks: { version: 7, list: [task(1), task(2)] }, provisional: [], policy: {} }));
    const copy = await HubCopy.open(doc);
    expect(copy.tasks['task:T2']?.orderNo).toBe('N2');
    expect(copy.versions().tasks).toBe(2);
    copy.replaceFreezes({ v: 1, version: 1, at: new Date(0).toISOString(), entries: [] });
    await copy.close();
    expect(JSON.parse(readFileSync(doc, 'utf8'))).not.toHaveProperty('tasks');
    const again = await HubCopy.open(doc);
    expect([again.tasks['task:T1']?.orderNo, again.tasks['task:T2']?.orderNo]).toEqual(['N1', 'N2']);
    expect(again.versions().tasks).toBe(2);
    await again.close();
  });
});
