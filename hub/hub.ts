import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ensurePrivateFolder } from '../common/atomic-file.js';
import { DataLock } from '../common/data-lock.js';
import { diskErrorCode, type FileLayer } from '../common/file-io.js';
import { createLogger } from '../common/log.js';
import { PAYLOAD_VERSION, parseStationTopic, siteTopics, type ReplayCommand, type ResendCommand } from '../protocol/index.js';
import type { WeightTolerance } from '../protocol/pack-vocabulary.js';
import { buildHubApp } from './api/app.js';
import { allParts, closeParts, type HubParts, type PartsSoFar } from './hub-parts.js';
import type { Role } from './access/roles.js';
import { defaultHubUsername } from './broker/acl.js';
import type { BrokerStats } from './broker/guard.js';
import { HubClient } from './broker/hub-client.js';
import { HubLink } from './broker/hub-link.js';
import { startSiteBroker, type MqttLogin } from './broker/site-broker.js';
import { StationRegistry, type ProvisionOptions, type StationCredentials } from './broker/station-registry.js';
import { DomainStore, type ExecuteResult } from './control/domain-store.js';
import { DomainEffects } from './control/effects.js';
import { presenceCommands } from './control/presence.js';
import { recordStartTolerance } from './control/start-tolerance.js';
import { WeighingTally } from './control/weighing-tally.js';
import { alertCounts, openAlerts } from './domain/alerts.js';
import type { CommandContext } from './domain/audit.js';
import type { DomainCommand } from './domain/schemas.js';
import { HUB_LIMITS } from './defaults.js';
import { DEFAULT_DOMAIN_CONFIG, type DomainConfig, type DomainState } from './domain/state.js';
import { INGEST_CHECKPOINT_FILE } from './ingest/checkpoint.js';
import { handleStationEvent, type StationEventHooks } from './ingest/handlers/index.js';
import { Ingest } from './ingest/ingest.js';
import { HistoryRecovery } from './ingest/recovery.js';
import { RateGate } from './ingest/rate-limit.js';
import { EvidenceFetcher } from './evidence/fetcher.js';
import { EvidenceService } from './evidence/service.js';
import { Feed, type FeedListener } from './push/feed.js';
import { TabletTally } from './push/tablet-tally.js';
import { ACK_LEDGER_FILE, AckLedger } from './store/ack-ledger.js';
import { storageHealth } from './api/health.js';
import { History } from './store/history.js';
import { HISTORY_FILE, openHubState } from './store/state.js';
import { TokenBook } from './store/token-book.js';

const log = createLogger('hub');
const TICK_MS = 15_000;
const PATROL_MS = 60_000;

export interface HubOptions {
  readonly site: string;
  /** HTTP bind address; loopback unless told otherwise. */
  readonly host: string;
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  /** Embedded broker port (ignored with mqttUrl); 0 picks a free one. */
  readonly mqttPort: number;
  /** An external broker instead of the embedded one. */
  readonly mqttUrl?: string;
  /** The hub's login on the external broker, used with `mqttPassword` (default `hub@{site}`). */
  readonly mqttUsername?: string;
  /** The hub's password on the external broker; the embedded broker makes its own. */
  readonly mqttPassword?: string;
  /** Where state and history live; none keeps everything in memory. */
  readonly dataDir?: string;
  /** Days of history kept queryable; older sealed days are archived (docs/history-store.md). Default 400; 0 keeps all. */
  readonly historyLiveDays?: number;
  /** Limits on what stations send; each absent one is its HUB_LIMITS default. */
  readonly limits?: Partial<HubLimits>;
  /** How long an order may stay at a node before the patrol raises `order-stuck` (ms; defaults 4 h, 2 h, 4 h). */
  readonly stuckLimits?: Partial<DomainConfig['stuckLimits']>;
  /** The weight check's tolerance the stations apply, sent to them on `policy` (default max(20 g, 3 %)). */
  readonly weightTolerance?: WeightTolerance;
  /** How often the patrol runs (ms, default 60 s). */
  readonly patrolMs?: number;
  /** The disk under the history (default node:fs); tests put a simulated one here. */
  readonly files?: FileLayer;
}

/** Limits on what stations send (docs/operations.md#limits). */
export interface HubLimits {
  /** Messages a second per station at ingest; 0: no limit. */
  readonly stationMessagesPerSecond: number;
  /** Payload bytes a second per station at ingest; 0: no limit. */
  readonly stationBytesPerSecond: number;
  /** How many seconds of its rates a station may send at once. */
  readonly stationBurstSeconds: number;
  /** The largest MQTT packet a station may send the embedded broker. */
  readonly mqttMaxPacketBytes: number;
}

