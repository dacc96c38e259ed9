import { join } from 'node:path';
import type { FileLayer } from '../../common/file-io.js';
import { onTestFinished } from 'vitest';
import type { StationCredentials } from '../../hub/broker/station-registry.js';
import type { DomainCommand } from '../../hub/domain/schemas.js';
import { Hub, type HubOptions } from '../../hub/hub.js';
import { StationAgent, type StationOptions } from '../../station/agent.js';
import { SimulatedPrinterTransport } from '../../firmware-sim/printer/transport.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import type { ScannerSource } from '../../station/scanner/source.js';
import type { ScaleSource } from '../../station/scale/source.js';
import { FAST_PRINTING, FAST_PROGRAM, run, seedShop, until } from './station.js';
import { TabletClient } from './tablet-client.js';
import { tempDir } from './temp-dir.js';

/** A close step still running after this is given up (and named), so the rest close inside the hook's 20 s. */
const STEP_LIMIT_MS = 6000;

/** What a test asks the rig to start. */
export interface RigOptions {
  /** The MQTT topic root's site. */
  readonly site: string;
  /** Seeds the shop (`seedShop`) with these orders; none seeds nothing. */
  readonly shop?: readonly string[];
  /** Hub commands run as a manager after the shop is seeded and before the station starts. */
  readonly seed?: readonly DomainCommand[];
  /** Connect a manager tablet to the feed at start (default true); `connectTablet()` adds one later. */
  readonly tablet?: boolean;
  /** Hub options beyond the rig's own (the patrol's limits and period, the site's weight tolerance). */
  readonly hub?: RigHubOptions;
  /** The station agent (default id `P1`, the rig's simulated scanner and printer, fast print timings). */
  readonly station?: RigStationOptions;
  /** The disk under the hub's history (default node:fs): a simulated one for disk-full and power-cut tests. */
  readonly hubFiles?: FileLayer;
}

/** The hub options a test may set; `startHub` takes them again for a hub restarted with other settings. */
export type RigHubOptions = Pick<HubOptions, 'stuckLimits' | 'patrolMs' | 'weightTolerance'>;

export interface RigStationOptions {
  readonly id?: string;
  /** Another scanner source than the rig's `SimulatedScanner` (a serial driver, say); the agent closes it. */
  readonly scanner?: ScannerSource;
  /** The bench scale, if the station has one; the agent opens and closes it. */
  readonly scale?: ScaleSource;
  readonly policy?: StationOptions['policy'];
  /** The platforms' print programs the station drives, beside the rig's simulated ZPL printer. */
  readonly printPrograms?: StationOptions['printPrograms'];
  /** The bench camera and its clip tuning (default: none). */
  readonly camera?: StationOptions['camera'];
  readonly evidence?: StationOptions['evidence'];
  /** The disk under the station's journal (default node:fs). */
  readonly files?: FileLayer;
}

/**
 * A hub with its embedded broker and a data dir, the shop seeded, a manager tablet, and a station
 * agent with a simulated scanner and printer that has heard the hub and its stop and freeze lists.
 * Everything it starts is closed by `close()` in reverse order, which runs when the test finishes,
 * passed or failed; a part a test stops itself (`stopHub`, `stopStation`) is not closed twice.
 */
export class StationRig {
  readonly scanner = new SimulatedScanner();
  readonly #dir = tempDir();
  readonly #tablets: TabletClient[] = [];
  #hub: Hub | undefined;
  #mqttPort = 0;
  #agent: StationAgent | undefined;
  #printer: SimulatedPrinterTransport | undefined;
  #login: StationCredentials | undefined;
  #token = '';
  #closed: Promise<void> | undefined;

  private constructor(private readonly options: RigOptions) {}

  /** Starts what `options` ask for; called inside a test, which closes it when it finishes. */
  static async start(options: RigOptions): Promise<StationRig> {
    const rig = new StationRig(options);
    onTestFinished(() => rig.close());
    const hub = await rig.startHub();
    if (options.shop) seedShop(hub, options.shop);
    run(hub, ...(options.seed ?? []));
    rig.#token = await hub.createToken('test manager', 'manager');
    if (options.tablet ?? true) await rig.connectTablet();
    await rig.startStation();
    return rig;
  }

  /** The directory under which the hub (`hub/`) and the station (`{id}/`) keep their data. */
  get dir(): string {
    return this.#dir.path;
  }

  /** The manager token of the tablets; it lives in the hub's data dir, so it outlasts a hub restart. */
  get token(): string {
    return this.#token;
  }

