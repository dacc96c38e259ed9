import { join } from 'node:path';
import { ensurePrivateFolder } from '../common/atomic-file.js';
import { DataLock } from '../common/data-lock.js';
import type { Journal } from '../common/journal.js';
import { createLogger } from '../common/log.js';
import { PACKGATE_VERSION } from '../common/version.js';
import type { DeviceStatus, StationEvent, StationStatus } from '../protocol/index.js';
import { assertTopicId } from '../protocol/topics.js';
import { PAYLOAD_VERSION } from '../protocol/wire.js';
import type { WaybillPlatform } from '../protocol/waybill-vocabulary.js';
import { AckCursor } from './agent/ack-cursor.js';
import { DockDriver } from './agent/dock-driver.js';
import { cameraStatus, openEvidenceKeeper, startCamera } from './agent/evidence-wiring.js';
import { JournalTrim } from './agent/journal-trim.js';
import { LabelDriver } from './agent/labels.js';
import { openHubLink } from './agent/link-wiring.js';
import { openPrintPrograms, scaleHealth } from './agent/devices.js';
import type { StationOptions } from './agent/options.js';
import { PackDriver } from './agent/pack-driver.js';
import { printDataReleased } from './agent/print-data-release.js';
import { Recorder } from './agent/recorder.js';
import { dockScreen, packScreen, storageStatus, type ShownParts } from './agent/screens.js';
import { openStationStores } from './agent/stores.js';
import { nextShownWeight, reweighDue, type ShownWeight } from './agent/weight-shown.js';
import type { EvidenceKeeper } from './camera/evidence.js';
import type { CameraRecorder } from './camera/recorder.js';
import { StationScreen } from './http/server.js';
import type { DockScreenView } from './http/dock-view.js';
import type { ScreenView } from './http/view.js';
import type { HubLink } from './link/hub-link.js';
import { HubPresence } from './link/hub-presence.js';
import type { Outbox } from './link/outbox.js';
import type { PrinterTransport } from './printer/transport.js';
import type { WeightSample } from './scale/source.js';
import type { HubCopy } from './store/hub-copy.js';
import { PrintStore } from './store/print-store.js';
import type { SessionStore } from './store/session-store.js';
import { journalRetention } from './store/journal-retention.js';
import type { StationState } from './store/state.js';

export type { StationOptions } from './agent/options.js';

const log = createLogger('station.agent');
const TICK_MS = 1000;

/**
 * The station agent: scans drive the pack session; its events are written ahead with the
 * session, journaled, and kept in the outbox until the hub acknowledges them (invariant 2);
 * labels print only through the session's gate (invariant 1); hub lists and commands reach the
 * session at once (invariant 3); the packer's screen follows it live, hub or no hub.
 */
export class StationAgent {
  #closing: Promise<void> | undefined;
  readonly #unsubscribe: Array<() => void> = [];
  readonly #watchers = new Set<() => void>();
  #link!: HubLink;
  #labels!: LabelDriver;
  #transport: PrinterTransport | undefined;
  #screen: StationScreen | undefined;
  #screenError: Error | undefined;
  #ticker: NodeJS.Timeout | undefined;
  readonly #acks: AckCursor;
  #journalTrim!: JournalTrim;
  #lock: DataLock | undefined;
  #shownWeight: ShownWeight | undefined;
  #camera: CameraRecorder | null = null;
  #evidence!: EvidenceKeeper;
  #dock: DockDriver | undefined;

  private constructor(
    readonly options: StationOptions,
    private readonly journal: Journal<StationEvent>,
    private readonly state: StationState,
    readonly outbox: Outbox,
    readonly copy: HubCopy,
    readonly presence: HubPresence,
    readonly recorder: Recorder,
    readonly driver: PackDriver,
    private readonly sessions: SessionStore,
  ) {
    this.#acks = new AckCursor(outbox, state, recorder);
  }

