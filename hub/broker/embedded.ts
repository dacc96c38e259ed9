import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { createLogger } from '../../common/log.js';
import type { BrokerGuard, BrokerStats } from './guard.js';

const log = createLogger('hub.broker');

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
}

/** An aedes broker on a TCP listener. aedes speaks MQTT 3.1.1 only; clients must too. */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker(options.guard?.handlers());
  // Small MQTT packets must not wait for Nagle's algorithm (see common/mqtt-socket.ts).
  const server = createServer({ noDelay: true }, broker.handle);
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
      refused: options.guard?.refusals() ?? { connect: {}, publish: {}, subscribe: {} },
    }),
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
