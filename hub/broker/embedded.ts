import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import { createLogger } from '../../common/log.js';
import { HUB_LIMITS } from '../defaults.js';
import type { BrokerGuard, BrokerRefusals, BrokerStats } from './guard.js';
import { PacketGate, type OversizedPacket } from './packet-gate.js';

const log = createLogger('hub.broker');

/** The largest MQTT packet a station may send by default (HUB_LIMITS says why). */
export const DEFAULT_MAX_PACKET_BYTES = HUB_LIMITS.mqttMaxPacketBytes;
/** MQTT 3.1.1 §2.2.3: the largest remaining length a fixed header can declare (256 MiB). */
export const MQTT_MAX_PACKET_BYTES = 268_435_455;
/** Reason code of a connection cut for a packet over the bound. */
export const PACKET_TOO_LARGE = 'PACKET_TOO_LARGE';

export interface EmbeddedBroker {
  /** `mqtt://host:port` for clients to connect to. */
  readonly url: string;
  readonly port: number;
  /** Connected clients and, with a guard, refusals per reason. */
  stats(): BrokerStats;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * Logins and topic ACL. The hub always passes one; without it the broker is an open relay
   * that anyone may connect to (benchmarks of the raw relay only).
   */
  readonly guard?: BrokerGuard;
  /**
   * The largest packet (its remaining length) a station or a client not yet logged in may send;
   * a larger one closes the connection after its first bytes. Default DEFAULT_MAX_PACKET_BYTES.
   * The hub's own client is bounded only by MQTT: it publishes the site's lists and mapping
   * snapshot (up to 16 MiB) and task commands (up to 8 MiB), and its login is this run's secret.
   */
  readonly maxPacketBytes?: number;
}

/** An aedes broker on a TCP listener. aedes speaks MQTT 3.1.1 only; clients must too. */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker(options.guard?.handlers());
  const maxPacketBytes = options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const oversized: BrokerRefusals = { connect: {}, publish: {}, subscribe: {} };
  const limitOf = (client: Client | undefined) =>
    client && options.guard?.principalOf(client)?.kind === 'hub' ? MQTT_MAX_PACKET_BYTES : maxPacketBytes;
  // Small MQTT packets must not wait for Nagle's algorithm (see common/mqtt-socket.ts).
  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    let client: Client | undefined;
    const gate = new PacketGate(
      () => limitOf(client),
      (packet) => {
        refuseOversized(client, packet, oversized);
        socket.destroy();
      },
    );
    // However the socket ends, aedes hears it from the gate it reads.
    socket.on('close', () => gate.destroy());
    // aedes reads the gate and writes the socket; destroying the pair destroys both.
    client = broker.handle(Duplex.from({ readable: socket.pipe(gate), writable: socket }));
  });
  try {
    await listen(server, options.host, options.port);
  } catch (err) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  broker.on('clientError', (client, err) => log.debug({ client: client.id, err: err.message }, 'client error'));
  log.info({ host: options.host, port, secured: options.guard !== undefined }, 'embedded MQTT broker listening');
  if (!options.guard) log.warn('embedded MQTT broker without logins or ACL: an open relay');
  return {
    url: `mqtt://${options.host}:${port}`,
    port,
    stats: () => ({
      clients: broker.connectedClients,
      refused: withOversized(options.guard?.refusals() ?? { connect: {}, publish: {}, subscribe: {} }, oversized),
    }),
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // aedes closes the clients it has; a connection that has not logged in yet is not one of them.
      const listening = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await listening;
    },
  };
}

function refuseOversized(client: Client | undefined, packet: OversizedPacket, counts: BrokerRefusals): void {
  counts[packet.action][PACKET_TOO_LARGE] = (counts[packet.action][PACKET_TOO_LARGE] ?? 0) + 1;
  log.warn({ client: client?.id ?? undefined, type: packet.type, declared: packet.declared, max: packet.max }, 'MQTT packet over the size bound: connection closed');
}

function withOversized(refused: BrokerRefusals, oversized: BrokerRefusals): BrokerRefusals {
  for (const action of ['connect', 'publish', 'subscribe'] as const) {
    for (const [reason, count] of Object.entries(oversized[action])) refused[action][reason] = (refused[action][reason] ?? 0) + count;
  }
  return refused;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
