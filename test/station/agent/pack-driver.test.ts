import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../common/journal.js';
import type { StationEvent } from '../../../protocol/index.js';
import { PackDriver, type Applied } from '../../../station/agent/pack-driver.js';
import { Recorder, unjournaled } from '../../../station/agent/recorder.js';
import { Outbox } from '../../../station/link/outbox.js';
import { HubCopy } from '../../../station/store/hub-copy.js';
import { SessionStore } from '../../../station/store/session-store.js';
import { TASK } from '../pack/helpers.js';
import { tempDir } from '../../helpers/temp-dir.js';

const at = new Date(0).toISOString();

describe('PackDriver', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((cleanup) => cleanup()));

  async function driver(options: { lastHeardAt?: number | null; path?: string } = {}) {
    let dir = options.path;
    if (dir === undefined) {
      const made = tempDir();
      cleanups.push(made.remove);
      dir = made.path;
    }
    const { journal, records } = Journal.open<StationEvent>(join(dir, 'journal.jsonl'));
    const { store, saved } = SessionStore.open(join(dir, 'session.json'), 'ST-07');
    cleanups.push(() => (store.close(), journal.close()));
    const copy = await HubCopy.open(undefined);
    copy.replaceStops({ v: 1, version: 1, at, entries: [] });
    copy.replaceFreezes({ v: 1, version: 1, at, entries: [] });
    copy.addTask(TASK);
    const outbox = new Outbox(records, 0);
    const sent: StationEvent[] = [];
    const recorder = new Recorder('ST-07', journal, outbox, (event) => sent.push(event), records.at(-1)?.seq ?? 0);
    const pack = new PackDriver({
      station: 'ST-07', session: saved.session, label: saved.label, store, copy, recorder,
      lastHeardAt: (now) => (options.lastHeardAt === undefined ? now : options.lastHeardAt),
    });
    const applied: Applied[] = [];
    pack.onApplied((step) => applied.push(step));
    const scan = (text: string) => pack.scan({ bytes: Buffer.from(text), receivedAt: Date.now(), source: 'test' });
    return { dir, pack, scan, sent, applied, outbox, saved, copy, recorder };
  }

  it("blocks a unit of a SKU on the mapping snapshot's pending list with mapping_pending, and follows the list as deltas change it", async () => {
    const { scan, pack, copy } = await driver();
    copy.replaceMapping({ v: 1, version: 3, at, pending: ['DRESS-2026-RED-M'], barcodes: {} });
    scan('$PG:BADGE:W1');
    scan('$PG:ORDER:880001');
    scan('4006381333931');
    expect(pack.session.block?.reason).toBe('mapping_pending');
    expect(pack.context().pendingSkus).toEqual(['DRESS-2026-RED-M']);
    expect(copy.applyMappingDelta({ v: 1, from: 3, version: 4, at, set: {}, removed: [], pending: [] })).toBe(true);
    expect(pack.context().pendingSkus).toEqual([]);
  });

  it('numbers the events of one input together and sends them in order', async () => {
    const { scan, sent, pack, recorder } = await driver();
    scan('$PG:BADGE:W1');
    scan('$PG:ORDER:880001');
    scan('8712345678906');
    expect(pack.session.block?.reason).toBe('unknown_barcode');
    expect(sent).toEqual([]); // not before the journal is synced
    await recorder.published();
    expect(sent.map((e) => [e.seq, e.body.type, e.input])).toEqual([
      [1, 'pack.packer_signed_in', undefined],
      [2, 'pack.order_loaded', undefined],
      [3, 'pack.verdict', { first: 3, count: 2 }],
      [4, 'pack.blocked', { first: 3, count: 2 }],
    ]);
  });

  it('restarts with the same session, counts and events after a crash between the session write and the journal', async () => {
    const first = await driver();
    first.scan('$PG:BADGE:W1');
    first.scan('$PG:ORDER:880001');
    first.scan('4006381333931');
    // As if killed right after the write-ahead: the journal lacks the last step's events.
    const { saved } = SessionStore.open(join(first.dir, 'session.json'), 'ST-07');
    expect(saved.session.order?.counted).toEqual([1, 0]);
    expect(saved.pending.map((e) => e.seq)).toEqual([3]);
    expect(unjournaled(saved.pending, 2).map((e) => e.body.type)).toEqual(['pack.verdict']);
    expect(unjournaled(saved.pending, 3)).toEqual([]);
  });

  it('applies an input a listener sends after the current one, and makes an event of every scan', async () => {
    const { pack, scan, applied } = await driver({ lastHeardAt: null });
    pack.onApplied((step) => {
      if (step.events.some((e) => e.body.type === 'pack.order_verified')) pack.input({ type: 'label_requested' });
    });
    scan('$PG:BADGE:W1');
    scan('$PG:ORDER:880001');
    for (const code of Array.from({ length: 7 }, () => '4006381333931')) scan(code);
    scan(']C10109506000134352' + '21A1');
    scan(']C10109506000134352' + '21A2');
    expect(applied.at(-1)?.input.type).toBe('label_requested');
    // Never heard from the hub: the gate refuses, and says so.
    expect(applied.at(-1)?.events.map((e) => e.body)).toEqual([expect.objectContaining({ type: 'pack.label_refused', reason: 'hub_silent' })]);
    expect(applied.filter((step) => step.input.type === 'scan').every((step) => step.events.length > 0)).toBe(true);
  });
});
