import type { DomainCommand } from './schemas.js';

/**
 * Who or what caused a change: an API token (its id and name), a station, a rule of the hub
 * itself (e.g. freeze expiry), or the system clock.
 */
export interface Actor {
  kind: 'token' | 'station' | 'rule' | 'system';
  id: string;
  name?: string;
}

/** Everything a command needs from outside besides the state: the clock and the audit facts. */
export interface CommandContext {
  /** The injected clock: every timestamp the command writes is this instant. */
  now: Date;
  actor: Actor;
  /** Where from: the client IP for the API, the station id for station messages. */
  origin?: string;
  /** Why, in words; defaults to the command's `note`. */
  reason?: string;
  /**
   * The raw payload as received (JSON-serialisable); defaults to the command itself, without
   * print data. People read it: never pass print data in it (`withoutPrintData`).
   */
  raw?: unknown;
}

/** The audit block every event carries: who, from where, when, why, and the raw payload. */
export interface Audit {
  at: string;
  actor: Actor;
  origin?: string;
  reason?: string;
  /** The command type that caused the event. */
  command: DomainCommand['type'];
  raw: unknown;
}

/** Builds the audit block for one command; shared by every event the command produces. */
export function buildAudit(command: DomainCommand, context: CommandContext): Audit {
  const audit: Audit = { at: context.now.toISOString(), actor: context.actor, command: command.type, raw: context.raw ?? withoutPrintData(command) };
  if (context.origin !== undefined) audit.origin = context.origin;
  const note = 'note' in command ? command.note : undefined;
  const reason = context.reason ?? note;
  if (reason !== undefined) audit.reason = reason;
  return audit;
}

/**
 * The createOrder command (or its body) as it may be recorded where people read it (an audit's
 * raw payload, the timeline): each parcel's `print` replaced by its `platform`. Anything else is
 * returned as it is.
 */
export function withoutPrintData(command: unknown): unknown {
  if (typeof command !== 'object' || command === null || !('parcels' in command) || !Array.isArray(command.parcels)) return command;
  const parcels = (command.parcels as unknown[]).map((parcel) => {
    if (typeof parcel !== 'object' || parcel === null || !('print' in parcel)) return parcel;
    const { print, ...rest } = parcel as { print: unknown };
    const platform = typeof print === 'object' && print !== null && 'platform' in print ? print.platform : undefined;
    return platform === undefined ? rest : { ...rest, platform };
  });
  return { ...command, parcels };
}
