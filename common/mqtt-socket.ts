import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';

/**
 * Turns Nagle's algorithm off on the client's TCP socket at every connect. MQTT.js leaves it
 * on, and a small QoS 1 publish then waits for the peer's delayed ACK: about 40 ms per hop on
 * Linux, which is most of a stop's way to a station. Returns the client for chaining.
 */
export function sendWithoutDelay<T extends MqttClient>(client: T): T {
  const tune = () => (client.stream as Partial<Socket> | undefined)?.setNoDelay?.(true);
  client.on('connect', tune);
  tune();
  return client;
}
