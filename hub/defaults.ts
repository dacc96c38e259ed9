/**
 * Where a hub listens unless told otherwise. Its own module, with no imports, so a station
 * (whose `--site` and `--hub` defaults are these) does not load the hub to learn them.
 */
export const HUB_DEFAULTS = { site: 'main', host: '127.0.0.1', port: 8080, mqttPort: 1883 } as const;

/**
 * The hub's limits on what stations send, unless told otherwise (`packgate hub --help`,
 * docs/operations.md#limits). 0 turns a rate off.
 */
export const HUB_LIMITS = {
  /**
   * Messages a second one station may send on average, with 10 s of it at once: a busy bench makes
   * a few a second, a station back online sends its outbox at once (2,000 pass, the rest is
   * replayed), and the hub stores over 10,000 a second from all stations together.
   */
  stationMessagesPerSecond: 200,
  /** Payload bytes a second one station may send on average (10 s of it at once): 16 payloads of the 64 KiB maximum. */
  stationBytesPerSecond: 1024 * 1024,
  /** Seconds of its rates a station may send at once, from rest. */
  stationBurstSeconds: 10,
  /**
   * The largest MQTT packet a station (or a client not yet logged in) may send the embedded
   * broker: a station's payloads are at most 64 KiB; the room above lets a somewhat larger one
   * reach the hub, which stores it as a counted `PAYLOAD_TOO_LARGE` the tablets see, instead of
   * a connection the broker just cuts.
   */
  mqttMaxPacketBytes: 1024 * 1024,
} as const;
