import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** The files an external Mosquitto needs from packgate. */
export interface MosquittoFiles {
  /** `password_file` text (`user:$7$…` lines). */
  readonly passwd: string;
  /** `acl_file` text. */
  readonly acl: string;
}

const READY_ATTEMPTS = 100;
const READY_PAUSE_MS = 50;
const LOG_KEEP_CHARS = 64 * 1024;

/** The mosquitto binary: $PACKGATE_MOSQUITTO, else the Debian package's (it lives in /usr/sbin). */
export function mosquittoBinary(): string | undefined {
  const candidates = [process.env.PACKGATE_MOSQUITTO, 'mosquitto', '/usr/sbin/mosquitto'].filter((c): c is string => !!c);
  return candidates.find((candidate) => !spawnSync(candidate, ['-h']).error);
}

/**
 * A real Mosquitto for tests, configured as docs/operations.md says: a loopback listener on a
 * free port, no anonymous logins, packgate's password and ACL files, client id = username, no
 * persistence, and `max_queued_messages 0` so a slow subscriber never loses QoS 1 messages.
 */
export class Mosquitto {
  #log = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly exited: Promise<number | null>,
    private readonly removeDir: () => void,
  ) {
    const keep = (chunk: Buffer) => (this.#log = (this.#log + chunk.toString()).slice(-LOG_KEEP_CHARS));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Mosquitto's own log so far (for failure messages). */
  get log(): string {
    return this.#log;
  }

  /** Starts Mosquitto and resolves once it accepts TCP connections. */
  static async start(files: MosquittoFiles): Promise<Mosquitto> {
    const binary = mosquittoBinary();
    if (!binary) throw new Error('mosquitto is not installed (Debian: apt-get install mosquitto); the external-broker tests need it');
    const dir = tempDir('packgate-mosquitto-');
    try {
      const port = await freePort();
      const config = join(dir.path, 'mosquitto.conf');
      writeFileSync(join(dir.path, 'passwd'), files.passwd, { mode: 0o600 });
      writeFileSync(join(dir.path, 'acl'), files.acl, { mode: 0o600 });
      writeFileSync(
        config,
        [
          `listener ${port} 127.0.0.1`,
          'allow_anonymous false',
          `password_file ${join(dir.path, 'passwd')}`,
          `acl_file ${join(dir.path, 'acl')}`,
          'persistence false',
          'max_queued_messages 0',
          // Each login's client id is its username: no station can take over another's session.
          'use_username_as_clientid true',
          'log_dest stderr',
          'log_type error',
          'log_type warning',
          'log_type notice',
          'log_type information',
          'log_type debug',
          // Run as root, Mosquitto switches to the user "mosquitto", who cannot read the files above.
          ...(process.getuid?.() === 0 ? ['user root'] : []),
          '',
        ].join('\n'),
      );
      const child = spawn(binary, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const mosquitto = new Mosquitto(child, port, exited, dir.remove);
      await mosquitto.#ready();
      return mosquitto;
    } catch (err) {
      dir.remove();
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
    this.removeDir();
  }

  async #ready(): Promise<void> {
    let gone = false;
    void this.exited.then(() => (gone = true));
    for (let attempt = 0; attempt < READY_ATTEMPTS && !gone; attempt += 1) {
      if (await canConnect(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, READY_PAUSE_MS));
    }
    await this.stop();
    throw new Error(`mosquitto did not start listening on ${this.port}:\n${this.#log}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
