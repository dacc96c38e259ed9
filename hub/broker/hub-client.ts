import mqtt, { type MqttClient } from 'mqtt';
import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { sendWithoutDelay } from '../../common/mqtt-socket.js';
import { settledWithin } from '../../common/timeout.js';
import { PACKGATE_VERSION } from '../../common/version.js';
import { PAYLOAD_VERSION, hubClientId, type HubAck, type HubState, type SiteTopics } from '../../protocol/index.js';

const log = createLogger('hub.mqtt');
const FIRST_CONNECT_TIMEOUT_MS = 10_000;
const GOODBYE_TIMEOUT_MS = 1000;

export interface HubClientOptions {
  readonly url: string;
  readonly site: string;
  readonly topics: SiteTopics;
  readonly onStationMessage: (topic: string, payload: Buffer) => void;
  /** Called after every (re)connect, once presence is published: re-publish retained state here. */
  readonly onConnect?: (client: HubClient) => void;
  readonly username?: string;
  readonly password?: string;
}

/**
 * The hub's own MQTT client, the same for the embedded and an external broker: retained
 * presence with a will, station input subscriptions, and acks out.
 */
export class HubClient {
  readonly #client: MqttClient;

  private constructor(
    client: MqttClient,
    private readonly topics: SiteTopics,
  ) {
    this.#client = client;
  }

  static async connect(options: HubClientOptions): Promise<HubClient> {
    const client = sendWithoutDelay(mqtt.connect(options.url, {
      protocolVersion: 4,
      clientId: hubClientId(options.site),
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      ...(options.username ? { username: options.username, password: options.password } : {}),
      will: { topic: options.topics.hubState, payload: Buffer.from(presence('offline')), qos: 1, retain: true },
    }));
    const hub = new HubClient(client, options.topics);
    client.on('message', options.onStationMessage);
    client.on('connect', () => {
      log.info({ url: options.url }, 'hub connected to broker');
      client.subscribe([options.topics.allStationEvents, options.topics.allStationStatus, options.topics.allStationFiles], { qos: 1 });
      client.publish(options.topics.hubState, presence('online'), { qos: 1, retain: true });
      options.onConnect?.(hub);
    });
    client.on('error', (err) => log.warn({ err: err.message }, 'hub MQTT error'));
    await new Promise<void>((resolve, reject) => {
      const fail = (err: PackgateError) => {
        clearTimeout(timer);
        client.off('error', onError);
        client.end(true);
        reject(err);
      };
      const timer = setTimeout(() => {
        fail(new PackgateError('BROKER_UNREACHABLE', `no MQTT broker answered at ${options.url} within ${FIRST_CONNECT_TIMEOUT_MS} ms`));
      }, FIRST_CONNECT_TIMEOUT_MS);
      // CONNACK 4 (bad username or password) or 5 (not authorised): retrying will not help.
      const onError = (err: Error & { code?: unknown }) => {
        if (err.code !== 4 && err.code !== 5) return;
        const who = options.username ?? 'no login';
        fail(new PackgateError('BROKER_LOGIN_REFUSED', `the MQTT broker at ${options.url} refused the hub's login (${who}): ${err.message}`));
      };
      client.on('error', onError);
      client.once('connect', () => {
        clearTimeout(timer);
        client.off('error', onError);
        resolve();
      });
    });
    return hub;
  }

  get connected(): boolean {
    return this.#client.connected;
  }

  /** Publishes QoS 1, retained when asked; while disconnected, MQTT.js queues it for the reconnect. */
  publish(topic: string, payload: unknown, retain = false): void {
    this.#client.publish(topic, JSON.stringify(payload), { qos: 1, retain });
  }

  sendAck(station: string, upTo: number, incarnation?: string): void {
    const ack: HubAck = { v: PAYLOAD_VERSION, station, upTo, ...(incarnation === undefined ? {} : { incarnation }), at: new Date().toISOString() };
    this.#client.publish(this.topics.stationAcks(station), JSON.stringify(ack), { qos: 1 });
  }

  async close(): Promise<void> {
    if (this.#client.connected) {
      const said = this.#client.publishAsync(this.topics.hubState, presence('offline'), { qos: 1, retain: true });
      if (!(await settledWithin(said, GOODBYE_TIMEOUT_MS))) log.warn('offline presence not confirmed; the will covers it');
    }
    await this.#client.endAsync(true);
  }
}

function presence(state: HubState['state']): string {
  const payload: HubState = { v: PAYLOAD_VERSION, state, at: new Date().toISOString(), hub: PACKGATE_VERSION };
  return JSON.stringify(payload);
}
