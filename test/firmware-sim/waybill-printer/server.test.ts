import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SIM_DIALECTS } from '../../../firmware-sim/waybill-printer/dialects.js';
import { WaybillPrinterSimulator } from '../../../firmware-sim/waybill-printer/server.js';
import { WAYBILL_PLATFORMS, type WaybillPlatform } from '../../../protocol/waybill-vocabulary.js';

/** A bare WebSocket client: what it sends and, in order, every JSON message it gets. */
class RawClient {
  readonly messages: Record<string, unknown>[] = [];
  #waiters: Array<() => void> = [];
  #read = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const waiter of this.#waiters.splice(0)) waiter();
    });
  }

  static async open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The next message not yet read. */
  next(): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.#read < this.messages.length) resolve(this.messages[this.#read++]!);
        else this.#waiters.push(check);
      };
      check();
    });
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.terminate();
    await closed;
  }
}

let sim: WaybillPrinterSimulator | undefined;
let clients: RawClient[] = [];

afterEach(async () => {
  for (const client of clients) await client.close();
  await sim?.close();
  sim = undefined;
  clients = [];
});

async function connect(platform: WaybillPlatform): Promise<{ sim: WaybillPrinterSimulator; client: RawClient }> {
  sim = await WaybillPrinterSimulator.start({ platform, port: 0 });
  const client = await RawClient.open(sim.url);
  clients.push(client);
  return { sim, client };
}

const contents = [{ encryptedData: 'AES:payload', signature: 'sig', templateURL: 'https://t/1' }];
const print = (taskID: string, extra: Record<string, unknown> = {}) => ({
  cmd: 'print',
  requestID: `req-${taskID}`,
  version: '1.0',
  task: { taskID, preview: false, printer: '', documents: [{ documentID: `D-${taskID}`, contents, ...extra }] },
});

