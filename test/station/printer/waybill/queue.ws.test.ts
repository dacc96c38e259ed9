import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WaybillPrinterSimulator } from '../../../../firmware-sim/waybill-printer/server.js';
import { WAYBILL_PLATFORMS, type WaybillPlatform } from '../../../../protocol/waybill-vocabulary.js';
import { WaybillPrintQueue, type WaybillPrintEvent, type WaybillPrintQueueOptions, type WaybillQueueState } from '../../../../station/printer/waybill/queue.js';
import { freePort } from '../../../helpers/free-port.js';
import { EventLog, about, statusWith } from '../event-log.js';
import { samplePrintData, secretOf } from './fixtures.js';

type Ev<K extends WaybillPrintEvent['type']> = Extract<WaybillPrintEvent, { type: K }>;

let sims: WaybillPrinterSimulator[] = [];
let queues: WaybillPrintQueue[] = [];

afterEach(async () => {
  for (const queue of queues) await queue.close();
  for (const sim of sims) await sim.close();
  queues = [];
  sims = [];
});

/** Short timings, so doubts and retries resolve in a test's time; replies get a loaded machine's margin. */
const FAST: Partial<WaybillPrintQueueOptions> = {
  replyTimeoutMs: 3000,
  resultTimeoutMs: 3000,
  pollMs: 40,
  retryMinMs: 20,
  retryMaxMs: 80,
  reconnectMinMs: 20,
  reconnectMaxMs: 100,
};

async function startSim(platform: WaybillPlatform, port = 0): Promise<WaybillPrinterSimulator> {
  const sim = await WaybillPrinterSimulator.start({ platform, port });
  sims.push(sim);
  return sim;
}

function startQueue(platform: WaybillPlatform, url: string, options: Partial<WaybillPrintQueueOptions> = {}) {
  const events = new EventLog<WaybillPrintEvent>();
  const queue = new WaybillPrintQueue({ platform, url, onEvent: events.add, ...FAST, ...options });
  queues.push(queue);
  queue.start();
  return { queue, events };
}

async function setup(platform: WaybillPlatform, options: Partial<WaybillPrintQueueOptions> = {}) {
  const sim = await startSim(platform);
  return { sim, ...startQueue(platform, sim.url, options) };
}

/** Resolves once the simulator has printed `count` documents. */
async function printedCount(sim: WaybillPrinterSimulator, count: number): Promise<void> {
  await vi.waitFor(() => expect(sim.printed.length).toBe(count), { timeout: 10_000, interval: 10 });
}

function parcel(platform: WaybillPlatform, waybill: string) {
  return { waybill, print: samplePrintData(platform) };
}

