import mqtt, { type MqttClient } from 'mqtt';
import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { sendWithoutDelay } from '../../common/mqtt-socket.js';
import { settledWithin } from '../../common/timeout.js';
import type { HubCommand, ResendCommand, StationEvent, StationStatus } from '../../protocol/index.js';
import { siteTopics, stationClientId } from '../../protocol/topics.js';
import type { HubPresence } from './hub-presence.js';
import { Inbound, type InboundHandlers } from './inbound.js';
import type { Outbox } from './outbox.js';
import { resendJournal } from './resend.js';

const log = createLogger('station.link');
const GOODBYE_TIMEOUT_MS = 1000;
/** How long the link waits after a lost or refused connection before it tries again. */
export const HUB_RECONNECT_MS = 1000;

export interface HubLinkOptions {
  readonly url: string;
  readonly site: string;
  readonly station: string;
  readonly outbox: Outbox;
  /** The status to publish now (birth, or after a device change). */
  readonly status: () => StationStatus;
  /** Acks, commands, lists and the mapping snapshot, each checked before a handler sees it. */
  readonly handlers: InboundHandlers;
  /** Told of the link, the hub's presence and every message from the hub. */
  readonly presence: HubPresence;
  readonly username?: string;
  readonly password?: string;
  /** Told, once per refusal, that the hub's broker refused this station's site (with what to do). */
  readonly onSiteRefused?: (message: string) => void;
  /** The journal, for the hub's `resend` (its history lost events it had acked). */
  readonly journalPath?: string;
  /** Wait between connection attempts (default `HUB_RECONNECT_MS`; tests that restart the hub shorten it). */
  readonly reconnectMs?: number;
}

/**
 * CONNACK 2, identifier rejected: what packgate's broker answers a station login whose client id
 * names another site than the hub's (hub/broker/guard.ts, `OUTSIDE_SITE`) or is another
 * station's (`CLIENT_ID_RESERVED`, only with an --mqtt-username of another station).
 */
const CONNACK_IDENTIFIER_REJECTED = 2;

/**
 * The station's MQTT link to the hub (MQTT 3.1.1: aedes speaks nothing newer). On every
 * connect it subscribes to its acks and commands, the retained stop and freeze lists, the
 * mapping snapshot and the hub's presence, publishes its birth and sends the whole outbox
 * again; the hub de-duplicates.
 */
export class HubLink {
  #client: MqttClient | undefined;
  /** The hub refused this station's site at the last connection attempt. */
  #refused = false;
  #resending: Promise<void> | undefined;
  readonly #topics;
  readonly inbound: Inbound;

