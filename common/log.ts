import { pino, type Logger } from 'pino';

const root = pino({
  level: process.env.PACKGATE_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: undefined,
});

/** A named logger per module, e.g. `createLogger('hub.ingest')`. Level from PACKGATE_LOG_LEVEL. */
export function createLogger(module: string): Logger {
  return root.child({ module });
}

export type { Logger };
