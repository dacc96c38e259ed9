import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, scanInput, step } from '../../../station/pack/index.js';
import { SessionStore, type LabelClaim } from '../../../station/store/session-store.js';
import { context } from '../pack/helpers.js';
import { scanEvent } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

/*
 * One suite over both backends, as aedes runs one persistence suite over every store: in memory
 * (tests, throwaway runs) a store keeps nothing across an open, in a file it gives back what was
 * saved. The file's own promises (torn slots, another station's file) are checked apart below.
 */
describe.each([
  { name: 'in memory', durable: false },
  { name: 'in a file', durable: true },
])('SessionStore $name', ({ durable }) => {
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

  function where(): string | undefined {
    if (!durable) return undefined;
    const dir = tempDir();
    dirs.push(dir);
    return join(dir.path, 'session.json');
  }

  it('opens on a fresh session for its station, takes a save, and gives back at the next open what it keeps', () => {
    const file = where();
    const first = SessionStore.open(file, 'ST-07');
    expect(first.saved).toEqual({ session: createSession('ST-07'), pending: [], label: null });
    let session = first.saved.session;
    for (const code of ['$PG:BADGE:P1', '$PG:ORDER:880001', '4006381333931']) session = step(session, scanInput(code, Date.now()), context()).state;
    const pending = [scanEvent('ST-07', 3)];
    first.store.save(session, pending, { taskId: 'T17', parcel: 2, requestedAt: 5, jobId: null });
    first.store.close();
    const again = SessionStore.open(file, 'ST-07');
    again.store.close();
    expect(again.saved).toEqual(durable ? { session, pending, label: { taskId: 'T17', parcel: 2, requestedAt: 5, jobId: null } } : { session: createSession('ST-07'), pending: [], label: null });
  });
});

describe('SessionStore in a file', () => {
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

  function path(): string {
    const dir = tempDir();
    dirs.push(dir);
    return join(dir.path, 'session.json');
  }

  it('starts a fresh session, and restores the saved one with its pending events and label claim', () => {
    const file = path();
    const first = SessionStore.open(file, 'ST-07');
    expect(first.saved.session).toEqual(createSession('ST-07'));
    let session = first.saved.session;
    for (const code of ['$PG:BADGE:P1', '$PG:ORDER:880001', '4006381333931']) session = step(session, scanInput(code, Date.now()), context()).state;
    const pending = [scanEvent('ST-07', 3)];
    first.store.save(session, pending, { taskId: 'T17', parcel: 2, requestedAt: 5, jobId: null });

    const again = SessionStore.open(file, 'ST-07').saved;
    expect(again.session).toEqual(session);
    expect(again.session.order?.counted).toEqual([1, 0]);
    expect(again.pending).toEqual(pending);
    expect(again.label).toEqual({ taskId: 'T17', parcel: 2, requestedAt: 5, jobId: null });
  });

  it('reads a label claim written before parcels as parcel 1', () => {
    const file = path();
    const first = SessionStore.open(file, 'ST-07');
    let session = first.saved.session;
    for (const code of ['$PG:BADGE:P1', '$PG:ORDER:880001']) session = step(session, scanInput(code, Date.now()), context()).state;
    first.store.save(session, [], { taskId: 'T17', requestedAt: 5, jobId: 'T17#1' } as unknown as LabelClaim);
    expect(SessionStore.open(file, 'ST-07').saved.label).toEqual({ taskId: 'T17', parcel: 1, requestedAt: 5, jobId: 'T17#1' });
  });

  it('keeps the newer slot whole when a write is torn', () => {
    const file = path();
    const { store } = SessionStore.open(file, 'ST-07');
    let session = createSession('ST-07');
    session = step(session, scanInput('$PG:BADGE:P1', Date.now()), context()).state;
    store.save(session, [], null);
    const later = step(session, scanInput('$PG:BADGE:P2', Date.now()), context()).state;
    store.save(later, [], null);
    store.close();
    // The slot holding P2 is cut short, as a crash mid-write would leave it: P1's slot stands.
    const newest = readFileSync(file + '.0').length > 0 && readFileSync(file + '.0', 'utf8').includes('"P2"') ? '.0' : '.1';
    writeFileSync(file + newest, readFileSync(file + newest).subarray(0, 60));
    expect(SessionStore.open(file, 'ST-07').saved.session.packer).toBe('P1');
  });

  it("does not trust another station's session or a torn document", () => {
    const file = path();
    SessionStore.open(file, 'ST-07').store.save(createSession('ST-07'), [], null);
    expect(SessionStore.open(file, 'ST-08').saved.session.station).toBe('ST-08');
    for (const slot of ['.0', '.1']) writeFileSync(file + slot, '3 40 0000\n{"v":1,"session":{"v":1,"station":"ST-07"');
    expect(SessionStore.open(file, 'ST-07').saved).toEqual({ session: createSession('ST-07'), pending: [], label: null });
  });
});
