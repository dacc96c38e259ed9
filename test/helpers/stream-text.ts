import { PassThrough, type Readable } from 'node:stream';

/** Collects a stream's text as it comes: `match` resolves the first match of a pattern, `text` is all so far. */
export function watch(stream: Readable) {
  let text = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  });
  const match = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve) => {
      const check = () => {
        const found = text.match(pattern);
        if (found) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  return { match, text: () => text };
}

/**
 * Standard input, output and error for a `packgate sim` server run in-process: `out` and `said`
 * watch its output and its notices.
 */
export function simConsole() {
  const input = new PassThrough();
  const output = new PassThrough();
  const notices = new PassThrough();
  return { input, output, notices, out: watch(output), said: watch(notices) };
}
