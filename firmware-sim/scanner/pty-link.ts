import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { ScannerLink } from './link.js';

const log = createLogger('firmware-sim.scanner.pty');

type Socat = ChildProcessByStdio<Writable, Readable, Readable>;

const READY = 'starting data transfer loop';
const START_TIMEOUT_MS = 5_000;

/**
 * A serial device that is a real tty: a pseudo-terminal made by socat, whose slave end is
 * reached through a symlink at `path`. The simulator writes into socat's standard input; a
 * driver opens `path` with the operating system's serial binding. Unplug ends socat, which
 * closes the master (the driver's reads fail) and removes the link; replug starts socat
 * again at the same link, as a scanner re-enumerating under the same udev name.
 */
export class PtyLink implements ScannerLink {
  #socat: Socat | undefined;
  #device = '';
  readonly #readers = new Set<(bytes: Buffer) => void>();

  private constructor(readonly path: string) {}

  /** Starts a pseudo-terminal at `path` (a symlink socat creates and removes). Needs `socat` on PATH. */
  static async create(path: string): Promise<PtyLink> {
    if (/[,:!\s]/.test(path)) throw new PackgateError('SIM_PTY_FAILED', `socat cannot take a link path with , : ! or spaces: "${path}"`);
    const link = new PtyLink(path);
    await link.replug();
    return link;
  }

  get present(): boolean {
    return this.#socat !== undefined;
  }

  /** The pseudo-terminal behind `path` now, e.g. `/dev/pts/3`; it changes on every replug. */
  get device(): string {
    return this.#device;
  }

  /** Bytes the driver writes to the tty (a scale polled in command mode reads them); returns the unsubscribe. */
  onData(listener: (bytes: Buffer) => void): () => void {
    this.#readers.add(listener);
    return () => this.#readers.delete(listener);
  }

  write(bytes: Uint8Array): boolean {
    const socat = this.#socat;
    if (!socat) return false;
    socat.stdin.write(bytes);
    return true;
  }

  async replug(): Promise<void> {
    if (this.#socat) return;
    // A link left by a socat that was killed hard would make socat refuse to start.
    rmSync(this.path, { force: true });
    const socat: Socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.path}`, 'STDIO'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    socat.stdout.on('data', (bytes: Buffer) => {
      for (const reader of this.#readers) reader(bytes);
    });
    socat.stdin.on('error', (err) => log.debug({ err: err.message }, 'socat stdin'));
    this.#device = await waitUntilReady(socat);
    socat.once('exit', (code, signal) => {
      if (this.#socat === socat) {
        log.warn({ code, signal }, 'socat exited by itself');
        this.#socat = undefined;
      }
    });
    this.#socat = socat;
    log.debug({ path: this.path, device: this.#device }, 'plugged in');
  }

  async unplug(): Promise<void> {
    const socat = this.#socat;
    if (!socat) return;
    this.#socat = undefined;
    const exited = once(socat, 'exit');
    socat.kill('SIGTERM');
    await exited;
    rmSync(this.path, { force: true });
    log.debug({ path: this.path }, 'unplugged');
  }

  close(): Promise<void> {
    return this.unplug();
  }
}

/** Resolves with the pty's device path once socat is relaying; rejects if it exits or stalls first. */
function waitUntilReady(socat: Socat): Promise<string> {
  return new Promise((resolve, reject) => {
    let said = '';
    let device = '';
    const timer = setTimeout(() => fail(new PackgateError('SIM_PTY_FAILED', `socat did not start in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      said += chunk.toString('utf8');
      device ||= /PTY is (\S+)/.exec(said)?.[1] ?? '';
      if (said.includes(READY)) finish(() => resolve(device));
    };
    const onExit = (code: number | null) =>
      fail(new PackgateError('SIM_PTY_FAILED', `socat exited (${code ?? 'signal'}): ${said.trim().slice(-300)}`));
    const onError = (err: Error) =>
      fail(new PackgateError('SIM_PTY_FAILED', `cannot run socat (install the socat package): ${err.message}`));
    function finish(then: () => void): void {
      clearTimeout(timer);
      socat.stderr.off('data', onData);
      socat.off('exit', onExit);
      socat.off('error', onError);
      socat.stderr.resume();
      then();
    }
    function fail(err: Error): void {
      finish(() => reject(err));
      socat.kill('SIGKILL');
    }
    socat.stderr.on('data', onData);
    socat.once('exit', onExit);
    socat.once('error', onError);
  });
}
