import type * as Pino from 'pino';

/**
 * The `pino` module with `destination` writing every log line into `lines` instead of a file
 * descriptor: `common/log.ts` builds its root logger on `destination(2)`. For a test that asserts
 * what the process logged. Use it from `vi.mock('pino', …)`, and set `PACKGATE_LOG_LEVEL` in
 * `vi.hoisted` first (under vitest the logs are otherwise silent):
 *
 * @example
 * const logged = vi.hoisted(() => { process.env.PACKGATE_LOG_LEVEL = 'trace'; return [] as string[]; });
 * vi.mock('pino', async (original) => (await import('../helpers/logs.js')).capturingPino(await original(), logged));
 */
export function capturingPino(pino: typeof Pino, lines: string[]): typeof Pino {
  const destination = () => ({ write: (line: string) => void lines.push(line) });
  return { ...pino, destination: destination as unknown as typeof Pino.destination };
}