  get hub(): Hub {
    if (!this.#hub) throw new Error('the rig has no hub running');
    return this.#hub;
  }

  get agent(): StationAgent {
    if (!this.#agent) throw new Error('the rig has no station running');
    return this.#agent;
  }

  /** The printer of the running station. */
  get printer(): SimulatedPrinterTransport {
    if (!this.#printer) throw new Error('the rig has no station running');
    return this.#printer;
  }

  /** The first tablet connected. */
  get tablet(): TabletClient {
    const [tablet] = this.#tablets;
    if (!tablet) throw new Error('the rig has no tablet');
    return tablet;
  }

  /**
   * Starts the hub on the data dir, its broker on `mqttPort`: by default the port the hub before
   * it had, so that the station and tablets find it again; 0 picks a new one nobody follows.
   * `hub` replaces the rig's hub options for this start (a site setting changed between runs).
   */
  async startHub(mqttPort = this.#mqttPort, hub: RigHubOptions | undefined = this.options.hub): Promise<Hub> {
    if (this.#hub) throw new Error('the hub is running already');
    const files = this.options.hubFiles;
    this.#hub = await Hub.start({ site: this.options.site, host: '127.0.0.1', port: 0, mqttPort, dataDir: join(this.dir, 'hub'), ...hub, ...(files ? { files } : {}) });
    this.#mqttPort = Number(new URL(this.#hub.mqttUrl).port);
    return this.#hub;
  }

  async stopHub(): Promise<void> {
    const hub = this.hub;
    this.#hub = undefined;
    await hub.close();
  }

  /**
   * Connects a manager tablet to the running hub. Given `resume`, it starts with that tablet's
   * records and asks only for what came after them, as a tablet does on reconnecting.
   */
  async connectTablet(resume?: TabletClient): Promise<TabletClient> {
    const tablet = new TabletClient(this.hub.httpUrl, this.token);
    if (resume) tablet.records.push(...resume.records);
    this.#tablets.push(tablet);
    await tablet.connect();
    return tablet;
  }

  /** Starts the station agent (again, on the same data dir) and resolves once it has the hub's stop and freeze lists. */
  async startStation(): Promise<StationAgent> {
    if (this.#agent) throw new Error('the station is running already');
    const { id = 'P1', scanner = this.scanner, scale, policy, printPrograms, camera, evidence, files } = this.options.station ?? {};
    const login = (this.#login ??= await this.hub.provisionStation(id));
    const printer = await SimulatedPrinterTransport.start();
    try {
      this.#agent = await StationAgent.start({
        id,
        site: this.options.site,
        hubUrl: this.hub.mqttUrl,
        dataDir: join(this.dir, id),
        scanner,
        ...(scale ? { scale } : {}),
        printer,
        printTiming: FAST_PRINTING,
        ...(printPrograms ? { printPrograms, programTiming: FAST_PROGRAM } : {}),
        policy,
        ...(camera ? { camera } : {}),
        ...(evidence ? { evidence } : {}),
        mqttUsername: login.username,
        mqttPassword: login.password,
        ...(files ? { files } : {}),
      });
    } catch (error) {
      await printer.close();
      throw error;
    }
    this.#printer = printer;
    const agent = this.#agent;
    await until(agent, () => agent.presence.live && agent.copy.stopList !== null && agent.copy.freezeList !== null, 'the hub and its lists');
    return agent;
  }

  /** Closes the station agent, which closes its scanner and printer. */
  async stopStation(): Promise<void> {
    const agent = this.agent;
    this.#agent = undefined;
    this.#printer = undefined;
    await agent.close();
  }

  /** Closes the station, the tablets, the hub and removes the data dir; every step runs even if one before it fails. Idempotent. */
  close(): Promise<void> {
    return (this.#closed ??= this.#close());
  }

  async #close(): Promise<void> {
    const steps: Array<[string, () => Promise<void> | void]> = [
      ['the station', () => (this.#agent ? this.stopStation() : undefined)],
      ...this.#tablets.splice(0).reverse().map((tablet, i): [string, () => Promise<void>] => [`tablet ${i}`, () => tablet.close()]),
      ['the hub', () => (this.#hub ? this.stopHub() : undefined)],
      ['the data dir', () => this.#dir.remove()],
    ];
    const errors: unknown[] = [];
    const hung: string[] = [];
    for (const [name, step] of steps) {
      // A step that hangs is named in the failure (the hub says which of its parts it is closing) and
      // the next steps still run, rather than the whole close running into the hook's timeout unnamed.
      let limit: NodeJS.Timeout | undefined;
      const stuck = new Promise<'hung'>((resolve) => (limit = setTimeout(() => resolve('hung'), STEP_LIMIT_MS)));
      const hub = this.#hub;
      try {
        const done = Promise.resolve().then(step);
        if ((await Promise.race([done, stuck])) === 'hung') {
          hung.push(`${name}${name === 'the hub' && hub?.closingPart ? ` (its part ${hub.closingPart})` : ''}`);
          done.catch(() => undefined);
        }
      } catch (error) {
        errors.push(error);
      } finally {
        clearTimeout(limit);
      }
    }
    if (hung.length > 0) errors.unshift(new Error(`station rig: closing hung over ${STEP_LIMIT_MS} ms: ${hung.join(', ')}`));
    if (errors.length > 0) throw new AggregateError(errors, `closing the station rig: ${errors.map((error) => (error as Error).message).join('; ')}`);
  }
}
