import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSimulator, type PrinterSimulatorOptions } from '../../../firmware-sim/printer/server.js';
import type { PrintEvent } from '../../../station/printer/events.js';
import type { PrintQueueState } from '../../../station/printer/types.js';
import { PrintQueue, type PrintQueueOptions } from '../../../station/printer/queue.js';
import type { SimulatedPrinterTransport } from '../../../firmware-sim/printer/transport.js';
import { createPrinterTransport, parsePrinterSpec } from '../../../station/printer/spec.js';
import { TcpTransport } from '../../../station/printer/tcp.js';
import { freePort } from '../../helpers/free-port.js';
import { EventLog, about, statusWith } from './event-log.js';
import { sampleLabel } from './fixtures.js';
import { openPrinter } from '../../../cli/devices.js';
import { zplPrinterSpec } from '../../helpers/printer-spec.js';

type Failed = Extract<PrintEvent, { type: 'failed' }>;
type Printed = Extract<PrintEvent, { type: 'printed' }>;
type Retry = Extract<PrintEvent, { type: 'retry' }>;

let sim: PrinterSimulator | undefined;
let transport: TcpTransport | undefined;
let queue: PrintQueue | undefined;

afterEach(async () => {
  await queue?.close();
  await transport?.close();
  await sim?.close();
  queue = transport = sim = undefined;
});

/** The real TCP transport and queue against the printer simulator on a loopback port. */
async function setup(simOptions: PrinterSimulatorOptions = {}, queueOptions: Partial<PrintQueueOptions> = {}) {
  const printer = await PrinterSimulator.start({ port: 0, ...simOptions });
  sim = printer;
  transport = new TcpTransport('127.0.0.1', printer.port);
  const events = new EventLog();
  // Short timings so faults resolve quickly; a status timeout long enough for a loaded machine.
  const printQueue = new PrintQueue({ transport, onEvent: events.add, pollMs: 25, idlePollMs: 0, statusTimeoutMs: 800, sendTimeoutMs: 3000, settleMs: 150, ...queueOptions });
  queue = printQueue;
  return { sim: printer, queue: printQueue, events };
}

/** Prints one more job and waits for it: the queue is first-in first-out, one job at a time, so a
 * duplicate of anything earlier would have printed before it. Returns the job ids printed, in order. */
async function printedIdsAfterSentinel(printer: PrinterSimulator, printQueue: PrintQueue, events: EventLog): Promise<(string | undefined)[]> {
  printQueue.print('SENTINEL', sampleLabel());
  await events.next(about('printed', 'SENTINEL#1'));
  return printer.printed.map((label) => label.jobId);
}

