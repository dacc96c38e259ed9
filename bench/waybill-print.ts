import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WaybillPrinterSimulator } from '../firmware-sim/waybill-printer/server.js';
import type { CommandContext } from '../hub/domain/audit.js';
import type { DomainCommand } from '../hub/domain/schemas.js';
import { Hub } from '../hub/hub.js';
import type { StationEvent } from '../protocol/index.js';
import { StationAgent } from '../station/agent.js';
import { parsePrinterSpec } from '../station/printer/spec.js';
import { SimulatedScanner } from '../station/scanner/sim.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';
import { BABY, DRESS } from './station-verdict-latency.js';

const SITE = 'bench';
const WARMUP = 10;
/** How long one step of one order may take before the bench gives up. */
const STEP_TIMEOUT_MS = 10_000;

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** A Taobao order of two dresses and baby shoes on a Cainiao e-waybill, with its print data as the platform's API returns it. */
function cainiaoOrder(i: number): DomainCommand {
  const waybill = `YT${i}`;
  const contents = [{ encryptedData: `AES256:${'Q'.repeat(600)}${i}==`, signature: `SIG${i}`, templateURL: 'https://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' }];
  return {
    type: 'createOrder',
    channel: 'taobao',
    orderNo: `TB${i}`,
    waybill,
    label: { name: '王*', phone: '138****1234', address: '上海市浦东新区***' },
    lines: [{ channelSku: 'DRESS', quantity: 2 }, { channelSku: 'BABY', quantity: 1 }],
    parcels: [{ waybill, print: { platform: 'cainiao', contents } }],
  };
}

/** Resolves with the time (performance.now()) the agent applies the next event of `type`; rejects after STEP_TIMEOUT_MS. */
function nextEvent(agent: StationAgent, type: StationEvent['body']['type']): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`waybill-print: no ${type} in ${STEP_TIMEOUT_MS} ms; session ${JSON.stringify(agent.driver.session).slice(0, 400)}`));
    }, STEP_TIMEOUT_MS);
    const off = agent.driver.onApplied((applied) => {
      if (!applied.events.some((event) => event.body.type === type)) return;
      const at = performance.now();
      clearTimeout(timer);
      off();
      resolve(at);
    });
  });
}

/** Resolves once the agent has heard the hub and holds its stop and freeze lists, so the gate is open from the first order. */
function ready(agent: StationAgent): Promise<void> {
  const live = () => agent.presence.live && agent.copy.stopList !== null && agent.copy.freezeList !== null;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!live()) return;
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error('waybill-print: the station never heard the hub'));
    }, STEP_TIMEOUT_MS);
    const off = agent.onUpdate(check);
    check();
  });
}

/**
 * A platform e-waybill through a real station agent (in this process: journal, session and print
 * queue state on disk), a real hub over MQTT, and the simulated Cainiao print program over a
 * WebSocket: from the order verified (the last unit's scan applied) until the program's `printed`
 * result is received and recorded by the station (`pack.label_printed`), one order at a time,
 * against the simulator's own reply time in the same run (print request accepted → its `printed`
 * notification sent), which the station's figure includes.
 */
export const waybillPrintBenchmark: Benchmark = {
  name: 'waybill-print',
  async run() {
    const orders = Number(process.env.PACKGATE_BENCH_WAYBILLS ?? 200);
    const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-waybill-'));
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: join(dir, 'hub') });
    const sim = await WaybillPrinterSimulator.start({ platform: 'cainiao', host: '127.0.0.1', port: 0 });
    let agent: StationAgent | undefined;
    try {
      const context: CommandContext = { now: new Date(), actor: { kind: 'system', id: 'bench' } };
      const run = (command: DomainCommand) => {
        const result = hub.execute(command, context);
        if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
      };
      run({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: DRESS, multiplier: 1 }] });
      run({ type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BABY, multiplier: 1 }] });
      run({ type: 'setMapping', channel: 'taobao', channelSku: 'DRESS', masterSku: 'DRESS-RED-M' });
      run({ type: 'setMapping', channel: 'taobao', channelSku: 'BABY', masterSku: 'BABY-SH-01' });
      for (let i = 0; i < WARMUP + orders; i += 1) run(cainiaoOrder(i));
      const login = await hub.provisionStation('W1');
      const spec = parsePrinterSpec(sim.spec);
      if (spec.kind !== 'waybill') throw new Error(`not a print program: ${sim.spec}`);
      const scanner = new SimulatedScanner();
      agent = await StationAgent.start({
        id: 'W1',
        site: SITE,
        hubUrl: hub.mqttUrl,
        dataDir: join(dir, 'W1'),
        scanner,
        printer: null,
        printPrograms: [spec],
        mqttUsername: login.username,
        mqttPassword: login.password,
      });
      await ready(agent);

      // The program's side, one task at a time: request accepted, `printed` notification sent.
      let accepted = 0;
      let notified = 0;
      const off = sim.program.onTask((activity) => {
        if (activity.type === 'accepted') accepted = performance.now();
        else if (activity.taskStatus === 'printed') notified = performance.now();
      });
      const total: number[] = [];
      const program: number[] = [];
      const toRequest: number[] = [];
      const toRecorded: number[] = [];
      scanner.scan('$PG:BADGE:W07');
      for (let i = 0; i < WARMUP + orders; i += 1) {
        const loaded = nextEvent(agent, 'pack.order_loaded');
        scanner.scan(`$PG:ORDER:TB${i}`);
        await loaded;
        const verified = nextEvent(agent, 'pack.order_verified');
        const recorded = nextEvent(agent, 'pack.label_printed');
        for (const code of [DRESS, BABY, DRESS]) scanner.scan(code);
        const [verifiedAt, recordedAt] = await Promise.all([verified, recorded]);
        if (accepted < verifiedAt || notified < accepted) throw new Error(`waybill-print: order TB${i} printed without the program's request and result in turn`);
        if (i < WARMUP) continue;
        total.push(recordedAt - verifiedAt);
        program.push(notified - accepted);
        toRequest.push(accepted - verifiedAt);
        toRecorded.push(recordedAt - notified);
      }
      off();
      if (sim.printed.length !== WARMUP + orders) throw new Error(`waybill-print: ${sim.printed.length} documents printed for ${WARMUP + orders} orders`);
      const p = (values: number[], at: number) => round(percentile(values, at));
      return {
        orders,
        verified_to_printed_result_p50_ms: p(total, 50),
        verified_to_printed_result_p99_ms: p(total, 99),
        program_request_to_printed_notification_p50_ms: p(program, 50),
        program_request_to_printed_notification_p99_ms: p(program, 99),
        station_over_program_p50_ms: round(percentile(total, 50) - percentile(program, 50)),
        verified_to_request_at_program_p50_ms: p(toRequest, 50),
        verified_to_request_at_program_p99_ms: p(toRequest, 99),
        printed_notification_to_recorded_p50_ms: p(toRecorded, 50),
        printed_notification_to_recorded_p99_ms: p(toRecorded, 99),
      };
    } finally {
      await agent?.close();
      await sim.close();
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
