import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../common/paths.js';

export const BUILT_CLI = join(packageRoot(), 'dist', 'cli', 'main.js');
/** The installed command (`bin/packgate`): the station runs from the bundle with its memory options. */
export const BIN = join(packageRoot(), 'bin', 'packgate');
export const BLOCK_NODE_HID = join(packageRoot(), 'test', 'helpers', 'block-node-hid.mjs');

/** The built `packgate` command as a child process (`npm test` builds first). */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  /**
   * `node [nodeArgs] dist/cli/main.js args`, or `bin/packgate args` when `nodeArgs` is 'bin';
   * `env` is added to this process's environment (e.g. `PACKGATE_LOG_LEVEL`: logs are silent under vitest).
   */
  constructor(args: readonly string[], nodeArgs: readonly string[] | 'bin' = [], env: Readonly<Record<string, string>> = {}) {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` (npm test does)`);
    const options = { cwd: packageRoot(), env: { ...process.env, ...env } };
    this.child =
      nodeArgs === 'bin'
        ? spawn(BIN, [...args], options)
        : spawn(process.execPath, [...nodeArgs, BUILT_CLI, ...args], options);
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.stdout.match(pattern);
        if (match) {
          this.child.stdout.off('data', check);
          resolve(match);
        }
      };
      this.child.stdout.on('data', check);
      void this.exited.then((code) => reject(new Error(`exited ${code} before ${pattern}:\n${this.stdout}\n${this.stderr}`)));
      check();
    });
  }

  /**
   * Resolves once a station has printed its warnings and 'Ctrl-C to stop.' (the last line before
   * it waits) on stderr; rejects if it exits first.
   */
  waitForReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.stderr.includes('Ctrl-C to stop.')) return;
        this.child.stderr.off('data', check);
        resolve();
      };
      this.child.stderr.on('data', check);
      void this.exited.then((code) => reject(new Error(`exited ${code} before it was ready:\n${this.stderr}`)));
      check();
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
