import { createServer, type AddressInfo } from 'node:net';

/** A loopback TCP port that was free a moment ago, for a server that must come back on the same port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listenOn(port: number): Promise<ReturnType<typeof createServer> | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** `count` consecutive loopback ports that were all free a moment ago, for a command that counts ports up from a base. */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await freePort();
    if (base + count - 1 > 65535) continue;
    const held = await Promise.all(Array.from({ length: count }, (_, index) => listenOn(base + index)));
    await Promise.all(held.map((server) => server && new Promise<void>((resolve) => server.close(() => resolve()))));
    if (held.every(Boolean)) return base;
  }
  throw new Error(`no run of ${count} free loopback ports found`);
}
