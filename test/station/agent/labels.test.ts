import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../common/journal.js';
import type { StationEvent } from '../../../protocol/index.js';
import { LabelDriver } from '../../../station/agent/labels.js';
import { PackDriver } from '../../../station/agent/pack-driver.js';
import { Recorder } from '../../../station/agent/recorder.js';
import { Outbox } from '../../../station/link/outbox.js';
import { SimulatedPrinterTransport } from '../../../firmware-sim/printer/transport.js';
import { HubCopy } from '../../../station/store/hub-copy.js';
import { PrintStore } from '../../../station/store/print-store.js';
import { SessionStore } from '../../../station/store/session-store.js';
import { FAST_PRINTING } from '../../helpers/station.js';
import { tempDir } from '../../helpers/temp-dir.js';
import type { PackSession } from '../../../station/pack/index.js';
import type { PrintQueueState } from '../../../station/printer/types.js';
import type { LabelClaim } from '../../../station/store/session-store.js';
import { CODES, SOCK_TASK, TWO_PARCELS, packedInTwo } from '../pack/helpers.js';

const at = new Date(0).toISOString();

describe('LabelDriver', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('holds a queued label while the hub is silent past the policy, and prints it once when the hub is back', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { journal } = Journal.open<StationEvent>(`${dir.path}/journal.jsonl`);
    const { store, saved } = SessionStore.open(undefined, 'ST-07');
    cleanups.push(() => journal.close());
    const copy = await HubCopy.open(undefined, { hubSilenceMs: 1000 });
    copy.replaceStops({ v: 1, version: 1, at, entries: [] });
    copy.replaceFreezes({ v: 1, version: 1, at, entries: [] });
    copy.addTask(SOCK_TASK);
    let heard = Date.now();
    const driver = new PackDriver({
      station: 'ST-07', session: saved.session, label: null, store, copy,
      recorder: new Recorder('ST-07', journal, new Outbox([], 0), () => undefined, 0),
      lastHeardAt: () => heard,
    });
    const printer = await SimulatedPrinterTransport.start();
    cleanups.push(() => printer.close());
    let sends = 0;
    let asked = 0;
    let asking: (() => void) | undefined;
    const send = printer.send.bind(printer);
    const query = printer.query.bind(printer);
    printer.send = (bytes, timeoutMs) => ((sends += 1), send(bytes, timeoutMs));
    printer.query = (command, framing, timeoutMs) => ((asked += 1), asking?.(), query(command, framing, timeoutMs));
    const rounds = (n: number) => new Promise<void>((resolve) => {
      const until = asked + n;
      asking = () => asked >= until && resolve();
    });
    const labels = new LabelDriver({ driver, transport: printer, store: PrintStore.open(undefined).store, timing: FAST_PRINTING, onStatus: () => undefined });
    cleanups.push(() => labels.close());
    labels.start();

    printer.simulator.setConditions({ paperOut: true });
    await rounds(2);
    const scan = (text: string) => driver.scan({ bytes: Buffer.from(text), receivedAt: Date.now(), source: 'test' });
    scan('$PG:BADGE:W1');
    scan('$PG:ORDER:DY-5501');
    scan('5901234123457');
    expect(driver.session.order?.parcels[0]?.label.status).toBe('requested');
    expect(labels.queue.jobs().map((job) => job.state)).toEqual(['queued']);

    heard = Date.now() - 5000;
    printer.simulator.setConditions({ paperOut: false });
    await rounds(6);
    expect(labels.status().state).toBe('ok');
    expect(sends).toBe(0);
    expect(labels.queue.jobs().map((job) => job.state)).toEqual(['queued']);
    expect(driver.session.order?.parcels[0]?.label.status).toBe('requested');

    heard = Date.now();
    const printed = new Promise<void>((resolve) => driver.onApplied(() => driver.session.phase === 'printed' && resolve()));
    await printed;
    expect(sends).toBe(1);
    expect(printer.simulator.printed).toHaveLength(1);
  });
});

