import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { untilInterrupted } from '../../command.js';

/**
 * Answers each control line of `input` with `apply`'s reply, a line on `notices`, until
 * `signal` aborts: the life of a `packgate sim` server (printer, print program) once it listens.
 */
export async function answerControlsUntilAborted(
  input: Readable,
  notices: Writable,
  signal: AbortSignal,
  apply: (line: string) => Promise<string>,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  lines.on('line', (line) => {
    void apply(line).then((reply) => reply && notices.write(`${reply}\n`));
  });
  try {
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  } finally {
    lines.close();
  }
}

/** Runs `serve` until Ctrl-C or until it ends by itself, then stops it and waits until it has. */
export async function serveUntilInterrupted(serve: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const stop = new AbortController();
  const interrupted = untilInterrupted().then(() => stop.abort());
  const running = serve(stop.signal);
  await Promise.race([running, interrupted]);
  stop.abort();
  await running;
}