  constructor(private readonly options: HubLinkOptions) {
    this.#topics = siteTopics(options.site);
    // A replay is the link's own business: it holds the outbox. Every command then goes on
    // (a replay too, once done, so the agent can acknowledge it).
    const handlers = {
      ...options.handlers,
      onCommand: (command: HubCommand) => {
        if (command.type === 'replay') this.replayFrom(command.from);
        if (command.type === 'resend') this.resend(command);
        options.handlers.onCommand?.(command);
      },
    };
    this.inbound = new Inbound(this.#topics, options.station, handlers, options.presence);
  }

  /** Sends every unacknowledged event from sequence `from` on again, in order (the hub found a gap). */
  replayFrom(from: number): void {
    const client = this.#client;
    if (!client?.connected) return;
    const events = this.options.outbox.pending().filter((event) => event.seq >= from);
    log.info({ from, events: events.length }, 'hub asked for a replay');
    for (const event of events) this.#publishEvent(client, event);
  }

  /**
   * Publishes the journal again from `command.from` (station/link/resend.ts), one resend at a
   * time: the hub asks again while its hole stays open. A resend of another incarnation than
   * this folder's is not ours to answer.
   */
  resend(command: ResendCommand): void {
    const client = this.#client;
    const path = this.options.journalPath;
    if (!client?.connected || !path || this.#resending) return;
    if (command.incarnation !== this.options.status().incarnation) {
      log.warn({ incarnation: command.incarnation }, "the hub asked to resend another data folder's events; this folder cannot");
      return;
    }
    log.warn({ from: command.from }, "the hub's history lost events it had acked; resending the journal");
    const topic = this.#topics.stationEvents(this.options.station);
    this.#resending = resendJournal(path, command.from, (event) => client.publishAsync(topic, JSON.stringify(event), { qos: 1 }))
      .then((sent) => log.info({ from: command.from, sent }, 'journal resent'))
      .catch((err: Error) => log.warn({ err: err.message }, 'resend cut short; the hub asks again'))
      .finally(() => (this.#resending = undefined));
  }

  /** Starts connecting; reconnects by itself until closed. */
  start(): void {
    const options = this.options;
    const offline: StationStatus = { ...options.status(), state: 'offline' };
    const client = sendWithoutDelay(mqtt.connect(options.url, {
      protocolVersion: 4,
      clientId: stationClientId(options.site, options.station),
      clean: true,
      reconnectPeriod: options.reconnectMs ?? HUB_RECONNECT_MS,
      connectTimeout: 5000,
      // Not mqtt-packet's 65,536 pre-made packet-id buffers: 6 MB of heap a station never needs.
      writeCache: false,
      ...(options.username ? { username: options.username, password: options.password } : {}),
      will: {
        topic: this.#topics.stationStatus(options.station),
        payload: Buffer.from(JSON.stringify(offline)),
        qos: 1,
        retain: true,
      },
    }));
    client.on('connect', () => this.#onConnect(client));
    client.on('message', (topic, payload, packet) => this.inbound.handle(topic, payload, packet.retain));
    client.on('close', () => this.options.presence.disconnected(Date.now()));
    client.on('error', (err) => {
      if ((err as { code?: unknown }).code === CONNACK_IDENTIFIER_REJECTED) return this.#siteRefused();
      log.warn({ err: err.message }, 'hub link error');
    });
    client.on('offline', () => this.#refused || log.info('hub link offline; events wait in the outbox'));
    this.#client = client;
  }

  get connected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** Sends an event now if connected; otherwise it waits in the outbox for the next connect. */
  send(event: StationEvent): void {
    if (this.#client?.connected) this.#publishEvent(this.#client, event);
  }

  /**
   * Publishes one frame of a file the hub fetched (protocol/evidence-files.ts), QoS 1, resolving
   * once the broker has it; `HUB_LINK_DOWN` while disconnected (the hub asks again).
   */
  async publishFile(frame: Buffer): Promise<void> {
    const client = this.#client;
    if (!client?.connected) throw new PackgateError('HUB_LINK_DOWN', 'not connected to the hub');
    await client.publishAsync(this.#topics.stationFiles(this.options.station), frame, { qos: 1 });
  }

  publishStatus(): void {
    if (!this.#client?.connected) return;
    this.#client.publish(this.#topics.stationStatus(this.options.station), JSON.stringify(this.options.status()), {
      qos: 1,
      retain: true,
    });
  }

  /** Says goodbye with a retained offline status and disconnects. */
  async close(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#client = undefined;
    if (client.connected) {
      const offline: StationStatus = { ...this.options.status(), state: 'offline' };
      const topic = this.#topics.stationStatus(this.options.station);
      const said = client.publishAsync(topic, JSON.stringify(offline), { qos: 1, retain: true });
      if (!(await settledWithin(said, GOODBYE_TIMEOUT_MS))) log.warn('offline status not confirmed; the will covers it');
    }
    await client.endAsync(true);
  }

  /** Says it once, until the link next connects: the link keeps trying, the hub may be moved to this site. */
  #siteRefused(): void {
    if (this.#refused) return;
    this.#refused = true;
    const { site, station, username } = this.options;
    const message =
      `the hub refused station ${station}'s site "${site}": the hub serves another site. ` +
      `Start the station with the --site the hub prints at start` +
      (username !== undefined && username !== station ? ` (or --mqtt-username "${username}" is another station's login)` : '');
    log.error({ site, station, code: 'OUTSIDE_SITE' }, message);
    this.options.onSiteRefused?.(message);
  }

  #onConnect(client: MqttClient): void {
    this.#refused = false;
    log.info({ pending: this.options.outbox.size }, 'connected to hub broker');
    this.options.presence.connected();
    this.inbound.connected();
    client.subscribe(this.inbound.topics, { qos: 1 });
    this.publishStatus();
    for (const event of this.options.outbox.pending()) this.#publishEvent(client, event);
  }

  #publishEvent(client: MqttClient, event: StationEvent): void {
    client.publish(this.#topics.stationEvents(this.options.station), JSON.stringify(event), { qos: 1 });
  }
}
