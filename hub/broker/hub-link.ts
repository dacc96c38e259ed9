import { createLogger } from '../../common/log.js';

const log = createLogger('hub.mqtt');
/** Sends held before the first connect, at most (a start's acks, resend and replay requests, lists). */
export const MAX_HELD_SENDS = 100_000;

/** What the hub's parts send to the broker (QoS 1): `HubClient` once it is connected. */
export interface HubSender {
  publish(topic: string, payload: unknown, retain?: boolean): void;
  sendAck(station: string, upTo: number, incarnation?: string): void;
}

/**
 * The hub's way out to the broker, made before the broker connection so that every part that
 * publishes holds it from the start. Until the hub's client first connects (`attach`), what they
 * send is held here in order, and attaching sends it; after that MQTT.js keeps what is sent
 * while the link is down. Nothing is dropped in silence: past {@link MAX_HELD_SENDS} held sends
 * the oldest go, logged.
 */
export class HubLink implements HubSender {
  #client: HubSender | undefined;
  readonly #held: Array<(client: HubSender) => void> = [];
  #dropped = 0;

  publish(topic: string, payload: unknown, retain = false): void {
    this.#send((client) => client.publish(topic, payload, retain));
  }

  sendAck(station: string, upTo: number, incarnation?: string): void {
    this.#send((client) => client.sendAck(station, upTo, incarnation));
  }

  /** How many sends are held for the first connect. */
  get held(): number {
    return this.#held.length;
  }

  /** The connected client: what was held goes out to it now, in order, and every later send at once. The first call counts. */
  attach(client: HubSender): void {
    if (this.#client) return;
    this.#client = client;
    if (this.#dropped > 0) log.error({ dropped: this.#dropped }, 'sends held for the first broker connect were dropped past the bound');
    for (const send of this.#held.splice(0)) send(client);
  }

  #send(send: (client: HubSender) => void): void {
    if (this.#client) return send(this.#client);
    if (this.#held.length >= MAX_HELD_SENDS) {
      this.#held.shift();
      this.#dropped += 1;
    }
    this.#held.push(send);
  }
}
