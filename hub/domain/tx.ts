import type { Audit } from './audit.js';
import type { DomainEvent, EventData } from './events.js';
import type { ChannelSkuResolver } from './mapping.js';
import type { DomainConfig, DomainState } from './state.js';

/**
 * One command being applied: a private copy of the state that handlers change in place, the
 * command's instant and audit, and the events so far. A rejected command's copy is dropped,
 * so a handler may change things before it finds a reason to refuse.
 */
export interface Tx {
  readonly state: DomainState;
  readonly now: Date;
  /** `now` as an ISO string: every timestamp the command writes. */
  readonly at: string;
  readonly config: Readonly<DomainConfig>;
  readonly resolve: ChannelSkuResolver;
  readonly audit: Audit;
  readonly events: DomainEvent[];
  emit(event: EventData): void;
  /** The next id of a kind: `T1`, `S1`, `F1` … */
  nextId(kind: 'task' | 'stop' | 'freeze'): string;
}

const PREFIX = { task: 'T', stop: 'S', freeze: 'F' } as const;

export function createTx(
  state: DomainState,
  now: Date,
  config: Readonly<DomainConfig>,
  resolve: ChannelSkuResolver,
  audit: Audit,
): Tx {
  const events: DomainEvent[] = [];
  return {
    state,
    now,
    at: now.toISOString(),
    config,
    resolve,
    audit,
    events,
    emit: (event) => void events.push({ ...event, audit } as DomainEvent),
    nextId(kind) {
      state.counters[kind] += 1;
      return `${PREFIX[kind]}${state.counters[kind]}`;
    },
  };
}
