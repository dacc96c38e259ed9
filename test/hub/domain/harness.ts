import { expect } from 'vitest';
import {
  applyCommand,
  createDomainState,
  type Actor,
  type CommandContext,
  type CommandOf,
  type CommandResult,
  type DomainCommand,
  type DomainErrorCode,
  type DomainEvent,
  type DomainEventType,
  type DomainOptions,
  type DomainState,
} from '../../../hub/domain/index.js';
import { MAPPING_WING } from '../../../hub/mapping/mapping-wing.js';

export const T0 = new Date('2026-03-02T08:00:00.000Z');
export const HOUR = 3600_000;
export const manager: Actor = { kind: 'token', id: 'tok-1', name: 'Li Na' };

/**
 * A domain under test with an injected clock: commands applied in turn, the state kept, and
 * helpers that assert a command was applied or refused.
 */
export class Harness {
  state: DomainState = createDomainState();
  now = new Date(T0);
  events: DomainEvent[] = [];

  constructor(readonly options: Omit<DomainOptions, 'mapping'> = {}) {}

  advance(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  context(extra: Partial<CommandContext> = {}): CommandContext {
    return { now: this.now, actor: manager, ...extra };
  }

  /** Applies a command to a deeply frozen state, so any change to the input throws. */
  apply(command: DomainCommand, extra: Partial<CommandContext> = {}): CommandResult {
    const result = applyCommand(deepFreeze(this.state), command, this.context(extra), { mapping: MAPPING_WING, ...this.options });
    if (result.ok) {
      this.state = result.state;
      this.events = result.events;
    }
    return result;
  }

  /** Applies a command that must succeed; returns its events. */
  ok(command: DomainCommand, extra: Partial<CommandContext> = {}): DomainEvent[] {
    const result = this.apply(command, extra);
    if (!result.ok) expect.fail(`${command.type} refused: ${result.code} ${result.message}`);
    return result.events;
  }

  /** Applies a command that must be refused; returns the code (the input is frozen: nothing changed). */
  refused(command: DomainCommand): DomainErrorCode {
    const result = this.apply(command);
    if (result.ok) return expect.fail(`${command.type} was applied: ${types(result.events).join(', ')}`);
    expect(result.message).not.toBe('');
    return result.code;
  }

  /** Maps and releases an order of one SKU per line; returns its task id. */
  order(orderNo: string, lines: Array<[string, number]>, channel: 'taobao' | 'pinduoduo' | 'douyin' = 'taobao'): string {
    for (const [sku] of lines) {
      this.ok({ type: 'setMapping', channel, channelSku: `${channel}-${sku}`, masterSku: sku });
    }
    const events = this.ok(orderCommand(orderNo, lines.map(([sku, quantity]) => [`${channel}-${sku}`, quantity]), channel));
    const released = events.find((event) => event.type === 'task.released');
    if (!released) return expect.fail(`order ${orderNo} was not released`);
    return released.taskId;
  }

  /** Loads and verifies a task at a station. */
  verify(taskId: string, station = 'S1'): void {
    this.ok({ type: 'taskLoaded', taskId, station });
    this.ok({ type: 'taskVerified', taskId, station });
  }
}

/** Freezes a value and everything in it (already frozen parts are skipped: they are shared). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

export function orderCommand(
  orderNo: string,
  lines: Array<[string, number]>,
  channel: 'taobao' | 'pinduoduo' | 'douyin' = 'taobao',
): CommandOf<'createOrder'> {
  return {
    type: 'createOrder',
    channel,
    orderNo,
    waybill: `WB${orderNo}`,
    label: { name: 'Wang Fang', phone: '13800000000', address: '1 Nanjing Rd, Shanghai' },
    lines: lines.map(([channelSku, quantity]) => ({ channelSku, quantity })),
  };
}

export function types(events: readonly DomainEvent[]): DomainEventType[] {
  return events.map((event) => event.type);
}

/** The events of one type, narrowed. */
export function ofType<T extends DomainEventType>(events: readonly DomainEvent[], type: T): Array<Extract<DomainEvent, { type: T }>> {
  return events.filter((event): event is Extract<DomainEvent, { type: T }> => event.type === type);
}

/** A deliberately malformed command, for validation tests. */
export function malformed(command: Record<string, unknown>): DomainCommand {
  return command as unknown as DomainCommand;
}

/** The alerts raised by these events. */
export function alerts(events: readonly DomainEvent[]) {
  return ofType(events, 'alert.raised').map((event) => event.alert);
}
