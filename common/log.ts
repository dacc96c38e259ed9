import { destination, pino, type Level, type Logger } from 'pino';

const root = pino(
  {
    level: process.env.PACKGATE_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    base: undefined,
  },
  // Logs go to stderr; stdout is for what a command prints for people and scripts.
  destination(2),
);

/** A named logger per module, e.g. `createLogger('hub.ingest')`. Level from PACKGATE_LOG_LEVEL. */
export function createLogger(module: string): Logger {
  const logger = root.child({ module });
  children.push(logger);
  return logger;
}

// pino children copy the parent's level when created; a later change must reach them too.
const children: Logger[] = [];

/** Sets the level for every module's logger, unless PACKGATE_LOG_LEVEL already chose one. */
export function setDefaultLogLevel(level: Level): void {
  if (process.env.PACKGATE_LOG_LEVEL) return;
  root.level = level;
  for (const child of children) child.level = level;
}

export type { Logger };
