import type { PrintEvent } from './events.js';
import type { RenderOptions } from './render.js';
import type { PrinterTransport } from './transport.js';
import type { PrintQueueState } from './types.js';

export interface PrintQueueOptions {
  readonly transport: PrinterTransport;
  /** Called for every event, in order, for the agent to journal. */
  readonly onEvent?: (event: PrintEvent) => void;
  /** Label options (font, time zone) for every job. */
  readonly render?: Omit<RenderOptions, 'jobId' | 'reprint'>;
  /** A state from `state()` to carry on from. */
  readonly state?: PrintQueueState;
  /** How long to wait for a status answer (default 3000 ms). */
  readonly statusTimeoutMs?: number;
  /** How long the printer may take to accept a job's bytes (default 10000 ms). */
  readonly sendTimeoutMs?: number;
  /** How often to ask the printer while jobs are pending or it reports trouble (default 1000 ms). */
  readonly pollMs?: number;
  /** How often to ask it otherwise (default 15000 ms; 0: only when there is work). */
  readonly idlePollMs?: number;
  /** How long a connection settles, and an unmoved odometer must stay unmoved, before "did not print" (default 10000 ms). */
  readonly settleMs?: number;
  /** Ask the printer's odometer (`~HQOD`) to prove what printed (default true). */
  readonly odometer?: boolean;
  /** Printed and cancelled jobs kept in the state (default 200). */
  readonly keepFinished?: number;
}

/** The queue's timings with defaults filled in, in milliseconds. */
export interface QueueTiming {
  readonly status: number;
  readonly send: number;
  readonly poll: number;
  readonly idle: number;
  readonly settle: number;
  readonly keep: number;
}

export function queueTiming(options: PrintQueueOptions): QueueTiming {
  return {
    status: options.statusTimeoutMs ?? 3000,
    send: options.sendTimeoutMs ?? 10_000,
    poll: options.pollMs ?? 1000,
    idle: options.idlePollMs ?? 15_000,
    settle: options.settleMs ?? 10_000,
    keep: options.keepFinished ?? 200,
  };
}
