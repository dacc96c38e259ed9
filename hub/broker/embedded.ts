import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { createLogger } from '../../common/log.js';

const log = createLogger('hub.broker');

export interface EmbeddedBroker {
  /** `mqtt://host:port` for clients to connect to. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** An aedes broker on a TCP listener. aedes speaks MQTT 3.1.1 only; clients must too. */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  broker.on('clientError', (client, err) => log.debug({ client: client.id, err: err.message }, 'client error'));
  log.info({ host: options.host, port }, 'embedded MQTT broker listening');
  return {
    url: `mqtt://${options.host}:${port}`,
    port,
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
