import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaybillPrinterSimulator } from '../../firmware-sim/waybill-printer/server.js';
import type { DomainCommand } from '../../hub/domain/schemas.js';
import { WAYBILL_PLATFORMS } from '../../protocol/waybill-vocabulary.js';
import { HUB_DEFAULTS } from '../../hub/defaults.js';
import { Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedPrinterTransport } from '../../firmware-sim/printer/transport.js';
import type { WaybillPrinterSpec } from '../../station/printer/spec.js';
import { SimulatedScale } from '../../firmware-sim/scale/in-process.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { ApiCaller } from './demo-api.js';
import { DEMO_INTERVAL_MS, incidentSchedule, type Incident } from './demo-incidents.js';
import { DemoPacker } from './demo-packer.js';
import type { PackerPlan } from './demo-plan.js';
import { demoShift, planPlatforms } from './demo-shift.js';
import { IncidentStager, type Bench, type StagerOptions } from './demo-stage.js';

export const DEMO_STATIONS = ['PACK-01', 'PACK-02'];
/** At most this many simulators: per bench, a label printer and one print program per platform. */
export const DEMO_SIMULATORS = DEMO_STATIONS.length * (1 + WAYBILL_PLATFORMS.length);

export interface DemoOptions {
  readonly port: number;
  readonly mqttPort: number;
  /** The first packer's screen; the next bench's is one above. 0 (the default): free ports. */
  readonly screenPort?: number;
  /** The first simulator's port (printers, print programs), the rest counted up from it. 0 (the default): free ports. */
  readonly simPort?: number;
  /** Milliseconds between a packer's moves; the incidents scale with it. */
  readonly intervalMs?: number;
  /** Keep state here; default a temporary folder removed on close. */
  readonly dataDir?: string;
  readonly say: StagerOptions['say'];
}

/**
 * A running demo shift: the hub seeded with the shift, one bench per station (agent, simulated
 * scanner, a simulated ZPL printer on TCP, a simulated print program on WebSocket for each
 * platform of its orders, a simulated packer) and the incident stager. Screens and simulators
 * listen on loopback, on the ports asked for or free ones. Nothing moves until `begin()`.
 */
export class DemoShiftRun {
  private constructor(
    readonly hub: Hub,
    readonly token: string,
    readonly benches: ReadonlyMap<string, Bench>,
    readonly stager: IncidentStager,
    readonly schedule: readonly Incident[],
    readonly dataDir: string,
    private readonly removeData: boolean,
  ) {}

