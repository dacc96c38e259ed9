import { afterEach, beforeEach, vi } from 'vitest';

/** What the current test printed: `console.log` lines in `out`, `console.error` lines in `err`. */
export interface ConsoleLines {
  readonly out: string[];
  readonly err: string[];
}

/**
 * Captures `console.log` and `console.error` for every test of the `describe` it is called in
 * (the command line prints with them): the lines start empty for each test, and the console is
 * given back after it.
 */
export function captureConsole(): ConsoleLines {
  const lines: ConsoleLines = { out: [], err: [] };
  beforeEach(() => {
    lines.out.length = 0;
    lines.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.err.push(args.join(' ')));
  });
  afterEach(() => void vi.restoreAllMocks());
  return lines;
}
