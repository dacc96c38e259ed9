import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StationEvent } from '../../protocol/index.js';

/** Publishes in flight at once during a resend: fast on a LAN, bounded in memory. */
const WINDOW = 64;

/**
 * Publishes again every event the journal at `path` holds from `from` on, in order, acked or
 * not (the hub's `resend` command: its history lost them). Read a line at a time, so a journal
 * of hundreds of MB costs no more memory than the window; a torn last line is skipped. Resolves
 * with the number of events published; rejects if a publish fails (the hub asks again).
 */
export async function resendJournal(path: string, from: number, publish: (event: StationEvent) => Promise<unknown>): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let inFlight: Array<Promise<unknown>> = [];
  let sent = 0;
  try {
    for await (const line of lines) {
      const event = parse(line);
      if (!event || event.seq < from) continue;
      const published = publish(event);
      published.catch(() => undefined); // awaited below, with the window
      inFlight.push(published);
      sent += 1;
      if (inFlight.length >= WINDOW) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
  } finally {
    lines.close();
  }
  return sent;
}

function parse(line: string): StationEvent | undefined {
  try {
    const event = JSON.parse(line) as StationEvent;
    return Number.isSafeInteger(event?.seq) ? event : undefined;
  } catch {
    return undefined;
  }
}
