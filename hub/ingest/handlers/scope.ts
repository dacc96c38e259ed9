import { createLogger } from '../../../common/log.js';
import type { HubCommand, StationEvent, StationEventBody } from '../../../protocol/index.js';
import type { WeighingTally } from '../../control/weighing-tally.js';
import type { CommandContext } from '../../domain/audit.js';
import type { CommandResult } from '../../domain/apply.js';
import type { DomainCommand } from '../../domain/schemas.js';
import type { ReadonlyDomainState } from '../../domain/tx.js';
import type { EvidenceService } from '../../evidence/service.js';

const log = createLogger('hub.station-facts');

/** The body of a station event of type `T`. */
export type BodyOf<T extends StationEventBody['type']> = Extract<StationEventBody, { type: T }>;

/** What the hub lends the handlers of its stored station events. */
export interface StationEventHooks {
  readonly state: () => ReadonlyDomainState;
  readonly execute: (command: DomainCommand, context: CommandContext) => CommandResult;
  /** Sends a command to the station (QoS 1, `station/{id}/cmd`). */
  readonly command: (station: string, command: HubCommand) => void;
  /** The weighings and weight blocks counted for `/metrics`. */
  readonly weighings: Pick<WeighingTally, 'weighed' | 'mismatch'>;
  readonly evidence: Pick<EvidenceService, 'clipStored'>;
}

/** One stored station event as its handler sees it: the event, its record's sequence, and what it may do. */
export interface EventScope {
  readonly event: StationEvent;
  /** The history sequence of the event's record. */
  readonly recordSeq: number;
  readonly hooks: StationEventHooks;
  /**
   * Applies a domain fact the event stands for (docs/domain.md, "Facts versus requests"), the station
   * as the actor and the event as the raw payload. A refusal, such as a fact out of order, is
   * logged: the event itself is stored whatever the domain makes of it.
   */
  fact(command: DomainCommand): void;
  /** Answers the station that sent the event on its command topic. */
  answer(command: HubCommand): void;
}

export function eventScope(stored: { seq: number; event: StationEvent }, hooks: StationEventHooks): EventScope {
  const { event } = stored;
  return {
    event,
    recordSeq: stored.seq,
    hooks,
    fact(command) {
      const context: CommandContext = { now: new Date(event.at), actor: { kind: 'station', id: event.station }, origin: event.station, raw: event };
      const result = hooks.execute(command, context);
      if (!result.ok) log.warn({ station: event.station, seq: event.seq, command: command.type, code: result.code, reason: result.message }, 'station fact refused by the domain');
    },
    answer(command) {
      hooks.command(event.station, command);
    },
  };
}
