import { describe, expect, it } from 'vitest';
import { JobBook, REMEMBERED_TASKS } from '../../../station/printer/queue-state.js';
import type { PrintQueueState } from '../../../station/printer/types.js';
import { sampleLabel } from './fixtures.js';

const NOW = new Date('2026-11-22T08:00:00.000Z');
const make = (id: string) => ({ label: sampleLabel(), zpl: `^XA^FX${id}^FS^XZ` });

describe('JobBook', () => {
  it('numbers jobs per task and never reuses a number, even after pruning', () => {
    const book = new JobBook();
    expect(book.add('TB1', make, NOW).id).toBe('TB1#1');
    expect(book.add('TB1', make, NOW).id).toBe('TB1#2');
    expect(book.add('TB2', make, NOW).id).toBe('TB2#1');
    for (const id of ['TB1#1', 'TB1#2', 'TB2#1']) {
      book.update(id, 'sending', NOW);
      book.update(id, 'printed', NOW);
    }
    book.prune(0);
    expect(book.jobs()).toEqual([]);
    expect(book.add('TB1', make, NOW).id).toBe('TB1#3');
  });

  it('remembers the newest tasks only, and numbers a forgotten task above every number it had', () => {
    const book = new JobBook();
    const printed = (taskId: string) => {
      const { id } = book.add(taskId, make, NOW);
      book.update(id, 'sending', NOW);
      book.update(id, 'printed', NOW);
      book.prune(10);
      return id;
    };
    expect([printed('OLD'), printed('OLD'), printed('OLD')]).toEqual(['OLD#1', 'OLD#2', 'OLD#3']);
    for (let i = 0; i < REMEMBERED_TASKS; i += 1) printed(`T${i}`);
    const state = book.state();
    expect(Object.keys(state.lastSeq)).toHaveLength(REMEMBERED_TASKS);
    expect(state.lastSeq).not.toHaveProperty('OLD');
    expect(state.floor).toBe(3);
    expect(printed('OLD')).toBe('OLD#4');
    const restored = new JobBook(JSON.parse(JSON.stringify(book.state())) as PrintQueueState, NOW);
    expect(restored.add('T0', make, NOW).id).toBe('T0#4');
    expect(restored.add(`T${REMEMBERED_TASKS - 1}`, make, NOW).id).toBe(`T${REMEMBERED_TASKS - 1}#2`);
  });

  it('refuses a task id that could not be a job id', () => {
    for (const bad of ['', 'TB 1', 'TB#1', 'x'.repeat(65), '订单1', 'a^XZ']) {
      expect(() => new JobBook().add(bad, make, NOW)).toThrow(expect.objectContaining({ code: 'BAD_TASK_ID' }));
    }
  });

  it('allows only the transitions of the job life cycle', () => {
    const book = new JobBook();
    const id = book.add('TB1', make, NOW).id;
    expect(() => book.update(id, 'printed', NOW)).toThrow(expect.objectContaining({ code: 'JOB_STATE' }));
    book.update(id, 'sending', NOW);
    book.update(id, 'unknown', NOW);
    expect(() => book.update(id, 'sending', NOW)).toThrow(expect.objectContaining({ code: 'JOB_STATE' }));
    book.update(id, 'queued', NOW);
    book.update(id, 'cancelled', NOW);
    expect(() => book.update(id, 'queued', NOW)).toThrow(expect.objectContaining({ code: 'JOB_STATE' }));
    expect(() => book.get('TB9#1')).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
  });

  it('round-trips through JSON, and a job caught sending comes back unknown, not queued', () => {
    const book = new JobBook();
    book.add('TB1', make, NOW);
    book.add('TB2', make, NOW);
    book.update('TB2#1', 'sending', NOW, { attempts: 1, odometerBefore: { total: 100, unit: '"' } });
    const saved = JSON.parse(JSON.stringify(book.state())) as PrintQueueState;
    expect(saved).toMatchObject({ version: 1, lastSeq: { TB1: 1, TB2: 1 } });

    const later = new Date('2026-11-22T09:00:00.000Z');
    const restored = new JobBook(saved, later);
    expect(restored.get('TB1#1').state).toBe('queued');
    expect(restored.get('TB2#1')).toMatchObject({ state: 'unknown', attempts: 1, odometerBefore: { total: 100, unit: '"' }, unknownSince: later.toISOString() });
    expect(restored.add('TB2', make, later).id).toBe('TB2#2');
  });
});