describe('PrintQueue over TCP against the printer simulator', () => {
  it('prints a label once, checking status before and after', async () => {
    const { sim, queue, events } = await setup();
    queue.start();
    const job = queue.print('TB123', sampleLabel());
    const printed = await events.next<Printed>(about('printed', 'TB123#1'));
    expect(printed.proof).toBe('odometer');
    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]).toMatchObject({ jobId: 'TB123#1', zpl: job.zpl.slice('^XA'.length, job.zpl.lastIndexOf('^XZ')) });
    expect(queue.jobs()[0]).toMatchObject({ state: 'printed', attempts: 1 });
    expect(queue.status().device).toMatchObject({ kind: 'tcp', state: 'ok' });
    expect(events.events.map((event) => event.type)).toEqual(['queued', 'status', 'sending', 'sent', 'printed']);
  });

  it('out of paper: the job stays queued, unsent, and prints exactly once when the paper is refilled', async () => {
    const { sim, queue, events } = await setup();
    sim.setConditions({ paperOut: true });
    queue.start();
    queue.print('TB200', sampleLabel());
    const fault = await events.next(statusWith('fault', 'paper out'));
    expect(fault.type === 'status' && fault.status.conditions).toEqual(['paper-out']);
    expect(queue.jobs()[0]).toMatchObject({ id: 'TB200#1', state: 'queued', attempts: 0 });
    expect(sim.firmware.buffered).toBe(0);
    expect(sim.printed).toHaveLength(0);

    sim.setConditions({ paperOut: false });
    await events.next(about('printed', 'TB200#1'));
    expect(queue.jobs()[0]).toMatchObject({ state: 'printed', attempts: 1 });
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB200#1', 'SENTINEL#1']);
  });

  it('a queued job can be cancelled with a reason, and then never prints', async () => {
    const { sim, queue, events } = await setup();
    sim.setConditions({ paperOut: true });
    queue.start();
    queue.print('TB202', sampleLabel());
    await events.next(statusWith('fault', 'paper out'));
    expect(() => queue.cancel('TB202#1', { by: 'SUP-2', reason: '' })).toThrow(expect.objectContaining({ code: 'CANCEL_NEEDS_REASON' }));
    expect(queue.cancel('TB202#1', { by: 'SUP-2', reason: 'refund freeze F-88' })).toMatchObject({ state: 'cancelled', cancelled: { by: 'SUP-2' } });
    sim.setConditions({ paperOut: false });
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['SENTINEL#1']);
  });

  it('paper runs out with the label in the printer: it waits there and prints exactly once when refilled', async () => {
    const { sim, queue, events } = await setup();
    sim.arm('paper-out-before-label');
    queue.start();
    queue.print('TB201', sampleLabel());
    await events.next(about('sent', 'TB201#1'));
    expect(queue.status()).toMatchObject({ device: { state: 'fault' }, conditions: ['paper-out'] });
    expect(queue.jobs()[0]!.state).toBe('sent');
    expect(sim.firmware.buffered).toBe(1);
    expect(sim.printed).toHaveLength(0);

    sim.setConditions({ paperOut: false });
    await events.next(about('printed', 'TB201#1'));
    expect(queue.jobs()[0]!.attempts).toBe(1);
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB201#1', 'SENTINEL#1']);
  });

  it('a timeout after the label printed (the printer falls silent) never prints it twice', async () => {
    const { sim, queue, events } = await setup();
    sim.arm('silent-after-label');
    queue.start();
    queue.print('TB300', sampleLabel());
    await events.next(statusWith('fault', 'no status reply'));
    const failed = await events.next<Failed>(about('failed', 'TB300#1'));
    expect(failed).toMatchObject({ outcome: 'unknown', code: 'PRINTER_TIMEOUT' });
    expect(sim.printed).toHaveLength(1);

    sim.recover();
    const printed = await events.next<Printed>(about('printed', 'TB300#1'));
    expect(printed.proof).toBe('odometer');
    expect(queue.jobs()[0]!.attempts).toBe(1);
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB300#1', 'SENTINEL#1']);
  });

  it('a timeout where the label never arrived (the printer hung) sends it again once, on the odometer’s proof', async () => {
    const { sim, queue, events } = await setup();
    sim.arm('hang-before-label');
    queue.start();
    queue.print('TB301', sampleLabel());
    expect(await events.next<Failed>(about('failed', 'TB301#1'))).toMatchObject({ outcome: 'unknown' });
    expect(sim.printed).toHaveLength(0);

    sim.recover();
    expect(await events.next<Retry>(about('retry', 'TB301#1'))).toMatchObject({ proof: 'odometer-still' });
    await events.next(about('printed', 'TB301#1'));
    expect(queue.jobs()[0]!.attempts).toBe(2);
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB301#1', 'SENTINEL#1']);
  });

  it('a connection dropped after the label: in doubt, then printed on the odometer’s proof, not resent', async () => {
    const { sim, queue, events } = await setup();
    sim.arm('drop-after-label');
    queue.start();
    queue.print('TB302', sampleLabel());
    expect(await events.next<Failed>(about('failed', 'TB302#1'))).toMatchObject({ outcome: 'unknown' });
    expect(await events.next<Printed>(about('printed', 'TB302#1'))).toMatchObject({ proof: 'odometer' });
    expect(queue.jobs()[0]!.attempts).toBe(1);
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB302#1', 'SENTINEL#1']);
  });

  it('a connection dropped mid-label: the partial format is cancelled (~JA) and the job sent again once', async () => {
    const { sim, queue, events } = await setup();
    sim.arm('drop-mid-label');
    queue.start();
    queue.print('TB303', sampleLabel());
    expect(await events.next<Failed>(about('failed', 'TB303#1'))).toMatchObject({ outcome: 'unknown', code: 'PRINTER_IO' });
    expect(await events.next<Retry>(about('retry', 'TB303#1'))).toMatchObject({ proof: 'partial-cancelled' });
    await events.next(about('printed', 'TB303#1'));
    expect(queue.jobs()[0]!.attempts).toBe(2);
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB303#1', 'SENTINEL#1']);
  });

  it('without an odometer a job in doubt waits for a person and is never resent on its own', async () => {
    const { sim, queue, events } = await setup({ odometer: false });
    sim.arm('silent-after-label');
    queue.start();
    queue.print('TB304', sampleLabel());
    await events.next(about('failed', 'TB304#1'));
    sim.recover();
    await events.next(about('needs-person', 'TB304#1'));
    expect(queue.jobs()[0]).toMatchObject({ state: 'unknown', attempts: 1 });
    // Other jobs go on; the one in doubt is not sent again.
    expect(await printedIdsAfterSentinel(sim, queue, events)).toEqual(['TB304#1', 'SENTINEL#1']);

    expect(() => queue.resolve('TB304#1', { printed: true, by: 'SUP-2', reason: ' ' })).toThrow(expect.objectContaining({ code: 'RESOLVE_NEEDS_REASON' }));
    const resolved = queue.resolve('TB304#1', { printed: true, by: 'SUP-2', reason: 'label found on the bench' });
    expect(resolved).toMatchObject({ state: 'printed', resolved: { by: 'SUP-2', printed: true } });
    expect(await events.next<Printed>(about('printed', 'TB304#1'))).toMatchObject({ proof: 'person' });
  });

  it('after a crash mid-send the restored job is in doubt, not queued: the odometer shows it printed, so it is not resent', async () => {
    let saved: PrintQueueState | undefined;
    const events = new EventLog();
    const { sim, queue: first } = await setup({}, {
      onEvent: (event) => {
        // The agent persists the state as each event comes; this "crash" loses everything after sending.
        if (event.type === 'sending') saved = JSON.parse(JSON.stringify(first.state())) as PrintQueueState;
        events.add(event);
      },
    });
    first.start();
    first.print('TB310', sampleLabel());
    await events.next(about('printed', 'TB310#1'));
    await first.close();
    expect(saved?.jobs[0]).toMatchObject({ id: 'TB310#1', state: 'sending' });

    const after = new EventLog();
    const restarted = new PrintQueue({ transport: transport!, state: saved, onEvent: after.add, pollMs: 25, idlePollMs: 0, statusTimeoutMs: 800, settleMs: 150 });
    queue = restarted;
    expect(restarted.jobs()[0]!.state).toBe('unknown');
    restarted.start();
    expect(await after.next<Printed>(about('printed', 'TB310#1'))).toMatchObject({ proof: 'odometer' });
    expect(await printedIdsAfterSentinel(sim, restarted, after)).toEqual(['TB310#1', 'SENTINEL#1']);
  });

  it('an unreachable printer is a fault; the job stays queued and prints once when it is back', async () => {
    const { sim, queue, events } = await setup();
    queue.start();
    queue.print('TB400', sampleLabel());
    await events.next(about('printed', 'TB400#1'));

    await sim.unplug(); // resets the open connection and refuses new ones
    queue.print('TB401', sampleLabel());
    const fault = await events.next(statusWith('fault', 'unreachable'));
    expect(fault.type === 'status' && fault.status.conditions).toEqual(['unreachable']);
    expect(queue.jobs().find((job) => job.id === 'TB401#1')).toMatchObject({ state: 'queued', attempts: 0 });

    await sim.plug();
    await events.next(about('printed', 'TB401#1'));
    expect(sim.printed.map((label) => label.jobId)).toEqual(['TB400#1', 'TB401#1']);
  });

  it('a reprint needs a reason and a person, and prints a marked copy as a new job', async () => {
    const { sim, queue, events } = await setup();
    queue.start();
    queue.print('TB500', sampleLabel());
    await events.next(about('printed', 'TB500#1'));

    expect(() => queue.reprint('TB500#1', { by: 'P-017', reason: '' })).toThrow(expect.objectContaining({ code: 'REPRINT_NEEDS_REASON' }));
    expect(() => queue.reprint('TB500#1', { by: '', reason: 'smudged' })).toThrow(expect.objectContaining({ code: 'REPRINT_NEEDS_REASON' }));
    expect(() => queue.reprint('TB999#1', { by: 'P-017', reason: 'smudged' })).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));

    const copy = queue.reprint('TB500#1', { by: 'P-017', reason: 'label smudged' });
    expect(copy).toMatchObject({ id: 'TB500#2', reprintOf: 'TB500#1', reprint: { by: 'P-017', reason: 'label smudged' } });
    expect(await events.next(about('reprint', 'TB500#2'))).toMatchObject({ of: 'TB500#1', by: 'P-017', reason: 'label smudged' });
    await events.next(about('printed', 'TB500#2'));
    expect(sim.printed.map((label) => label.jobId)).toEqual(['TB500#1', 'TB500#2']);
    expect(sim.printed[1]!.fields).toContain('REPRINT 补打 of TB500#1');
  });
});