  /** Starts the agent; `DATA_LOCKED` if another process holds `dataDir`. */
  static async start(options: StationOptions): Promise<StationAgent> {
    assertTopicId('station', options.id);
    ensurePrivateFolder(options.dataDir);
    const lock = await DataLock.acquire(options.dataDir, `station ${options.id}`);
    try {
      const agent = await StationAgent.#start(options);
      agent.#lock = lock;
      return agent;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  static async #start(options: StationOptions): Promise<StationAgent> {
    const { journal, records, lastSeq, sessions, saved, state, outbox, copy } = await openStationStores(options);
    const presence = new HubPresence();
    let send = (_event: StationEvent): void => undefined;
    const recorder = new Recorder(options.id, journal, outbox, (event) => send(event), lastSeq, state.data.incarnation);
    const driver = new PackDriver({
      station: options.id,
      session: saved.session,
      label: saved.label,
      store: sessions,
      copy,
      recorder,
      lastHeardAt: (now) => presence.lastHeardAt(now),
      ...(options.scale ? { scale: () => scaleHealth(options.scale!) } : {}),
      ...(options.warehouse === undefined ? {} : { warehouse: options.warehouse }),
    });
    const agent = new StationAgent(options, journal, state, outbox, copy, presence, recorder, driver, sessions);
    agent.#journalTrim = new JournalTrim({
      journal,
      outbox,
      recorder,
      retention: options.journalRetention ?? journalRetention(),
      from: records[0]?.seq ?? lastSeq + 1,
      onDropped: () => agent.#link?.publishStatus(),
    });
    agent.#journalTrim.trim();
    // An event recorded before the link exists (a label resolved while the agent starts) waits in
    // the outbox, which the link sends whole once it connects: nothing is lost by not sending it now.
    send = (event) => agent.#link?.send(event);
    await agent.#startEvidence(records, saved.session.order?.task.taskId ?? null);
    await agent.#wire();
    return agent;
  }

  async #wire(): Promise<void> {
    const { options, copy, driver } = this;
    const { store: prints, state: printState } = PrintStore.open(join(options.dataDir, 'print-queue.json'));
    const transport = options.printer;
    this.#transport = transport ?? undefined;
    if (options.mode === 'dock') {
      this.#dock = new DockDriver({
        station: options.id,
        path: join(options.dataDir, 'dock-session.json'),
        recorder: this.recorder,
        printer: this.#transport,
        lastHeardAt: (now) => this.presence.lastHeardAt(now),
        hubSilenceMs: () => copy.policy.hubSilenceMs,
      });
    }
    const dock = this.#dock;
    this.#labels = new LabelDriver({
      driver,
      ...(transport ? { transport } : {}),
      programs: await openPrintPrograms(options),
      store: prints,
      ...(printState ? { state: printState } : {}),
      ...(options.printTiming ? { timing: options.printTiming } : {}),
      timeZone: copy.policy.timeZone,
      onStatus: () => this.#changed(),
    });
    this.#link = openHubLink({
      options,
      outbox: this.outbox,
      presence: this.presence,
      copy,
      driver,
      recorder: this.recorder,
      evidence: this.#evidence,
      dock,
      journalPath: this.journal.path,
      status: () => this.status(),
      onAck: (ack) => this.#acks.onAck(ack),
      changed: () => this.#changed(),
    });
    if (options.httpPort !== undefined) {
      try {
        this.#screen = await StationScreen.start({
          host: options.httpHost ?? '127.0.0.1',
          port: options.httpPort,
          view: () => this.dockView() ?? this.view(),
          onInput: (input) => (input.type === 'carrier' ? dock?.chooseCarrier(input.carrier) : this.driver.input(input)),
        });
      } catch (err) {
        // Packing goes on without the screen (the hub still gets every event); say so loudly.
        this.#screenError = err as Error;
        log.warn({ err: (err as Error).message, port: options.httpPort }, "the packer's screen could not be served");
      }
    }
    this.#unsubscribe.push(
      driver.onApplied((applied) => (printDataReleased(applied).forEach((task) => copy.dropPrintData(task)), this.#evidence.onEvents(applied.events, applied.session.phase), this.#refresh())),
      driver.onDiskChange(() => this.#changed()),
      this.presence.onChange(() => (this.#labels.check(), this.#refresh())),
      options.scanner.onScan((scan) => (dock ? dock.scan(scan) : driver.scan(scan))),
      ...(dock ? [dock.onChange(() => this.#refresh())] : []),
      options.scanner.onStatus(() => (this.#link.publishStatus(), this.#refresh())),
      ...(options.scale ? [options.scale.onStatus(() => (this.#labels.check(), this.#changed())), options.scale.onWeight((sample) => this.#weighed(sample))] : []),
      ...(this.#camera ? [this.#camera.onStatus(() => this.#changed())] : []),
    );
    this.#ticker = setInterval(() => {
      driver.input({ type: 'tick' });
      this.#labels.check();
      this.#refresh();
    }, TICK_MS);
    this.#journalTrim.start();
    this.#labels.start();
    this.#link.start();
    await options.scanner.open();
    await options.scale?.open();
  }

  /** The screen follows the scale when its weight settles or leaves (weight-shown.ts); the session judges a weight due. */
  #weighed(sample: WeightSample): void {
    const shown = nextShownWeight(this.#shownWeight, sample);
    if (!shown) return;
    this.#shownWeight = shown;
    if (reweighDue(this.driver.session, sample)) this.driver.input({ type: 'reweighed' });
    this.#labels.check();
    this.#refresh();
  }

  /** The camera, if one is configured, and the evidence keeper (station/agent/evidence-wiring.ts). */
  async #startEvidence(records: readonly StationEvent[], benchTaskId: string | null): Promise<void> {
    this.#camera = await startCamera(this.options);
    this.#evidence = openEvidenceKeeper(this.options, this.#camera, records, benchTaskId, {
      timeZone: () => this.copy.policy.timeZone,
      commit: (body) => this.recorder.commit(this.recorder.build([body], this.driver.now())),
      onChange: () => this.#changed(),
    });
  }

  /** The bench camera's recorder, if the station has one. */
  get camera(): CameraRecorder | null {
    return this.#camera;
  }

  /** The packing evidence: clips stored, pins, retention. */
  get evidence(): EvidenceKeeper {
    return this.#evidence;
  }

  get lastSeq(): number {
    return this.recorder.lastSeq;
  }

  get connected(): boolean {
    return this.#link.connected;
  }

  /** The print queue (its jobs, their states). */
  get printQueue(): LabelDriver['queue'] {
    return this.#labels.queue;
  }

  /** A print program's queue (its jobs, their states), if the station drives that platform's program. */
  programQueue(platform: WaybillPlatform): ReturnType<LabelDriver['programQueue']> {
    return this.#labels.programQueue(platform);
  }

  /** Where the packer's screen is served, if it is. */
  get screenUrl(): string | undefined {
    return this.#screen?.url;
  }

  /** Why the packer's screen is not served (e.g. `SCREEN_PORT_IN_USE`), if it was asked for and failed. */
  get screenError(): Error | undefined {
    return this.#screenError;
  }

  /** Calls `listener` whenever the session, the link, a held list or a device may have changed. */
  onUpdate(listener: () => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /** Resolves when the hub has acknowledged every event journaled so far. */
  drained(): Promise<void> {
    return this.#acks.drained();
  }

  /** The dock session (`mode: 'dock'`), or undefined at a packing bench. */
  get dock(): DockDriver | undefined {
    return this.#dock;
  }

  /** What the dock's screen shows now (`mode: 'dock'`). */
  dockView(): DockScreenView | undefined {
    return this.#dock ? dockScreen(this.#shown(), this.#dock) : undefined;
  }

  /** What the packer's screen shows now. */
  view(): ScreenView {
    return packScreen(this.#shown());
  }

  /** The data folder: `fault` while the disk refuses pack steps (scans are not taken). */
  storageStatus(): DeviceStatus {
    return storageStatus(this.driver.diskTrouble);
  }

  status(): StationStatus {
    return {
      v: PAYLOAD_VERSION,
      station: this.options.id,
      state: 'online',
      bdSeq: this.state.data.bdSeq,
      ...(this.state.data.incarnation === undefined ? {} : { incarnation: this.state.data.incarnation }),
      at: new Date().toISOString(),
      agent: PACKGATE_VERSION,
      lastSeq: this.recorder.lastSeq,
      ackedSeq: this.outbox.ackedSeq,
      journalFrom: this.#journalTrim.from,
      scanner: this.options.scanner.status(),
      ...(this.#labels ? { printer: this.#labels.status() } : {}),
      ...(this.#labels && this.options.printPrograms?.length ? { printPrograms: this.#labels.programStatuses() } : {}),
      ...(this.options.scale ? { scale: this.options.scale.status() } : {}),
      camera: cameraStatus(this.#camera, this.#evidence),
      versions: this.copy.versions(),
      policy: { hubSilenceMs: this.copy.policy.hubSilenceMs, weightTolerance: this.copy.weightTolerance },
      ...(this.driver.diskTrouble ? { storage: this.storageStatus() } : {}),
    };
  }

  /** Stops everything the agent started; a second call waits for the first instead of closing twice. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    clearInterval(this.#ticker);
    this.#journalTrim.stop();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.options.scanner.close();
    await this.options.scale?.close();
    this.#evidence.close();
    await this.#camera?.close();
    await this.#evidence.idle();
    await this.#screen?.close();
    await this.#labels.close();
    await this.#transport?.close();
    await this.#link.close();
    await this.#acks.saved();
    await this.copy.close();
    this.sessions.close();
    this.journal.close();
    this.#lock?.release();
  }

  #shown(): ShownParts {
    return { options: this.options, driver: this.driver, labels: this.#labels, presence: this.presence, copy: this.copy, camera: this.#camera, evidence: this.#evidence };
  }

  /** A device or a held version changed: tell the hub and the screen. */
  #changed(): void {
    this.#link?.publishStatus();
    this.#refresh();
  }

  #refresh(): void {
    this.#screen?.refresh();
    for (const watcher of this.#watchers) watcher();
  }
}
