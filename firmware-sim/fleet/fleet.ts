import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { sendWithoutDelay } from '../../common/mqtt-socket.js';
import { HubAck, PAYLOAD_VERSION, payloadParser, siteTopics, type StationEvent } from '../../protocol/index.js';

const ackParser = payloadParser(HubAck);

export interface FleetOptions {
  readonly url: string;
  readonly site: string;
  readonly stations: number;
  readonly eventsPerStation: number;
  /** Events per second per station; 0 publishes as fast as the client takes them. */
  readonly ratePerStation?: number;
  /** Station ids are `${prefix}-001`… */
  readonly prefix?: string;
  /** MQTT credentials by station id, when the broker wants them (plain data: it crosses into a worker). */
  readonly credentials?: Readonly<Record<string, { username: string; password: string }>>;
  /** Wait for the hub's acks of every event (hub ingest) or only for the publishes (raw relay). */
  readonly waitFor: 'acks' | 'published';
}

export interface FleetResult {
  readonly stations: number;
  readonly sent: number;
  readonly acked: number;
  /** From the first publish to the last ack (or the last publish's completion). */
  readonly durationMs: number;
}

/**
 * A fleet of simulated stations speaking the station protocol straight over MQTT, for load
 * tests and benchmarks: each publishes valid scan events with its own sequence and counts
 * the hub's acks. Connect first, then `run()`, so connection set-up is not measured.
 */
export class Fleet {
  readonly #topics;
  readonly #acked = new Map<string, number>();
  #ackedTotal = 0;
  #onAck: () => void = () => {};

  private constructor(
    private readonly options: FleetOptions,
    private readonly ids: readonly string[],
    private readonly clients: readonly MqttClient[],
  ) {
    this.#topics = siteTopics(options.site);
  }

  static async connect(options: FleetOptions): Promise<Fleet> {
    const ids = fleetStationIds(options.stations, options.prefix);
    const clients: MqttClient[] = [];
    try {
      for (const id of ids) clients.push(await connectStation(options, id));
    } catch (err) {
      await Promise.all(clients.map((client) => client.endAsync(true)));
      throw err;
    }
    const fleet = new Fleet(options, ids, clients);
    if (options.waitFor === 'acks') await fleet.#listenForAcks();
    return fleet;
  }

  get total(): number {
    return this.options.stations * this.options.eventsPerStation;
  }

  async run(): Promise<FleetResult> {
    const everyAck = new Promise<void>((resolve) => {
      this.#onAck = () => this.#ackedTotal >= this.total && resolve();
    });
    const started = performance.now();
    await Promise.all(
      this.clients.map((client, i) => publishAll(client, this.ids[i]!, this.options, this.#topics.stationEvents(this.ids[i]!))),
    );
    if (this.options.waitFor === 'acks') await everyAck;
    return {
      stations: this.options.stations,
      sent: this.total,
      acked: this.#ackedTotal,
      durationMs: performance.now() - started,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.endAsync(true)));
  }

  async #listenForAcks(): Promise<void> {
    await Promise.all(
      this.clients.map(async (client, i) => {
        const id = this.ids[i]!;
        this.#acked.set(id, 0);
        client.on('message', (_topic, payload) => {
          const ack = ackParser.parse(payload);
          const before = this.#acked.get(id)!;
          if (!ack.ok || ack.value.upTo <= before) return;
          this.#acked.set(id, ack.value.upTo);
          this.#ackedTotal += ack.value.upTo - before;
          this.#onAck();
        });
        await client.subscribeAsync(this.#topics.stationAcks(id), { qos: 1 });
      }),
    );
  }
}

/** The ids a fleet of `count` stations uses: `FLEET-001`… */
export function fleetStationIds(count: number, prefix = 'FLEET'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
}

/** A scan event as a station publishes it, with a payload of realistic size. */
export function fleetEvent(station: string, seq: number): StationEvent {
  const data = `(01)0690123456789${seq % 10}(17)271231(10)LOT${seq}`;
  return {
    v: PAYLOAD_VERSION,
    id: randomUUID(),
    station,
    seq,
    at: new Date().toISOString(),
    body: { type: 'scan', data, raw: Buffer.from(data).toString('base64'), source: 'sim' },
  };
}

async function connectStation(options: FleetOptions, id: string): Promise<MqttClient> {
  const credentials = options.credentials?.[id];
  return sendWithoutDelay(await mqtt.connectAsync(options.url, {
    protocolVersion: 4,
    clientId: `packgate-fleet-${options.site}-${id}`,
    clean: true,
    reconnectPeriod: 0,
    ...(credentials ?? {}),
  }));
}

async function publishAll(client: MqttClient, id: string, options: FleetOptions, topic: string): Promise<void> {
  const gapMs = options.ratePerStation ? 1000 / options.ratePerStation : 0;
  const start = performance.now();
  const pending: Array<Promise<unknown>> = [];
  for (let seq = 1; seq <= options.eventsPerStation; seq += 1) {
    if (gapMs > 0) {
      const due = start + (seq - 1) * gapMs - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    pending.push(client.publishAsync(topic, JSON.stringify(fleetEvent(id, seq)), { qos: 1 }));
  }
  await Promise.all(pending);
}
