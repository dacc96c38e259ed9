import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../common/journal.js';
import type { StationEvent } from '../../../protocol/index.js';
import { LabelDriver } from '../../../station/agent/labels.js';
import { PackDriver } from '../../../station/agent/pack-driver.js';
import { Recorder } from '../../../station/agent/recorder.js';
import { Outbox } from '../../../station/link/outbox.js';
import { SimulatedPrinterTransport } from '../../../station/printer/sim.js';
import { HubCopy } from '../../../station/store/hub-copy.js';
import { PrintStore } from '../../../station/store/print-store.js';
import { SessionStore } from '../../../station/store/session-store.js';
import { FAST_PRINTING } from '../../helpers/station.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SOCK_TASK } from '../pack/helpers.js';

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