describe('--printer sim', () => {
  it('starts a simulated printer in the process, behind the real TCP transport', async () => {
    const simulated = (await openPrinter(zplPrinterSpec('sim'))) as SimulatedPrinterTransport;
    const events = new EventLog();
    const printQueue = new PrintQueue({ transport: simulated, onEvent: events.add, pollMs: 25, idlePollMs: 0 });
    try {
      expect(simulated).toMatchObject({ kind: 'sim', host: '127.0.0.1', port: simulated.simulator.port });
      printQueue.start();
      printQueue.print('TB900', sampleLabel());
      await events.next(about('printed', 'TB900#1'));
      expect(simulated.simulator.printed.map((label) => label.jobId)).toEqual(['TB900#1']);
      expect(printQueue.status().device).toMatchObject({ kind: 'sim', state: 'ok' });
    } finally {
      await printQueue.close();
      await simulated.close();
    }
  });

  it('listens on the port sim:PORT names', async () => {
    const port = await freePort();
    const simulated = (await openPrinter(zplPrinterSpec(`sim:${port}`))) as SimulatedPrinterTransport;
    try {
      expect(simulated.simulator.port).toBe(port);
      const socket = connect(port, '127.0.0.1');
      try {
        await once(socket, 'connect');
      } finally {
        socket.destroy();
      }
    } finally {
      await simulated.close();
    }
  });
});
