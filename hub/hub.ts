import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../common/log.js';
import { siteTopics } from '../protocol/index.js';
import { buildHubApp } from './api/app.js';
import type { Role } from './api/roles.js';
import { defaultHubUsername } from './broker/acl.js';
import type { EmbeddedBroker } from './broker/embedded.js';
import type { BrokerStats } from './broker/guard.js';
import { HubClient } from './broker/hub-client.js';
import { startSiteBroker, type MqttLogin } from './broker/site-broker.js';
import { StationRegistry, type ProvisionOptions, type StationCredentials } from './broker/station-registry.js';
import { Ingest } from './ingest/ingest.js';
import { Feed } from './push/feed.js';
import { History } from './store/history.js';
import { openHubState, type HubState } from './store/state.js';
import { newToken } from './store/tokens.js';

const log = createLogger('hub');

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
}

export const HUB_DEFAULTS = { site: 'main', host: '127.0.0.1', port: 8080, mqttPort: 1883 } as const;

/** A running hub: broker (embedded or external), ingest, history, HTTP API and tablet feed. */
export class Hub {
  private constructor(
    readonly options: HubOptions,
    private readonly broker: EmbeddedBroker | undefined,
    private readonly client: HubClient,
    private readonly ingest: Ingest,
    private readonly history: History,
    private readonly state: HubState,
    private readonly app: FastifyInstance,
    /** The URL stations connect to. */
    readonly mqttUrl: string,
    /** The tablet page and API. */
    readonly httpUrl: string,
    private readonly stations: StationRegistry,
  ) {}

  static async start(options: HubOptions): Promise<Hub> {
    const topics = siteTopics(options.site);
    const state = await openHubState(options.dataDir && join(options.dataDir, 'hub-state.json'));
    const history = History.open(options.dataDir && join(options.dataDir, 'history.jsonl'));
    const feed = new Feed(history);
    const stations = new StationRegistry(state);
    const embedded = options.mqttUrl
      ? undefined
      : await startSiteBroker({ site: options.site, host: options.host, port: options.mqttPort, stations });
    const broker = embedded?.broker;
    const mqttUrl = options.mqttUrl ?? broker!.url;
    const login: MqttLogin | undefined =
      embedded?.hubLogin ??
      (options.mqttPassword !== undefined
        ? { username: options.mqttUsername ?? defaultHubUsername(options.site), password: options.mqttPassword }
        : undefined);
    let client: HubClient | undefined;
    const ingest = new Ingest({
      topics,
      history,
      onStored: (record) => feed.publish(record),
      sendAck: (station, upTo) => client?.sendAck(station, upTo),
    });
    try {
      client = await HubClient.connect({
        url: mqttUrl,
        site: options.site,
        topics,
        onStationMessage: (topic, payload) => ingest.handle(topic, payload),
        ...login,
      });
    } catch (err) {
      await broker?.close();
      history.close();
      throw err;
    }
    const connected = client;
    const app = await buildHubApp({
      health: {
        brokerConnected: () => connected.connected,
        ingest: () => ingest.stats(),
        lastSeq: () => history.lastSeq,
        tablets: () => feed.subscribers,
      },
      feed: { feed, tokens: () => state.data.tokens },
    });
    await app.listen({ host: options.host, port: options.port });
    const { port } = app.server.address() as AddressInfo;
    const httpUrl = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
    log.info({ httpUrl, mqttUrl, site: options.site }, 'hub started');
    return new Hub(options, broker, connected, ingest, history, state, app, mqttUrl, httpUrl, stations);
  }

  hasTokens(): boolean {
    return this.state.data.tokens.length > 0;
  }

  /** Creates an API/feed token; the token is returned once and only its hash is kept. */
  async createToken(name: string, role: Role): Promise<string> {
    const { token, record } = newToken(name, role);
    await this.stations.sync();
    this.state.data.tokens.push(record);
    await this.state.write();
    return token;
  }

  /**
   * Issues MQTT credentials for a station (username = station id); the password is returned
   * once and only its hash is kept. With an external broker, regenerate its password file
   * (`packgate hub passwd`) for the station to get in. `STATION_EXISTS` unless `replace`.
   */
  provisionStation(id: string, options?: ProvisionOptions): Promise<StationCredentials> {
    return this.stations.provision(id, options);
  }

  /** Withdraws a station's MQTT credentials; its next login is refused. False if it had none. */
  revokeStation(id: string): Promise<boolean> {
    return this.stations.revoke(id);
  }

  /** The embedded broker's clients and refusals per reason; undefined with an external broker. */
  brokerStats(): BrokerStats | undefined {
    return this.broker?.stats();
  }

  health() {
    return { ingest: this.ingest.stats(), lastSeq: this.history.lastSeq };
  }

  async close(): Promise<void> {
    await this.app.close();
    this.ingest.close();
    await this.client.close();
    await this.broker?.close();
    this.history.close();
    log.info('hub stopped');
  }
}
