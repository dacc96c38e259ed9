import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateFolder } from '../common/atomic-file.js';
import { DataLock } from '../common/data-lock.js';
import { Journal } from '../common/journal.js';
import { createLogger } from '../common/log.js';
import { PACKGATE_VERSION } from '../common/version.js';
import type { DeviceStatus, HubAck, HubCommand, StationEvent, StationStatus } from '../protocol/index.js';
import { assertTopicId } from '../protocol/topics.js';
import { PAYLOAD_VERSION } from '../protocol/wire.js';
import { DockDriver } from './agent/dock-driver.js';
import { cameraStatus, evidenceCommands, openEvidenceKeeper, startCamera } from './agent/evidence-wiring.js';
import { commandAck, needsAck, onHubCommand } from './agent/hub-commands.js';
import { LabelDriver } from './agent/labels.js';
import { openPrintPrograms, scaleHealth } from './agent/devices.js';
import { printerRefusal, type StationOptions } from './agent/options.js';
import { PackDriver, type Applied } from './agent/pack-driver.js';
import { Recorder, unjournaled } from './agent/recorder.js';
import type { EvidenceKeeper } from './camera/evidence.js';
import type { CameraRecorder } from './camera/recorder.js';
import { StationScreen } from './http/server.js';
import { dockScreenView, type DockScreenView } from './http/dock-view.js';
import { diskFullNotice, scaleView, screenView } from './http/view.js';
import { HubLink } from './link/hub-link.js';
import { HubPresence } from './link/hub-presence.js';
import { Outbox } from './link/outbox.js';
import type { WaybillPlatform } from '../protocol/waybill-vocabulary.js';
import type { PrinterTransport } from './printer/transport.js';
import type { WeightSample } from './scale/source.js';
import { HubCopy } from './store/hub-copy.js';
import { PrintStore } from './store/print-store.js';
import { SessionStore } from './store/session-store.js';
import { RETENTION_CHECK_MS, journalRetention, trimJournal } from './store/journal-retention.js';
import { openStationState, type StationState } from './store/state.js';

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
  readonly #drainWaiters: Array<() => void> = [];
  readonly #watchers = new Set<() => void>();
  #link!: HubLink;
  #labels!: LabelDriver;
  #transport: PrinterTransport | undefined;
  #screen: StationScreen | undefined;
  #screenError: Error | undefined;
  #ticker: NodeJS.Timeout | undefined;
  #retentionTimer: NodeJS.Timeout | undefined;
  /** The oldest `seq` the journal holds, or the next one when it holds none, as its retention last left it. */
  #journalFrom = 1;
  #persistingAck: Promise<void> = Promise.resolve();
  #lock: DataLock | undefined;
  #shownWeight: { stable: boolean; grams: number } | undefined;
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
  ) {}

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
    const dir = options.dataDir;
    mkdirSync(dir, { recursive: true });
    const { journal, records } = Journal.open<StationEvent>(join(dir, 'journal.jsonl'), options.files ? { files: options.files } : {});
    const { store: sessions, saved } = SessionStore.open(join(dir, 'session.json'), options.id);
    const recovered = unjournaled(saved.pending, records.at(-1)?.seq ?? 0);
    journal.appendAll(recovered);
    records.push(...recovered);
    if (recovered.length > 0) log.warn({ events: recovered.length }, 'journaled events written ahead before a crash');
    // What a crash left in the page cache only is synced before the outbox sends any of it.
    await journal.synced();
    const state = await openStationState(join(dir, 'state.json'));
    state.data.bdSeq += 1;
    // A state recovered beside a journal keeps the folder's incarnation, which its events carry.
    if (state.data.incarnation === undefined && records.at(-1)?.incarnation !== undefined) state.data.incarnation = records.at(-1)!.incarnation;
    await state.write();
    const lastSeq = records.at(-1)?.seq ?? 0;
    const outbox = new Outbox(records, state.data.ackedSeq);
    log.info({ station: options.id, lastSeq, pending: outbox.size }, 'station journal opened');

    const copy = await HubCopy.open(join(dir, 'hub-copy.json'), options.policy);
    const refusal = printerRefusal(options, copy.policy.flow);
    if (refusal) {
      await copy.close();
      journal.close();
      throw refusal;
    }
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
    agent.#journalFrom = records[0]?.seq ?? lastSeq + 1;
    agent.#trimJournal();
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
    const listsUpdated = () => {
      driver.input({ type: 'lists_updated' });
      this.#changed();
    };
    this.#link = new HubLink({
      url: options.hubUrl,
      site: options.site,
      station: options.id,
      outbox: this.outbox,
      status: () => this.status(),
      presence: this.presence,
      handlers: {
        onAck: (ack) => this.#onAck(ack),
        onCommand: (command) => {
          onHubCommand(command, { copy, input: (input) => driver.input(input), evidence: evidenceCommands(this.#evidence, options.dataDir, (frame) => this.#link.publishFile(frame), () => this.#changed()) });
          if (needsAck(command)) this.#acknowledge(command);
        },
        onStops: (list) => (copy.replaceStops(list), listsUpdated()),
        onFreezes: (list) => (copy.replaceFreezes(list), listsUpdated()),
        onSitePolicy: (policy) => (copy.replaceSitePolicy(policy), this.#changed()),
        onMapping: (snapshot) => (copy.replaceMapping(snapshot), listsUpdated()),
        onMappingDelta: (delta) => copy.applyMappingDelta(delta) && listsUpdated(),
        heldMappingVersion: () => copy.versions().mapping,
        ...(dock ? { onDock: (manifest: Parameters<DockDriver['manifestArrived']>[0], retained: boolean) => dock.manifestArrived(manifest, retained) } : {}),
      },
      ...(options.mqttPassword !== undefined ? { username: options.mqttUsername ?? options.id, password: options.mqttPassword } : {}),
      ...(options.onSiteRefused ? { onSiteRefused: options.onSiteRefused } : {}),
      journalPath: this.journal.path,
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
      driver.onApplied((applied) => (this.#dropPrintData(applied), this.#evidence.onEvents(applied.events, applied.session.phase), this.#refresh())),
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
    this.#retentionTimer = setInterval(() => this.#trimJournal(), RETENTION_CHECK_MS);
    this.#retentionTimer.unref();
    this.#labels.start();
    this.#link.start();
    await options.scanner.open();
    await options.scale?.open();
  }

  /** The screen follows the scale when its weight settles or leaves: not on every swinging reading. */
  #weighed(sample: WeightSample): void {
    const shown = this.#shownWeight;
    if (shown?.stable === sample.stable && (!sample.stable || shown.grams === sample.reading.grams)) return;
    this.#shownWeight = { stable: sample.stable, grams: sample.reading.grams };
    // A parcel held on `weight_mismatch` is weighed again, and a verified pre-printed order waiting for
    // its seal is weighed now: the session decides whether it passes.
    const session = this.driver.session;
    const awaitsSeal = session.phase === 'verified' && session.order?.flow === 'verify-preprinted';
    if (sample.stable && (session.block?.reason === 'weight_mismatch' || awaitsSeal)) this.driver.input({ type: 'reweighed' });
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
  async drained(): Promise<void> {
    await this.recorder.published();
    if (this.outbox.size === 0) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
  }

  /** The dock session (`mode: 'dock'`), or undefined at a packing bench. */
  get dock(): DockDriver | undefined {
    return this.#dock;
  }

  /** What the dock's screen shows now (`mode: 'dock'`). */
  dockView(): DockScreenView | undefined {
    if (!this.#dock) return undefined;
    return dockScreenView({
      station: this.options.id,
      dock: this.#dock,
      scanner: this.options.scanner.status(),
      printer: this.#labels.status(),
      hub: { connected: this.presence.connectedToBroker, live: this.presence.live, lastHeardAt: this.presence.lastHeardAt(Date.now()) },
      hubSilenceMs: this.copy.policy.hubSilenceMs,
    });
  }

  /** What the packer's screen shows now. */
  view() {
    const view = screenView({
      station: this.options.id,
      display: this.driver.display(),
      scanner: this.options.scanner.status(),
      ...(this.options.scale ? { scale: scaleView(this.options.scale) } : {}),
      ...(this.#camera ? { camera: cameraStatus(this.#camera, this.#evidence) } : {}),
      printer: this.#labels.status(),
      programs: this.#labels.programStatuses(),
      hub: { connected: this.presence.connectedToBroker, live: this.presence.live, lastHeardAt: this.presence.lastHeardAt(Date.now()) },
      hubSilenceMs: this.copy.policy.hubSilenceMs,
    });
    const disk = this.driver.diskTrouble;
    return disk ? { ...view, notice: diskFullNotice(disk.code) } : view;
  }

  /** The data folder: `fault` while the disk refuses pack steps (scans are not taken). */
  storageStatus(): DeviceStatus {
    const disk = this.driver.diskTrouble;
    return disk ? { kind: 'disk', state: 'fault', detail: `${disk.code}: scans refused since ${new Date(disk.since).toISOString()}` } : { kind: 'disk', state: 'ok' };
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
      journalFrom: this.#journalFrom,
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
    clearInterval(this.#retentionTimer);
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
    await this.#persistingAck;
    await this.copy.close();
    this.sessions.close();
    this.journal.close();
    this.#lock?.release();
  }

  /**
   * A platform order's print data leaves the station's held tasks once its labels printed or
   * its parcels were sealed, or the order left the bench unfinished (cancelled, put aside);
   * the session keeps its own copy while the order is on the bench, for a REPRINT there.
   */
  #dropPrintData(applied: Applied): void {
    const s = applied.session;
    for (const { body } of applied.events) {
      if (!('order' in body) || body.order === null) continue;
      const ended = body.type === 'pack.order_cancelled' || body.type === 'pack.order_aside';
      const released = (body.type === 'pack.label_printed' || body.type === 'pack.sealed') && (s.phase === 'printed' || s.phase === 'sealed');
      if (ended || released) this.copy.dropPrintData(body.order.taskId);
    }
  }

  /**
   * Drops the journal's acked events beyond its retention (station/store/journal-retention.ts);
   * a failure is logged and leaves the journal whole, to be tried again.
   */
  #trimJournal(): void {
    const retention = this.options.journalRetention ?? journalRetention();
    try {
      const trimmed = trimJournal(this.journal, this.outbox.ackedSeq, retention);
      // Empty now: the next event journaled is the oldest.
      this.#journalFrom = trimmed.firstSeq ?? this.recorder.lastSeq + 1;
      if (trimmed.dropped > 0) this.#link?.publishStatus();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'journal not trimmed; it keeps every event until the next try');
    }
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

  /**
   * Tells the hub that a command it sent has been applied (a stop reached the session): a
   * `cmd.ack` event, journaled and sent like any other, after the events the command made.
   */
  #acknowledge(command: HubCommand): void {
    const events = this.recorder.build([commandAck(command)], this.driver.now());
    try {
      this.recorder.commit(events);
    } catch (err) {
      // A full disk: the hub sees no cmd.ack for this command (it shows the stop as not confirmed).
      this.recorder.discard(events);
      log.error({ err: (err as Error).message, cmd: command.id }, 'could not journal a command acknowledgement');
    }
  }

  #onAck(ack: HubAck): void {
    // An ack of another incarnation's events (this folder's predecessor) says nothing of ours.
    if (ack.incarnation !== undefined && ack.incarnation !== this.state.data.incarnation) return;
    if (!this.outbox.ack(ack.upTo)) return;
    this.state.data.ackedSeq = this.outbox.ackedSeq;
    // lowdb coalesces overlapping writes; losing the newest cursor to a crash only re-sends acked events.
    this.#persistingAck = this.state.write().catch((err: Error) => log.warn({ err: err.message }, 'could not save the acked sequence; acked events may be sent again'));
    if (this.outbox.size === 0) for (const wake of this.#drainWaiters.splice(0)) wake();
  }
}