export { HUB_DEFAULTS, HUB_LIMITS } from './defaults.js';

/** A running hub: broker (embedded or external), ingest, domain, history, HTTP API and tablet feed. */
export class Hub {
  #closing: Promise<void> | undefined;
  #closingPart: keyof HubParts | undefined;

  private constructor(
    readonly options: HubOptions,
    private readonly parts: HubParts,
    /** The URL stations connect to. */
    readonly mqttUrl: string,
    /** The tablet page and API. */
    readonly httpUrl: string,
  ) {}

  /** Starts a hub; `DATA_LOCKED` if another process holds `dataDir`. */
  static async start(options: HubOptions): Promise<Hub> {
    if (options.dataDir !== undefined) ensurePrivateFolder(options.dataDir);
    const lock = options.dataDir === undefined ? undefined : await DataLock.acquire(options.dataDir, 'hub');
    const parts: PartsSoFar = { lock };
    try {
      return await Hub.#start(options, parts);
    } catch (err) {
      // Nothing of a hub that did not start may keep running (or keep the process alive).
      await closeParts(parts).catch(() => undefined);
      throw err;
    }
  }

  /** Builds the hub, keeping each part in `parts` as it is made, so that a failure closes what there is. */
  static async #start(options: HubOptions, parts: PartsSoFar): Promise<Hub> {
    const keep = <K extends keyof HubParts>(key: K, part: HubParts[K]): HubParts[K] => (parts[key] = part);
    const topics = siteTopics(options.site);
    const data = (file: string) => options.dataDir && join(options.dataDir, file);
    const state = keep('state', await openHubState(data('hub-state.json')));
    // Before the first history record (the weight tolerance this start records).
    await state.writeIfMissing();
    const history = keep('history', History.open(data(HISTORY_FILE), {
      ...(options.files ? { files: options.files } : {}),
      ...(options.historyLiveDays === undefined ? {} : { liveDays: options.historyLiveDays }),
    }));
    const ledger = keep('ledger', AckLedger.open(data(ACK_LEDGER_FILE)));
    const domain = keep('domain', await DomainStore.open(history, data('domain.json')));
    const feed = keep('feed', new Feed(history));
    // Reads the tablets' window of the history now, at start, rather than at the first page load.
    const tally = new TabletTally(history).catchUp();
    const stations = keep('stations', new StationRegistry(state));
    const tokenBook = keep('tokens', new TokenBook(state));
    const statePath = data('hub-state.json');
    if (statePath) tokenBook.watch(statePath);
    // Every part that publishes holds the link from the start: what it sends before the client connects waits there.
    const link = new HubLink();
    const effects = keep('effects', new DomainEffects(topics, {
      publish: (topic, payload, retain) => link.publish(topic, payload, retain),
      feed: (record) => feed.publish(record),
    }, {
      mappingVersionPath: data('mapping-version.json'),
      historySeq: () => history.lastSeq,
      ...(options.weightTolerance ? { weightTolerance: options.weightTolerance } : {}),
    }));
    const execute = (command: DomainCommand, context: CommandContext): ExecuteResult => {
      const result = domain.execute(command, context);
      if (result.ok && result.record) effects.apply(result.record, domain.state);
      return result;
    };
    const evidence = keep('evidence', new EvidenceService({
      fetcher: new EvidenceFetcher({
        ...(options.dataDir === undefined ? {} : { cacheDir: join(options.dataDir, 'evidence-cache') }),
        send: (station, command) => link.publish(topics.stationCmd(station), command),
        online: (station) => ingest.statuses.get(station)?.state === 'online',
      }),
      history,
      state: () => domain.state,
      command: (station, command) => link.publish(topics.stationCmd(station), command),
    }));
    let recovery: HistoryRecovery | undefined;
    const limits: HubLimits = { ...HUB_LIMITS, ...options.limits };
    const requestReplay = (station: string, from: number) => {
      // A hole being filled by a resend needs no replay: it would repeat the outbox at every step.
      if (recovery?.filling(station)) return;
      const at = new Date().toISOString();
      const replay: ReplayCommand = { v: PAYLOAD_VERSION, id: `replay-${from}-${Date.now()}`, at, type: 'replay', from };
      link.publish(topics.stationCmd(station), replay);
    };
    const weighings = new WeighingTally();
    const eventHooks: StationEventHooks = {
      state: () => domain.state,
      execute,
      command: (station, cmd) => link.publish(topics.stationCmd(station), cmd),
      weighings,
      evidence,
    };
    const ingest = keep('ingest', new Ingest({
      topics,
      history,
      ...(options.dataDir === undefined ? {} : { checkpointPath: data(INGEST_CHECKPOINT_FILE) }),
      onStored: (record) => {
        feed.publish(record);
        if (record.kind === 'event') recovery?.stored(record.station, record.event.incarnation);
      },
      // Noted before it is sent: the ledger never says less than a station was told, but for its flush lag.
      sendAck: (station, upTo, incarnation) => {
        ledger.note(station, incarnation, upTo);
        link.sendAck(station, upTo, incarnation);
      },
      onStatus: (status) => recovery?.onStatus(status),
      onReset: (station, incarnation) => {
        const context = { now: new Date(), actor: { kind: 'station', id: station } as const, origin: station, raw: { station, incarnation } };
        execute({ type: 'stationReset', station, ...(incarnation === undefined ? {} : { incarnation }) }, context);
      },
      requestReplay,
      onEvent: (record) => void handleStationEvent(record, eventHooks),
      onStatusChange: (status, previous) => {
        const context = { now: new Date(), actor: { kind: 'station', id: status.station } as const, origin: status.station, raw: status };
        for (const command of presenceCommands(status, previous)) execute(command, context);
        if (status.state === 'online') effects.mapping.flush();
        // A station without a camera holds no clip to pin.
        if (status.state === 'online' && previous?.state !== 'online' && status.camera && status.camera.kind !== 'none') evidence.syncStation(status.station);
      },
    }));
    recovery = keep('recovery', new HistoryRecovery({
      sequence: (station, incarnation) => ingest.sequence(station, incarnation),
      requestResend: (station, incarnation, from) => {
        const at = new Date().toISOString();
        const resend: ResendCommand = { v: PAYLOAD_VERSION, id: `resend-${from}-${Date.now()}`, at, type: 'resend', from, ...(incarnation === undefined ? {} : { incarnation }) };
        link.publish(topics.stationCmd(station), resend);
      },
      onLost: (hole, reason) => {
        const context = { now: new Date(), actor: { kind: 'system', id: 'recovery' } as const, raw: { ...hole, reason } };
        execute({ type: 'historyLost', ...hole, reason }, context);
      },
      acknowledge: (station, incarnation) => ingest.acknowledge(station, incarnation),
    }));
    recovery.detect(ledger.entries(), 'ack ledger');
    const rate = { messagesPerSecond: limits.stationMessagesPerSecond, bytesPerSecond: limits.stationBytesPerSecond, burstSeconds: limits.stationBurstSeconds };
    const rateGate = keep('rateGate', new RateGate({ topics, rate, ingest, requestReplay }));
    const embedded = options.mqttUrl
      ? undefined
      : await startSiteBroker({ site: options.site, host: options.host, port: options.mqttPort, stations, maxPacketBytes: limits.mqttMaxPacketBytes });
    keep('broker', embedded?.broker);
    const login: MqttLogin | undefined =
      embedded?.hubLogin ??
      (options.mqttPassword !== undefined
        ? { username: options.mqttUsername ?? defaultHubUsername(options.site), password: options.mqttPassword }
        : undefined);
    const client = keep('client', await HubClient.connect({
      url: options.mqttUrl ?? embedded!.broker.url,
      site: options.site,
      topics,
      // A clip's file chunks bypass ingest: they are no events, and the fetch that asked bounds them.
      onStationMessage: (topic, payload) => {
        const files = parseStationTopic(topics, topic);
        if (files?.leaf === 'files') evidence.fetcher.onFrame(files.station, payload);
        else rateGate.handle(topic, payload);
      },
      // At the first connect, what was held for it goes out before the lists.
      onConnect: (connected) => {
        link.attach(connected);
        effects.publishLists(domain.state);
      },
      ...login,
    }));
    const tokens = () => tokenBook.list();
    const stuckLimits = { ...DEFAULT_DOMAIN_CONFIG.stuckLimits, ...options.stuckLimits };
    const app = keep('app', await buildHubApp({
      health: {
        brokerConnected: () => client.connected,
        ingest: () => ingest.stats(),
        lastSeq: () => history.lastSeq,
        epoch: () => ledger.epoch,
        recovery: () => recovery.view(),
        tablets: () => feed.subscribers,
        storage: () => storageHealth(ingest, history),
      },
      feed: { feed, tokens, recovery },
      services: {
        domain,
        history,
        tally,
        tokens,
        execute,
        stationStatuses: () => ingest.statuses,
        mappingVersion: () => effects.mapping.version,
        stuckLimits,
        ...(options.weightTolerance ? { weightTolerance: options.weightTolerance } : {}),
        evidence,
        append: (entry, now) => {
          const record = history.append(entry, now);
          feed.publish(record);
          return record;
        },
      },
      metrics: {
        ingest: () => ingest.stats(),
        alertsOpen: () => openAlerts(domain.state).length,
        alertsByKind: () => alertCounts(domain.state),
        stationsOnline: () => Object.values(domain.state.stations).filter((s) => s.state === 'online').length,
        tablets: () => feed.subscribers,
        brokerRefusals: () => embedded?.broker.stats().refused,
        commandsRefused: () => domain.refusals(),
        weighings,
        recovery: () => recovery.view(),
        ingestLimited: () => rateGate.refusals(),
        storage: () => storageHealth(ingest, history),
      },
    }));
    await app.listen({ host: options.host, port: options.port });
    const { port } = app.server.address() as AddressInfo;
    const httpUrl = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
    // Once the hub is up: a start that fails records no tolerance it never put in force.
    let toleranceRecorded = recordStartTolerance(execute, options.weightTolerance);
    const ticker = keep('ticker', setInterval(() => {
      if (!toleranceRecorded) toleranceRecorded = recordStartTolerance(execute, options.weightTolerance);
      try {
        execute({ type: 'tick' }, { now: new Date(), actor: { kind: 'system', id: 'clock' } });
      } catch (err) {
        // A full disk: the tick's expiries are applied at the next tick that can be stored.
        if (diskErrorCode(err) === undefined) throw err;
        log.error({ err: (err as Error).message }, 'clock tick not stored: the disk refused the history write');
      }
    }, TICK_MS));
    ticker.unref();
    const patroller = keep('patroller', setInterval(
      () => execute({ type: 'patrol', limits: stuckLimits }, { now: new Date(), actor: { kind: 'system', id: 'patrol' } }),
      options.patrolMs ?? PATROL_MS,
    ));
    patroller.unref();
    const mqttUrl = options.mqttUrl ?? embedded!.broker.url;
    log.info({ httpUrl, mqttUrl, site: options.site }, 'hub started');
    const hub = new Hub(options, allParts(parts), mqttUrl, httpUrl);
    hub.#execute = execute;
    return hub;
  }

  #execute: (command: DomainCommand, context: CommandContext) => ExecuteResult = () => {
    throw new Error('hub not started');
  };

  /** Applies a domain command and carries out its effects (history, tablets, station lists and commands). */
  execute(command: DomainCommand, context: CommandContext): ExecuteResult {
    return this.#execute(command, context);
  }

  /** Every record stored after `since`, then each new one, as the tablets get them; returns the unsubscribe. */
  subscribe(since: number, listener: FeedListener): () => void {
    return this.parts.feed.subscribe(since, listener);
  }

  get domainState(): DomainState {
    return this.parts.domain.state;
  }

  hasTokens(): boolean {
    return this.parts.tokens.list().length > 0;
  }

  /** Creates an API/feed token, valid until `expiresAt` if given; the token is returned once and only its hash is kept. */
  async createToken(name: string, role: Role, expiresAt?: Date): Promise<string> {
    return (await this.parts.tokens.create(name, role, expiresAt)).token;
  }

  /**
   * Issues MQTT credentials for a station (username = station id); the password is returned
   * once and only its hash is kept. With an external broker, regenerate its password file
   * (`packgate hub passwd`) for the station to get in. `STATION_EXISTS` unless `replace`.
   */
  provisionStation(id: string, options?: ProvisionOptions): Promise<StationCredentials> {
    return this.parts.stations.provision(id, options);
  }

  /** Withdraws a station's MQTT credentials; its next login is refused. False if it had none. */
  revokeStation(id: string): Promise<boolean> {
    return this.parts.stations.revoke(id);
  }

  /** The embedded broker's clients and refusals per reason; undefined with an external broker. */
  brokerStats(): BrokerStats | undefined {
    return this.parts.broker?.stats();
  }

  health() {
    return { ingest: this.parts.ingest.stats(), lastSeq: this.parts.history.lastSeq, recovery: this.parts.recovery.view(), epoch: this.parts.ledger.epoch, storage: storageHealth(this.parts.ingest, this.parts.history) };
  }

  /** Stops everything the hub started; a second call waits for the first instead of closing twice. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  /** The part `close()` is closing now (undefined before and after): a stop that hangs says where. */
  get closingPart(): string | undefined {
    return this.#closingPart;
  }

  async #shutdown(): Promise<void> {
    await closeParts(this.parts, (part) => (this.#closingPart = part));
    log.info('hub stopped');
  }
}