  static async start(options: DemoOptions): Promise<DemoShiftRun> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'packgate-demo-'));
    const intervalMs = options.intervalMs ?? DEMO_INTERVAL_MS;
    const removeData = options.dataDir === undefined;
    const hub = await Hub.start({
      site: HUB_DEFAULTS.site,
      host: HUB_DEFAULTS.host,
      port: options.port,
      mqttPort: options.mqttPort,
      dataDir: join(dataDir, 'hub'),
    }).catch((err: unknown) => {
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
      throw err;
    });
    const benches = new Map<string, Bench>();
    const run = Date.now().toString(36).slice(-4).toUpperCase();
    try {
      const token = await hub.createToken('demo manager', 'manager');
      const shift = demoShift(DEMO_STATIONS, run);
      seed(hub, shift.commands);
      const screenPorts = portsFrom(options.screenPort ?? 0);
      const simPorts = portsFrom(options.simPort ?? 0);
      for (const [index, [id, plan]] of Object.entries(shift.plans).entries()) {
        // The first bench films its orders with the simulated camera (about 2 % of a core, docs/hardware.md).
        const place = { dataDir: join(dataDir, id), intervalMs, screenPort: screenPorts(), simPorts, camera: index === 0 };
        benches.set(id, await startBench(hub, id, plan, place));
      }
      const stager = new IncidentStager({
        benches,
        refundBot: new ApiCaller(hub.httpUrl, await hub.createToken('demo refund bot', 'integration')),
        // Setting a mapping row takes a manager on the API; here it stands for the channel's catalog sync.
        channelSync: new ApiCaller(hub.httpUrl, await hub.createToken('demo channel sync', 'manager')),
        intervalMs,
        say: options.say,
      });
      return new DemoShiftRun(hub, token, benches, stager, incidentSchedule(DEMO_STATIONS, intervalMs), dataDir, removeData);
    } catch (err) {
      await Promise.all([...benches.values()].map((bench) => closeBench(bench)));
      await hub.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  /** The packers start packing and the incidents are staged. */
  begin(): void {
    for (const bench of this.benches.values()) bench.packer.start();
    this.stager.start(this.schedule);
  }

  async close(): Promise<void> {
    await this.stager.close();
    for (const bench of this.benches.values()) bench.packer.stop();
    await Promise.all([...this.benches.values()].map((bench) => closeBench(bench)));
    await this.hub.close();
    if (this.removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * One bench: the agent with its simulated scanner, its simulated ZPL printer on TCP (the seller's
 * own-contract orders), the simulated print programs of its orders' platforms, and its packer.
 */
/** Ports counted up from `base`; a base of 0 gives 0 (a free port) every time. */
export function portsFrom(base: number): () => number {
  let next = base;
  return () => (base === 0 ? 0 : next++);
}

interface BenchPlace {
  readonly dataDir: string;
  readonly intervalMs: number;
  readonly screenPort: number;
  readonly simPorts: () => number;
  /** Film the bench's orders with the simulated camera. */
  readonly camera: boolean;
}

async function startBench(hub: Hub, id: string, plan: PackerPlan, { dataDir, intervalMs, screenPort, simPorts, camera }: BenchPlace): Promise<Bench> {
  // A kept --data folder already knows the station: issue a fresh password each run.
  const login = await hub.provisionStation(id, { replace: true });
  const scanner = new SimulatedScanner();
  // Each parcel swings for 600 ms on a 2 g division, then now and then flickers by one division.
  const scale = new SimulatedScale({ divisionGrams: 2, flicker: 0.05 });
  const programs: WaybillPrinterSimulator[] = [];
  const printer = await SimulatedPrinterTransport.start({ port: simPorts() });
  try {
    for (const platform of planPlatforms(plan)) programs.push(await WaybillPrinterSimulator.start({ platform, host: '127.0.0.1', port: simPorts() }));
    const agent = await StationAgent.start({
      id,
      site: HUB_DEFAULTS.site,
      hubUrl: hub.mqttUrl,
      dataDir,
      scanner,
      scale,
      printer,
      printPrograms: programs.map((program): WaybillPrinterSpec => ({ kind: 'waybill', platform: program.platform, url: program.url })),
      httpPort: screenPort,
      ...(camera ? { camera: { kind: 'sim' } as const } : {}),
      mqttUsername: login.username,
      mqttPassword: login.password,
    });
    return {
      agent,
      scanner,
      printer: printer.simulator,
      programs: new Map(programs.map((program) => [program.platform, program])),
      packer: new DemoPacker(agent, scanner, plan, intervalMs, scale),
    };
  } catch (err) {
    await printer.close();
    await Promise.all(programs.map((program) => program.close()));
    throw err;
  }
}

/** The agent closes its scanner and its ZPL printer (and that printer's simulator); the print programs are the bench's. */
async function closeBench(bench: Bench): Promise<void> {
  await bench.agent.close();
  await Promise.all([...bench.programs.values()].map((program) => program.close()));
}

/** What a bench prints on, for the console: `ZPL tcp:127.0.0.1:40211 (own-contract orders); cainiao:ws://127.0.0.1:40213 …`. */
export function benchPrinters(bench: Pick<Bench, 'printer' | 'programs'>): string {
  const programs = [...bench.programs.values()].map((program) => program.spec);
  return [`ZPL tcp:${bench.printer.host}:${bench.printer.port} (own-contract orders)`, ...(programs.length > 0 ? [`print programs ${programs.join(' ')}`] : [])].join('; ');
}

/** The hub learns the shift. A change an earlier run left pending in a kept folder is rolled back first. */
function seed(hub: Hub, commands: readonly DomainCommand[]): void {
  const context = { now: new Date(), actor: { kind: 'system', id: 'demo' } } as const;
  for (const pending of Object.values(hub.domainState.pendingMappings)) {
    hub.execute({ type: 'rollbackMapping', channel: pending.channel, channelSku: pending.channelSku }, context);
  }
  for (const command of commands) {
    const result = hub.execute(command, context);
    if (!result.ok) console.error(`packgate: demo seed ${command.type} refused: ${result.code}`);
  }
}
