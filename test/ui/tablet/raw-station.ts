import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Hub } from '../../../hub/hub.js';
import { PAYLOAD_VERSION, siteTopics, stationClientId, type DeviceStatus, type StationEventBody } from '../../../protocol/index.js';
import type { PackEventOf, PackEventType, PackOrderRecord } from '../../../protocol/pack-events.js';

type PackFields<K extends PackEventType> = Omit<PackEventOf<K>, 'type' | 'at' | 'station' | 'packer' | 'order' | 'mappingVersion'>;

/**
 * A provisioned station speaking the protocol straight over MQTT: a retained status and valid
 * station events with its own sequence, as the agent would publish them. Pack events carry the
 * packer, order and mapping version it is set to.
 */
export class RawStation {
  #seq = 0;
  packer: string | null = 'W07';
  order: PackOrderRecord | null = null;
  mappingVersion: number | null = 1;

  private constructor(
    private readonly client: MqttClient,
    private readonly site: string,
    readonly id: string,
  ) {}

  static async connect(hub: Hub, site: string, id: string): Promise<RawStation> {
    const login = await hub.provisionStation(id);
    const client = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: stationClientId(site, id), reconnectPeriod: 0, ...login });
    return new RawStation(client, site, id);
  }

  /** Publishes the retained status: online with these devices and this mapping version. */
  async status(options: { state?: 'online' | 'offline'; scanner?: DeviceStatus; printer?: DeviceStatus; scale?: DeviceStatus; bdSeq?: number } = {}): Promise<void> {
    const payload = {
      v: PAYLOAD_VERSION,
      station: this.id,
      state: options.state ?? 'online',
      bdSeq: options.bdSeq ?? 1,
      at: new Date().toISOString(),
      agent: 'raw-test',
      ...(options.scanner ? { scanner: options.scanner } : {}),
      ...(options.scale ? { scale: options.scale } : {}),
      ...(options.printer ? { printer: options.printer } : {}),
      versions: { stops: null, freezes: null, mapping: this.mappingVersion, tasks: null },
    };
    await this.client.publishAsync(siteTopics(this.site).stationStatus(this.id), JSON.stringify(payload), { qos: 1, retain: true });
  }

  /** Publishes one station event (QoS 1) with the next sequence. */
  async event(body: StationEventBody): Promise<void> {
    this.#seq += 1;
    const event = { v: PAYLOAD_VERSION, id: randomUUID(), station: this.id, seq: this.#seq, at: new Date().toISOString(), body };
    await this.client.publishAsync(siteTopics(this.site).stationEvents(this.id), JSON.stringify(event), { qos: 1 });
  }

  /** Publishes a pack event with the station's packer, order and mapping version. */
  pack<K extends PackEventType>(type: K, fields: PackFields<K>): Promise<void> {
    const common = { type, at: new Date().toISOString(), station: this.id, packer: this.packer, order: this.order, mappingVersion: this.mappingVersion };
    const body = { ...common, ...fields } as PackEventOf<K>;
    return this.event(body);
  }

  /** A product scan's verdict for `sku` (counted, or a block such as `wrong_item`). */
  async verdict(verdict: PackEventOf<'pack.verdict'>['verdict'], sku: string, code: string): Promise<void> {
    const blocks = verdict !== 'counted' && verdict !== 'no_packer' && verdict !== 'no_order' && verdict !== 'while_blocked';
    await this.pack('pack.verdict', { verdict, units: 1, code, sku, via: 'mapping', line: null, detail: null, blocks });
    // A blocking verdict blocks the session, as the pack session does (station/pack/block.ts).
    if (blocks) {
      await this.pack('pack.blocked', {
        reason: verdict as PackEventOf<'pack.blocked'>['reason'],
        scope: 'unit',
        clearBy: 'resolve',
        cause: 'scan',
        sku,
        code,
        detail: null,
        stopListVersion: null,
        freezeListVersion: null,
      });
    }
  }

  /** Subscribes to the station's `cmd` topic; the array fills with every payload the hub sends it, as received. */
  async commands(): Promise<Buffer[]> {
    const received: Buffer[] = [];
    const topic = siteTopics(this.site).stationCmd(this.id);
    this.client.on('message', (at, payload) => {
      if (at === topic) received.push(payload);
    });
    await this.client.subscribeAsync(topic, { qos: 1 });
    return received;
  }

  close(): Promise<void> {
    return this.client.endAsync(true);
  }
}