describe('LabelDriver, an order of several parcels', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const P1 = { index: 1, waybill: 'YT3000000001' };
  const P2 = { index: 2, waybill: 'YT3000000002' };

  /** A pack driver holding TWO_PARCELS, its events kept, and a label driver on a simulated printer. */
  async function rig(options: { session?: PackSession; claim?: LabelClaim | null; state?: PrintQueueState } = {}) {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { journal } = Journal.open<StationEvent>(`${dir.path}/journal.jsonl`);
    cleanups.push(() => journal.close());
    const { store, saved } = SessionStore.open(undefined, 'ST-07');
    const copy = await HubCopy.open(undefined);
    copy.replaceStops({ v: 1, version: 1, at, entries: [] });
    copy.replaceFreezes({ v: 1, version: 1, at, entries: [] });
    copy.addTask(TWO_PARCELS);
    const events: StationEvent[] = [];
    const recorder = new Recorder('ST-07', journal, new Outbox([], 0), (event) => events.push(event), 0);
    const driver = new PackDriver({
      station: 'ST-07', session: options.session ?? saved.session, label: options.claim ?? null, store, copy,
      recorder,
      lastHeardAt: () => Date.now(),
    });
    const printer = await SimulatedPrinterTransport.start();
    cleanups.push(() => printer.close());
    const labels = new LabelDriver({
      driver, transport: printer, store: PrintStore.open(undefined).store, timing: FAST_PRINTING, onStatus: () => undefined,
      ...(options.state ? { state: options.state } : {}),
    });
    cleanups.push(() => labels.close());
    const released = new Promise<void>((resolve) => driver.onApplied(() => driver.session.phase === 'printed' && resolve()));
    const scan = (text: string) => driver.scan({ bytes: Buffer.from(text), receivedAt: Date.now(), source: 'test' });
    /** The events sent so far (an event is sent once its journal is synced). */
    const bodies = async () => (await recorder.published(), events.map((event) => event.body));
    const labelsOf = (waybill: string) => printer.simulator.printed.filter((label) => label.fields.includes(waybill));
    return { driver, labels, printer, released, scan, bodies, labelsOf };
  }

  it('prints each parcel\'s label exactly once, after the whole order is verified, each with its waybill and its own units', async () => {
    const { labels, printer, released, scan, bodies, labelsOf } = await rig();
    labels.start();
    for (const code of ['$PG:BADGE:W1', '$PG:TASK:T30', CODES.dressEan, '$PG:PARCEL', CODES.dressEan]) scan(code);
    expect(labels.queue.jobs()).toEqual([]);
    scan(CODES.sockEan);
    await released;

    expect(printer.simulator.printed).toHaveLength(2);
    expect(labelsOf(P1.waybill)).toHaveLength(1);
    expect(labelsOf(P2.waybill)).toHaveLength(1);
    expect(labelsOf(P2.waybill)[0]?.fields).toContain('Order 订单 PDD-7001 2/2');
    expect(labels.queue.jobs().map((job) => [job.id, job.state, job.attempts])).toEqual([
      ['T30:p1#1', 'printed', 1],
      ['T30:p2#1', 'printed', 1],
    ]);
    const printed = (await bodies()).filter((body) => body.type === 'pack.label_printed');
    expect(printed).toEqual([expect.objectContaining({ reprint: false, parcel: P1 }), expect.objectContaining({ reprint: false, parcel: P2 })]);
    expect((await bodies()).filter((body) => body.type === 'pack.parcel_closed')).toHaveLength(2);
  });

  /** TWO_PARCELS verified, parcel 1's label printed, parcel 2's requested: where a crash may leave it. */
  function secondRequested(): PackSession {
    const bench = packedInTwo();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed', parcel: 1 });
    bench.input({ type: 'label_requested' });
    expect(bench.state.order?.parcels.map((parcel) => parcel.label.status)).toEqual(['printed', 'requested']);
    return bench.state;
  }

  function job(key: string, state: 'printed' | 'queued', createdAt: number): PrintQueueState['jobs'][number] {
    const iso = new Date(createdAt).toISOString();
    return { id: `${key}#1`, taskId: key, label: { orderId: 'PDD-7001', waybill: 'X', shipTo: { name: 'a', phone: '1', address: 'b' }, packer: 'P-001', verification: { station: 'ST-07', at: iso, lines: [] } }, zpl: '^XA^XZ', state, attempts: state === 'printed' ? 1 : 0, createdAt: iso, updatedAt: iso };
  }

  it('after a restart, finds the requested parcel\'s job printed (the crash came before the session heard) and prints nothing again', async () => {
    const requestedAt = Date.now() - 60_000;
    const state: PrintQueueState = { version: 1, jobs: [job('T30:p1', 'printed', requestedAt - 5000), job('T30:p2', 'printed', requestedAt + 10)], lastSeq: { 'T30:p1': 1, 'T30:p2': 1 } };
    const { driver, labels, printer, released, bodies } = await rig({ session: secondRequested(), claim: { taskId: 'T30', parcel: 2, requestedAt, jobId: null }, state });
    labels.start();
    await released;
    expect(await bodies()).toEqual([expect.objectContaining({ type: 'pack.label_printed', reprint: false, parcel: P2 })]);
    expect(driver.session.order?.parcels.map((parcel) => parcel.label.printed)).toEqual([1, 1]);
    expect(printer.simulator.printed).toHaveLength(0);
  });

  it('after a restart before the requested parcel\'s job was queued, queues it and prints it once', async () => {
    const requestedAt = Date.now() - 60_000;
    const state: PrintQueueState = { version: 1, jobs: [job('T30:p1', 'printed', requestedAt - 5000)], lastSeq: { 'T30:p1': 1 } };
    const { labels, printer, released, labelsOf } = await rig({ session: secondRequested(), claim: { taskId: 'T30', parcel: 2, requestedAt, jobId: null }, state });
    labels.start();
    await released;
    expect(printer.simulator.printed).toHaveLength(1);
    expect(labelsOf(P2.waybill)).toHaveLength(1);
    expect(labels.queue.jobs().map((j) => [j.id, j.state])).toEqual([
      ['T30:p1#1', 'printed'],
      ['T30:p2#1', 'printed'],
    ]);
  });
});
