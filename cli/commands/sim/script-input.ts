import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { untilInterrupted } from '../../command.js';

/**
 * The life of a `packgate sim` device driven by script lines: `play` takes the lines of
 * `file` (or of standard input) until they run out or Ctrl-C comes; the device then stays
 * until Ctrl-C, and `close` releases it whatever happened.
 */
export async function playUntilInterrupted(
  file: string | undefined,
  play: (lines: AsyncIterable<string>, signal: AbortSignal) => Promise<void>,
  close: () => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const interrupted = untilInterrupted().then(() => stop.abort());
  const input = file ? createReadStream(file) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  stop.signal.addEventListener('abort', () => lines.close(), { once: true });
  try {
    await play(lines, stop.signal);
    if (!stop.signal.aborted) console.error('Input done; the device stays until Ctrl-C.');
    await interrupted;
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  } finally {
    lines.close();
    await close();
  }
}