describe('the print program simulator', () => {
  it('answers getPrinters and getPrinterConfig, echoing the request id', async () => {
    const { client } = await connect('cainiao');
    client.send({ cmd: 'getPrinters', requestID: 'r1', version: '1.0' });
    expect(await client.next()).toEqual({
      cmd: 'getPrinters',
      requestID: 'r1',
      status: 'success',
      msg: '',
      defaultPrinter: 'Simulated Printer 模拟打印机',
      printers: [{ name: 'Simulated Printer 模拟打印机', status: 'enable' }],
    });
    client.send({ cmd: 'getPrinterConfig', requestID: 'r2', version: '1.0', printer: 'Nope' });
    expect(await client.next()).toEqual({ cmd: 'getPrinterConfig', requestID: 'r2', status: 'failed', msg: '无效的打印机 invalid printer' });
  });

  it('speaks Cainiao: the reply, rendered, then printed, and the task status after', async () => {
    const { sim, client } = await connect('cainiao');
    client.send(print('T1'));
    expect(await client.next()).toEqual({ cmd: 'print', requestID: 'req-T1', taskID: 'T1', status: 'success', msg: '' });
    const doc = { documentID: 'D-T1', status: 'success', msg: 'success', detail: 'success', printer: 'Simulated Printer 模拟打印机' };
    expect(await client.next()).toEqual({ cmd: 'notifyPrintResult', requestID: 'req-T1', printer: 'Simulated Printer 模拟打印机', taskID: 'T1', taskStatus: 'rendered', printStatus: [doc] });
    expect(await client.next()).toMatchObject({ cmd: 'notifyPrintResult', taskStatus: 'printed', printStatus: [doc] });
    expect(sim.printed).toEqual([{ number: 1, platform: 'cainiao', taskId: 'T1', documentId: 'D-T1', waybill: 'D-T1', printer: 'Simulated Printer 模拟打印机', contents }]);
    client.send({ cmd: 'getTaskStatus', requestID: 'r3', version: '1.0', taskID: ['T1', 'T404'] });
    expect(await client.next()).toEqual({
      cmd: 'getTaskStatus',
      requestID: 'r3',
      status: 'success',
      msg: '',
      printStatus: [{ taskID: 'T1', detailStatus: [{ documentID: 'D-T1', status: 'success', msg: 'success', printer: 'Simulated Printer 模拟打印机' }] }],
    });
  });

  it.each([
    ['pdd', { cmd: 'PrintResultNotify', taskStatus: 'printed' }],
    ['douyin', { cmd: 'notifyPrintResult', taskStatus: 'printed', printStatus: [expect.objectContaining({ successCount: 1, failCount: 0 })] }],
    ['kuaishou', { cmd: 'notifyPrintResult', status: 'success', taskStatus: 'printed', printStatus: [{ documentID: 'D-T1', waybillCode: 'KS1', status: 'success', detail: null }] }],
  ] as const)('speaks %s', async (platform, result) => {
    const { client } = await connect(platform);
    client.send(print('T1', platform === 'kuaishou' ? { waybillCode: 'KS1', ksOrderFlag: true } : {}));
    expect(await client.next()).toMatchObject({ cmd: 'print', status: 'success' });
    // Neither Pinduoduo nor Kuaishou is known to report "rendered"; Douyin does.
    if (platform === 'douyin') expect(await client.next()).toMatchObject({ taskStatus: 'rendered' });
    const notification = await client.next();
    expect(notification).toMatchObject(result);
    expect('requestID' in notification).toBe(platform !== 'douyin');
  });

  it('serves Kuaishou on /ks/printer only', async () => {
    sim = await WaybillPrinterSimulator.start({ platform: 'kuaishou', port: 0 });
    expect(sim.url).toBe(`ws://127.0.0.1:${sim.port}/ks/printer`);
    await expect(RawClient.open(`ws://127.0.0.1:${sim.port}/`)).rejects.toThrow(/400/);
  });

  it('refuses bad print requests and unknown commands with status failed', async () => {
    const { sim, client } = await connect('pdd');
    client.send({ cmd: 'print', requestID: 'a', task: { taskID: 'T', documents: [] } });
    expect(await client.next()).toEqual({ cmd: 'print', requestID: 'a', status: 'failed', msg: '参数错误: task.documents' });
    client.send({ ...print('T2'), task: { ...print('T2').task, printer: 'Nope' } });
    expect(await client.next()).toMatchObject({ status: 'failed', msg: '无效的打印机 invalid printer' });
    client.send({ cmd: 'setGlobalConfig', requestID: 'b' });
    expect(await client.next()).toEqual({ cmd: 'setGlobalConfig', requestID: 'b', status: 'failed', msg: 'unknown cmd' });
    client.ws.send('garbage');
    client.send({ cmd: 'getPrinters', requestID: 'c' });
    expect(await client.next()).toMatchObject({ cmd: 'getPrinters', requestID: 'c' });
    expect(sim.program.malformed).toBe(1);
    expect(sim.printed).toEqual([]);
  });

  it('paper out fails documents; fail-render fails the next task only', async () => {
    const { sim, client } = await connect('cainiao');
    sim.setConditions({ paperOut: true });
    client.send(print('T1'));
    await client.next();
    expect(await client.next()).toMatchObject({ taskStatus: 'failed', printStatus: [{ status: 'failed', msg: '打印机缺纸 paper out' }] });
    sim.setConditions({ paperOut: false });
    sim.program.failNextRender();
    client.send(print('T2'));
    await client.next();
    expect(await client.next()).toMatchObject({ taskStatus: 'failed', printStatus: [{ msg: '模板渲染失败 render failed' }] });
    client.send(print('T3'));
    await client.next();
    await client.next();
    expect(await client.next()).toMatchObject({ taskID: 'T3', taskStatus: 'printed' });
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['T3']);
  });

  it('pause holds printing and results; getTaskStatus says it is printing; resume prints once', async () => {
    const { sim, client } = await connect('cainiao');
    sim.pause();
    client.send(print('T1'));
    await client.next();
    client.send({ cmd: 'getTaskStatus', requestID: 's', taskID: ['T1'] });
    expect(await client.next()).toMatchObject({ printStatus: [{ taskID: 'T1', detailStatus: [{ documentID: 'D-T1', status: 'printing' }] }] });
    expect(sim.program.waiting).toBe(1);
    sim.resume();
    await client.next();
    expect(await client.next()).toMatchObject({ taskStatus: 'printed' });
    expect(sim.printed).toHaveLength(1);
  });

  it('delays, drops a result, and restarts forgetting tasks but not printed documents', async () => {
    const { sim, client } = await connect('cainiao');
    sim.program.setDelay(60);
    sim.program.dropNextResult();
    const started = Date.now();
    client.send(print('T1'));
    await client.next();
    // The rendered notification comes late; the printed one never.
    expect(await client.next()).toMatchObject({ taskStatus: 'rendered' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    client.send({ cmd: 'getTaskStatus', requestID: 's', taskID: ['T1'] });
    expect(await client.next()).toMatchObject({ cmd: 'getTaskStatus', printStatus: [{ detailStatus: [{ status: 'success' }] }] });

    const port = sim.port;
    const closed = new Promise((resolve) => client.ws.once('close', resolve));
    await sim.restart();
    await closed;
    expect(sim.port).toBe(port);
    const again = await RawClient.open(sim.url);
    clients.push(again);
    again.send({ cmd: 'getTaskStatus', requestID: 's2', taskID: ['T1'] });
    expect(await again.next()).toMatchObject({ printStatus: [] });
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['T1']);
  });

  it('sends a result on the connection the task came from, and loses it if that is gone', async () => {
    const { sim, client } = await connect('cainiao');
    const other = await RawClient.open(sim.url);
    clients.push(other);
    sim.pause();
    client.send(print('T1'));
    await client.next();
    await client.close();
    sim.resume();
    expect(sim.printed).toHaveLength(1);
    other.send({ cmd: 'getTaskStatus', requestID: 'x', taskID: ['T1'] });
    expect(await other.next()).toMatchObject({ cmd: 'getTaskStatus', printStatus: [{ taskID: 'T1', detailStatus: [{ status: 'success' }] }] });
    expect(other.messages).toHaveLength(1);
  });

  it('tells its listeners each task accepted and each result notification sent, and only those sent', async () => {
    const { sim, client } = await connect('cainiao');
    const told: unknown[] = [];
    const off = sim.program.onTask((activity) => told.push(activity));
    client.send(print('T1'));
    await client.next();
    await client.next();
    await client.next();
    sim.pause();
    client.send(print('T2'));
    await client.next();
    await client.close();
    await vi.waitFor(() => expect(sim.connections).toBe(0));
    sim.resume();
    off();
    expect(told).toEqual([
      { type: 'accepted', taskId: 'T1', documentIds: ['D-T1'] },
      { type: 'notified', taskId: 'T1', taskStatus: 'rendered' },
      { type: 'notified', taskId: 'T1', taskStatus: 'printed' },
      // Printed, but its connection is gone: no notification was sent.
      { type: 'accepted', taskId: 'T2', documentIds: ['D-T2'] },
    ]);
    expect(sim.printed.map((doc) => doc.taskId)).toEqual(['T1', 'T2']);
  });

  it('listens on each real program’s port by default', () => {
    expect(WAYBILL_PLATFORMS.map((platform) => [platform, SIM_DIALECTS[platform].port, SIM_DIALECTS[platform].path])).toEqual([
      ['cainiao', 13528, undefined],
      ['pdd', 5000, undefined],
      ['douyin', 13888, undefined],
      ['kuaishou', 16888, '/ks/printer'],
    ]);
  });
});
