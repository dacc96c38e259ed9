import { describe, expect, it } from 'vitest';
import {
  DomainError,
  applyCommand,
  createDomainState,
  domainErrorKind,
  restoreDomainState,
  type DomainCommand,
  type DomainErrorCode,
} from '../../../hub/domain/index.js';
import { HOUR, Harness, T0, malformed, manager, orderCommand } from './harness.js';
import { MAPPING_WING } from '../../../hub/mapping/mapping-wing.js';

/** A shift in miniature: mappings, orders held and released, stock, a freeze, stops, a fault. */
const shift: DomainCommand[] = [
  { type: 'setOnHand', sku: 'A', batch: 'L1', quantity: 6 },
  { type: 'setMapping', channel: 'taobao', channelSku: 'TB-A', masterSku: 'A' },
  orderCommand('1', [['TB-A', 2]]),
  orderCommand('2', [['TB-A', 3]]),
  orderCommand('3', [['TB-B', 1]]),
  { type: 'taskLoaded', taskId: 'T1', station: 'S1' },
  { type: 'createFreeze', orderId: 'taobao:1', quantity: 3 },
  { type: 'stopTask', orderId: 'taobao:2', reason: 'address-change' },
  { type: 'stationFault', station: 'S1', device: 'printer', detail: 'paper out' },
  { type: 'acknowledgeAlert', alertSeq: 1, manager: 'Li Na' },
  { type: 'setMapping', channel: 'taobao', channelSku: 'TB-B', masterSku: 'B' },
  { type: 'resolveHeldOrders' },
  { type: 'tick' },
];

function run(commands: readonly DomainCommand[], state = createDomainState(), start = T0) {
  const events = [];
  let now = start.getTime();
  for (const command of commands) {
    now += 60_000;
    const result = applyCommand(state, command, { now: new Date(now), actor: manager }, { mapping: MAPPING_WING });
    if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
    state = result.state;
    events.push(...result.events);
  }
  return { state, events };
}

describe('applyCommand', () => {
  it('never changes the state it is given', () => {
    let state = createDomainState();
    for (const command of shift) {
      const before = JSON.stringify(state);
      const result = applyCommand(state, command, { now: T0, actor: manager }, { mapping: MAPPING_WING });
      expect(JSON.stringify(state)).toBe(before);
      if (result.ok) state = result.state;
    }
    const before = JSON.stringify(state);
    expect(applyCommand(state, { type: 'approveFreeze', freezeId: 'F9' }, { now: T0, actor: manager }, { mapping: MAPPING_WING }).ok).toBe(false);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('returns the same state object, and no events, when nothing changed', () => {
    const state = createDomainState();
    const result = applyCommand(state, { type: 'tick' }, { now: T0, actor: manager }, { mapping: MAPPING_WING });
    expect(result).toEqual({ ok: true, state, events: [] });
    if (result.ok) expect(result.state).toBe(state);
  });

  it('is deterministic: the same commands at the same instants give the same state and events', () => {
    expect(run(shift)).toEqual(run(shift));
  });

  it('gives every event the audit block: who, from where, when, why and the raw payload', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.advance(HOUR);
    const raw = { orderId: 'taobao:1', from: 'refund-webhook' };
    const events = h.ok(
      { type: 'createFreeze', orderId: 'taobao:1', note: 'note in the body' },
      { actor: { kind: 'token', id: 'tok-9', name: 'refund-bot' }, origin: '10.1.2.3', reason: 'customer asked for refund', raw },
    );
    expect(events.length).toBeGreaterThan(2);
    for (const event of events) {
      expect(event.audit).toEqual({
        at: '2026-03-02T09:00:00.000Z',
        actor: { kind: 'token', id: 'tok-9', name: 'refund-bot' },
        origin: '10.1.2.3',
        reason: 'customer asked for refund',
        command: 'createFreeze',
        raw,
      });
    }
  });

  it('takes the reason from the command’s note, and the raw payload from the command, by default', () => {
    const h = new Harness();
    const command: DomainCommand = { type: 'setOnHand', sku: 'A', quantity: 3, note: 'receiving PO-77' };
    const [event] = h.ok(command);
    expect(event!.audit).toEqual({ at: T0.toISOString(), actor: manager, reason: 'receiving PO-77', command: 'setOnHand', raw: command });
  });

  it('refuses what is not a command: BAD_COMMAND', () => {
    const h = new Harness();
    expect(h.refused(malformed({ type: 'dropTables' }))).toBe(DomainError.BadCommand);
    expect(h.refused(malformed({ type: 'constructor' }))).toBe(DomainError.BadCommand);
    expect(h.refused(malformed({}))).toBe(DomainError.BadCommand);
    expect(h.refused(null as unknown as DomainCommand)).toBe(DomainError.BadCommand);
    expect(h.refused(malformed({ type: 'tick', extra: 1 }))).toBe(DomainError.BadCommand);
    expect(h.refused(malformed({ type: 'taskLoaded', taskId: 'T1' }))).toBe(DomainError.BadCommand);
    expect(h.refused(malformed({ type: 'stationOnline', station: 'a/b' }))).toBe(DomainError.BadCommand);
    const result = h.apply(malformed({ type: 'stationOnline', station: 'a/b' }));
    expect(result.ok ? '' : result.message).toContain('/station');
  });

  it('keeps to plain JSON: a saved and restored state carries on exactly like the original', () => {
    const first = run(shift.slice(0, 8));
    const restored = restoreDomainState(JSON.parse(JSON.stringify(first.state)));
    expect(restored).toEqual(first.state);
    const later = new Date(T0.getTime() + 8 * 60_000);
    expect(run(shift.slice(8), restored, later)).toEqual(run(shift.slice(8), first.state, later));
  });
});

describe('restoreDomainState', () => {
  it('refuses what is not a saved domain state: DOMAIN_STATE_INVALID', () => {
    for (const doc of [null, [], 'x', { schema: 2 }, {}]) {
      expect(() => restoreDomainState(doc)).toThrow(expect.objectContaining({ code: 'DOMAIN_STATE_INVALID' }));
    }
  });

  it('fills collections a saved document lacks', () => {
    const { stations: _stations, ...older } = createDomainState();
    expect(restoreDomainState(older).stations).toEqual({});
  });
});

describe('domainErrorKind', () => {
  it('classifies every code as invalid input, not found, or a conflict', () => {
    const kinds = Object.fromEntries(Object.values(DomainError).map((code: DomainErrorCode) => [code, domainErrorKind(code)]));
    expect(kinds).toMatchObject({
      BAD_COMMAND: 'invalid',
      BAD_QUANTITY: 'invalid',
      BAD_TTL: 'invalid',
      FREEZE_SKU_REQUIRED: 'invalid',
      ORDER_NOT_FOUND: 'not_found',
      TASK_NOT_FOUND: 'not_found',
      FREEZE_NOT_FOUND: 'not_found',
      STOP_NOT_FOUND: 'not_found',
      ALERT_NOT_FOUND: 'not_found',
      ORDER_EXISTS: 'conflict',
      FREEZE_NOT_PENDING: 'conflict',
      ALERT_ALREADY_ACKNOWLEDGED: 'conflict',
    });
    expect(Object.keys(kinds)).toHaveLength(new Set(Object.values(DomainError)).size);
  });
});