describe.each(WAYBILL_PLATFORMS)('WaybillPrintQueue over WebSocket against the %s print program simulator', (platform) => {
  it('prints a waybill once, judged printed on the program’s own result, and drops the print data', async () => {
    const { sim, queue, events } = await setup(platform);
    const doc = parcel(platform, 'SF1001');
    const job = queue.print('TB1', doc);
    expect(job).toMatchObject({ id: 'TB1#1', platform, waybill: 'SF1001', documentId: 'SF1001', state: 'queued', attempts: 0 });
    const printed = await events.next<Ev<'printed'>>(about('printed', 'TB1#1'));
    expect(printed.proof).toBe('program');
    expect(printed.job).toMatchObject({ state: 'printed', attempts: 1, programTaskId: 'TB1#1.1' });
    expect(printed.job.print).toBeUndefined();
    expect(JSON.stringify(queue.state())).not.toContain(secretOf(doc.print));
    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]).toMatchObject({ taskId: 'TB1#1.1', documentId: 'SF1001', waybill: 'SF1001', contents: doc.print.contents });
    expect(events.events.filter((event) => event.type !== 'status').map((event) => event.type)).toEqual(['queued', 'sending', 'sent', 'printed']);
    expect(queue.status().device).toEqual({ kind: platform, state: 'ok', detail: `${sim.program.dialect.name} print program at ${sim.url}: printer "Simulated Printer 模拟打印机" ready` });
  });

  it('a failed result keeps the job, shown in the status, and it prints once when the paper is back', async () => {
    const { sim, queue, events } = await setup(platform);
    sim.setConditions({ paperOut: true });
    queue.print('TB2', parcel(platform, 'SF2002'));
    const retry = await events.next<Ev<'retry'>>(about('retry', 'TB2#1'));
    expect(retry.proof).toBe('program-failed');
    expect(retry.job).toMatchObject({ state: 'queued', lastError: { code: 'PROGRAM_FAILED', message: expect.stringContaining('paper out') } });
    await events.next(statusWith('fault', 'last print failed: 打印机缺纸 paper out'));
    expect(sim.printed).toHaveLength(0);

    sim.setConditions({ paperOut: false });
    const printed = await events.next<Ev<'printed'>>(about('printed', 'TB2#1'));
    expect(printed.job.attempts).toBeGreaterThanOrEqual(2);
    expect(printed.job.programTaskId).toBe(`TB2#1.${printed.job.attempts}`);
    expect(sim.printed.map((doc) => doc.documentId)).toEqual(['SF2002']);
    await vi.waitFor(() => expect(queue.status().device.state).toBe('ok'));
  });

  it('a failed render is retried under a new task id and prints once', async () => {
    const { sim, queue, events } = await setup(platform);
    sim.program.failNextRender();
    queue.print('TB3', parcel(platform, 'SF3003'));
    expect((await events.next<Ev<'retry'>>(about('retry', 'TB3#1'))).job.lastError?.message).toContain('render failed');
    await events.next(about('printed', 'TB3#1'));
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB3#1.2']);
  });

  it('paused: nothing is sent after the job in flight, doubt does not resend, and resuming prints each once, in order', async () => {
    const { sim, queue, events } = await setup(platform, { resultTimeoutMs: 200 });
    sim.pause();
    queue.print('TB4', parcel(platform, 'SF4004'));
    queue.print('TB5', parcel(platform, 'SF5005'));
    await events.next(about('sent', 'TB4#1'));
    // No result in time: in doubt, and the program says it is still under way.
    const doubt = await events.next<Ev<'failed'>>(about('failed', 'TB4#1'));
    expect(doubt).toMatchObject({ outcome: 'unknown', code: 'PROGRAM_NO_RESULT' });
    await vi.waitFor(() => expect(sim.program.waiting).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(queue.jobs().map((job) => [job.id, job.state, job.attempts])).toEqual([
      ['TB4#1', 'unknown', 1],
      ['TB5#1', 'queued', 0],
    ]);
    expect(events.ofType('needs-person')).toEqual([]);

    sim.resume();
    expect((await events.next<Ev<'printed'>>(about('printed', 'TB4#1'))).proof).toBe('program');
    await events.next(about('printed', 'TB5#1'));
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB4#1.1', 'TB5#1.1']);
  });

  it('result lost, then the connection dropped: the program is asked, and the waybill is never sent again', async () => {
    const { sim, queue, events } = await setup(platform);
    sim.program.dropNextResult();
    queue.print('TB6', parcel(platform, 'SF6006'));
    await events.next(about('sent', 'TB6#1'));
    await printedCount(sim, 1);
    sim.dropConnections();
    const doubt = await events.next<Ev<'failed'>>(about('failed', 'TB6#1'));
    expect(doubt).toMatchObject({ outcome: 'unknown', code: 'PROGRAM_IO', job: { state: 'unknown' } });
    const printed = await events.next<Ev<'printed'>>(about('printed', 'TB6#1'));
    expect(printed).toMatchObject({ proof: 'program', job: { attempts: 1, programTaskId: 'TB6#1.1' } });

    queue.print('SENTINEL', parcel(platform, 'SF0000'));
    await events.next(about('printed', 'SENTINEL#1'));
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB6#1.1', 'SENTINEL#1.1']);
  });

  it('result lost, then the program restarted: not known to it, the job stays unresolved for a person and is never duplicated', async () => {
    const { sim, queue, events } = await setup(platform);
    sim.program.dropNextResult();
    queue.print('TB7', parcel(platform, 'SF7007'));
    await events.next(about('sent', 'TB7#1'));
    await printedCount(sim, 1);
    await sim.restart();
    await events.next(about('needs-person', 'TB7#1'));
    // Other waybills go on printing; the one in doubt is asked about again and again, never resent.
    queue.print('SENTINEL', parcel(platform, 'SF0000'));
    await events.next(about('printed', 'SENTINEL#1'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB7#1.1', 'SENTINEL#1.1']);
    expect(queue.jobs().find((job) => job.id === 'TB7#1')).toMatchObject({ state: 'unknown', attempts: 1 });

    const resolved = queue.resolve('TB7#1', { printed: true, by: 'P-7', reason: 'label is on the parcel' });
    expect(resolved).toMatchObject({ state: 'printed', resolved: { printed: true, by: 'P-7' } });
    expect(events.ofType('printed').at(-1)).toMatchObject({ proof: 'person', job: { id: 'TB7#1' } });
  });

  it('program restarted mid-job, before printing: a person says it did not print, and it prints once', async () => {
    const { sim, queue, events } = await setup(platform);
    sim.pause();
    queue.print('TB8', parcel(platform, 'SF8008'));
    await events.next(about('sent', 'TB8#1'));
    await sim.restart();
    await events.next(about('needs-person', 'TB8#1'));
    sim.resume();
    expect(sim.printed).toHaveLength(0);
    expect(() => queue.resolve('TB8#1', { printed: false, by: 'P-8', reason: '' })).toThrow(expect.objectContaining({ code: 'RESOLVE_NEEDS_REASON' }));
    queue.resolve('TB8#1', { printed: false, by: 'P-8', reason: 'nothing came out' });
    const printed = await events.next<Ev<'printed'>>(about('printed', 'TB8#1'));
    expect(printed.job).toMatchObject({ attempts: 2, programTaskId: 'TB8#1.2' });
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB8#1.2']);
  });

  it('program not running: absent with the reason, the job waits, and prints when the program starts', async () => {
    const port = await freePort();
    const path = platform === 'kuaishou' ? '/ks/printer' : '';
    const url = `ws://127.0.0.1:${port}${path}`;
    const { queue, events } = startQueue(platform, url);
    const name = { cainiao: 'Cainiao', pdd: 'Pinduoduo', douyin: 'Douyin', kuaishou: 'Kuaishou' }[platform];
    await events.next(statusWith('absent', `${name} print program not running at ${url} (ECONNREFUSED)`));
    queue.print('TB9', parcel(platform, 'SF9009'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(queue.jobs()[0]).toMatchObject({ state: 'queued', attempts: 0 });

    const sim = await startSim(platform, port);
    await events.next(about('printed', 'TB9#1'));
    expect(sim.printed).toHaveLength(1);
  });

  it('malformed and unknown messages are counted by reason, and never make a job printed', async () => {
    const { sim, queue, events } = await setup(platform);
    sim.pause();
    queue.print('TB10', parcel(platform, 'SF1010'));
    await events.next(about('sent', 'TB10#1'));
    const resultCmd = platform === 'pdd' ? 'PrintResultNotify' : 'notifyPrintResult';
    sim.broadcast('{"cmd":"notifyPrintResult", truncated');
    sim.broadcast(JSON.stringify({ cmd: resultCmd, taskID: 'TB10#1.1', taskStatus: 'printed', printStatus: [{ documentID: 'SF1010', status: 'done' }] }));
    sim.broadcast(JSON.stringify({ cmd: resultCmd, taskID: 'TB10#1.1', taskStatus: 'printed', printStatus: [{ documentID: 'OTHER', status: 'success' }] }));
    sim.broadcast(JSON.stringify({ cmd: 'notifyPrinterChange', requestID: 'x' }));
    sim.broadcast('"printed"');
    await vi.waitFor(() => expect(queue.status().rejected).toEqual({ NOT_JSON: 1, BAD_FIELD: 1, UNKNOWN_DOCUMENT: 1, UNKNOWN_CMD: 1, NO_CMD: 1 }));
    expect(queue.jobs()[0]).toMatchObject({ state: 'sent' });
    expect(events.ofType('printed')).toEqual([]);

    sim.resume();
    await events.next(about('printed', 'TB10#1'));
    expect(sim.printed).toHaveLength(1);
  });

  it('a state persisted at "sending" comes back unknown, never queued, and is settled by the program', async () => {
    const sim = await startSim(platform);
    sim.pause();
    let saved: WaybillQueueState | undefined;
    const first = startQueue(platform, sim.url, {
      onEvent: (event) => {
        if (event.type === 'sending') saved = JSON.parse(JSON.stringify(first.queue.state())) as WaybillQueueState;
      },
    });
    first.queue.print('TB11', parcel(platform, 'SF1111'));
    await vi.waitFor(() => expect(first.queue.jobs()[0]?.state).toBe('sent'));
    await first.queue.close();
    expect(saved?.jobs[0]).toMatchObject({ id: 'TB11#1', state: 'sending', programTaskId: 'TB11#1.1' });
    expect(saved?.jobs[0]?.print).toBeDefined();

    const second = startQueue(platform, sim.url, { state: saved });
    expect(second.queue.jobs()[0]).toMatchObject({ state: 'unknown', attempts: 1 });
    sim.resume();
    // Its result went to the closed connection; the program's task status says it printed.
    expect((await second.events.next<Ev<'printed'>>(about('printed', 'TB11#1'))).proof).toBe('program');
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB11#1.1']);
    expect(second.queue.print('TB11', parcel(platform, 'SF1111')).id).toBe('TB11#2');
  });

  it('a state persisted at "sending" whose request never left is not resent: a person decides', async () => {
    const sim = await startSim(platform);
    let saved: WaybillQueueState | undefined;
    const first = startQueue(platform, sim.url, {
      onEvent: (event) => {
        if (event.type !== 'sending') return;
        saved = JSON.parse(JSON.stringify(first.queue.state())) as WaybillQueueState;
        throw new Error('disk full');
      },
    });
    first.queue.print('TB12', parcel(platform, 'SF1212'));
    await vi.waitFor(() => expect(saved).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The listener threw: nothing was sent.
    expect(first.queue.jobs()[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(sim.program.armed).toEqual({ failRenders: 0, dropResults: 0 });
    await first.queue.close();

    const second = startQueue(platform, sim.url, { state: saved });
    expect(second.queue.jobs()[0]).toMatchObject({ state: 'unknown' });
    await second.events.next(about('needs-person', 'TB12#1'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sim.printed).toHaveLength(0);
    second.queue.resolve('TB12#1', { printed: false, by: 'P-12', reason: 'no label came out' });
    await second.events.next(about('printed', 'TB12#1'));
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['TB12#1.2']);
  });

  it('reprints need a person, a reason and the print data again, and print a second document', async () => {
    const { sim, queue, events } = await setup(platform);
    const doc = parcel(platform, 'SF1313');
    queue.print('TB13', doc);
    await events.next(about('printed', 'TB13#1'));
    expect(() => queue.reprint('TB13#1', { by: 'P-13', reason: ' ' })).toThrow(expect.objectContaining({ code: 'REPRINT_NEEDS_REASON' }));
    expect(() => queue.reprint('TB13#1', { by: 'P-13', reason: 'smudged' })).toThrow(expect.objectContaining({ code: 'REPRINT_NEEDS_PRINT_DATA' }));
    const again = queue.reprint('TB13#1', { by: 'P-13', reason: 'smudged', print: doc.print });
    expect(again).toMatchObject({ id: 'TB13#2', reprintOf: 'TB13#1', reprint: { by: 'P-13', reason: 'smudged' } });
    await events.next(about('printed', 'TB13#2'));
    expect(sim.printed.map((printed) => printed.taskId)).toEqual(['TB13#1.1', 'TB13#2.1']);
  });
});

describe('the print data', () => {
  it('is never logged, never in a status, and gone from the state once printed', async () => {
    let logged = '';
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logged += chunk.toString();
          done();
        },
      }),
    );
    const { sim, queue, events } = await setup('cainiao', { logger, resultTimeoutMs: 150 });
    const doc = parcel('cainiao', 'SF1414');
    const secret = secretOf(doc.print);
    // A failure, a doubt, a dropped connection and garbage: every path that logs.
    sim.program.failNextRender();
    queue.print('TB14', doc);
    await events.next(about('retry', 'TB14#1'));
    sim.pause();
    expect(await events.next(about('failed', 'TB14#1'))).toMatchObject({ outcome: 'unknown', code: 'PROGRAM_NO_RESULT' });
    sim.broadcast(`{"cmd":"notifyPrintResult","taskID":"TB14#1.2","taskStatus":"printed","printStatus":[{"documentID":"${secret}","status":"?"}]}`);
    sim.broadcast(`not json ${secret}`);
    sim.dropConnections();
    sim.resume();
    await events.next(about('printed', 'TB14#1'));

    expect(logged).toContain('print job outcome unknown');
    expect(logged).toContain('print program message not used');
    expect(logged).not.toContain(secret);
    const statuses = events.ofType('status').map((event) => JSON.stringify(event.status));
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status).not.toContain(secret);
    for (const event of events.ofType('failed')) expect(event.message).not.toContain(secret);
    expect(JSON.stringify(queue.state())).not.toContain(secret);
    expect(JSON.stringify(sim.printed[0]?.contents)).toContain(secret);
  });
});
