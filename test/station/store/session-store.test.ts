import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, scanInput, step } from '../../../station/pack/index.js';
import { SessionStore, type LabelClaim } from '../../../station/store/session-store.js';
import { context } from '../pack/helpers.js';
import { scanEvent } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('SessionStore', () => {
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
