import type { EvidenceClipBody, HubCommand, StationEvent } from '../../protocol/index.js';
import { WeighingTally } from '../../hub/control/weighing-tally.js';
import type { CommandContext } from '../../hub/domain/audit.js';
import type { DomainCommand } from '../../hub/domain/schemas.js';
import { createDomainState } from '../../hub/domain/state.js';
import type { ReadonlyDomainState } from '../../hub/domain/tx.js';
import { handleStationEvent } from '../../hub/ingest/handlers/index.js';

/** What the hub's handler of a stored station event did, as recorded hooks saw it. */
export interface Handled {
  /** The domain facts it applied, in order, each with its context. */
  readonly facts: Array<{ command: DomainCommand; context: CommandContext }>;
  /** The commands it sent to stations. */
  readonly commands: Array<{ station: string; command: HubCommand }>;
  /** The clips it handed to the evidence service. */
  readonly clips: Array<{ station: string; clip: EvidenceClipBody }>;
  readonly weighings: WeighingTally;
  /** Whether a handler knew the event's type. */
  known: boolean;
}

/**
 * Runs one stored station event through the hub's router (hub/ingest/handlers/) with hooks that
 * record what it does; the domain takes every fact and reads `state` (default: an empty one).
 */
export function handled(event: StationEvent, options: { state?: ReadonlyDomainState; recordSeq?: number } = {}): Handled {
  const state = options.state ?? createDomainState();
  const done: Handled = { facts: [], commands: [], clips: [], weighings: new WeighingTally(), known: false };
  done.known = handleStationEvent(
    { seq: options.recordSeq ?? 1, event },
    {
      state: () => state,
      execute: (command, context) => {
        done.facts.push({ command, context });
        return { ok: true, state: createDomainState(), events: [] };
      },
      command: (station, command) => void done.commands.push({ station, command }),
      weighings: done.weighings,
      evidence: { clipStored: (station, clip) => void done.clips.push({ station, clip }) },
    },
  );
  return done;
}

/** The domain facts the hub applies for a stored station event, in order. */
export function stationFacts(event: StationEvent): Handled['facts'] {
  return handled(event).facts;
}

/** The hub's answer to a station's event stored as record `recordSeq`, if it sends one. */
export function taskAnswer(state: ReadonlyDomainState, event: StationEvent, recordSeq: number): HubCommand | undefined {
  return handled(event, { state, recordSeq }).commands[0]?.command;
}
