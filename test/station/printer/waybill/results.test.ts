import { describe, expect, it } from 'vitest';
import { matchResult, statusOfDocument } from '../../../../station/printer/waybill/results.js';
import type { WaybillJobRecord } from '../../../../station/printer/waybill/types.js';

const job = (id: string, state: WaybillJobRecord['state'], attempt = 1) =>
  ({ id, state, programTaskId: `${id}.${attempt}`, documentId: `doc-${id}` }) as WaybillJobRecord;
const result = (taskId: string, documentId: string) =>
  ({ kind: 'print-result', taskId, documents: [{ documentId, status: 'printed' }] }) as const;

describe('matchResult', () => {
  const jobs = [job('J1', 'sent', 2), job('J2', 'printed')];

  it("finds the job of its latest attempt and that job's document", () => {
    const match = matchResult(jobs, result('J1.2', 'doc-J1'));
    expect(match).toMatchObject({ kind: 'job', job: { id: 'J1' }, doc: { documentId: 'doc-J1', status: 'printed' } });
  });

  it("tells an earlier attempt of a job from a task that is not the queue's", () => {
    expect(matchResult(jobs, result('J1.1', 'doc-J1')).kind).toBe('stale');
    expect(matchResult(jobs, result('X9.1', 'doc-X9')).kind).toBe('not-ours');
  });

  it('passes over a job already settled, and names a document the job does not have', () => {
    expect(matchResult(jobs, result('J2.1', 'doc-J2')).kind).toBe('settled');
    expect(matchResult(jobs, result('J1.2', 'doc-other')).kind).toBe('unknown-document');
  });
});

describe('statusOfDocument', () => {
  it("reads the job's document from a getTaskStatus answer, and nothing from another reply", () => {
    const reply = { kind: 'task-status', requestId: 'r1', tasks: [{ taskId: 'J1.2', documents: [{ documentId: 'doc-J1', status: 'failed' }] }] } as const;
    expect(statusOfDocument(reply, job('J1', 'unknown', 2))).toEqual({ documentId: 'doc-J1', status: 'failed' });
    expect(statusOfDocument(reply, job('J1', 'unknown', 3))).toBeUndefined();
    expect(statusOfDocument(undefined, job('J1', 'unknown', 2))).toBeUndefined();
  });
});
