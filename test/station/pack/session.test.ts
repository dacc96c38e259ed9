import { describe, expect, it } from 'vitest';
import { indexTasks, type PackTask } from '../../../station/pack/index.js';
import { Bench, CODES, SOCK_TASK, TASK, context, packing, verified } from './helpers.js';

describe('packer sign-in', () => {
  it('a badge signs in, another switches, sign-out from the screen; each is logged with who came before', () => {
    const bench = new Bench();
    expect(bench.scan('$PG:BADGE:P-001').display.packer).toBe('P-001');
    expect(bench.event('pack.packer_signed_in')).toMatchObject({ packer: 'P-001', previous: null });
    bench.scan('$pg:badge:p-002');
    expect(bench.event('pack.packer_signed_in')).toMatchObject({ packer: 'P-002', previous: 'P-001' });
    bench.input({ type: 'sign_out', reason: 'idle' });
    expect(bench.event('pack.packer_signed_out')).toMatchObject({ packer: 'P-002', reason: 'idle' });
    expect(bench.last.display).toMatchObject({ packer: null, prompt: 'prompt.scan_badge' });
    bench.input({ type: 'sign_out', reason: 'screen' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'sign_out', reason: 'not_signed_in' });
  });

  it('nothing a packer does is accepted before a badge', () => {
    const bench = new Bench();
    for (const card of ['$PG:ORDER:880001', '$PG:RESOLVE', '$PG:CANCEL', '$PG:ASIDE', '$PG:REPRINT']) {
      bench.scan(card);
      expect(bench.event('pack.refused').reason).toBe('no_packer');
    }
    bench.input({ type: 'aside', reason: 'damaged' });
    expect(bench.event('pack.refused').reason).toBe('no_packer');
    expect(bench.state.order).toBeNull();
  });

  it('after sign-out the order stays, but nothing counts until the next badge', () => {
    const bench = packing();
    bench.scan(CODES.dressEan);
    bench.input({ type: 'sign_out', reason: 'screen' });
    bench.scan(CODES.dressEan);
    expect(bench.verdict).toBe('no_packer');
    bench.scans('$PG:BADGE:P-003', CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', packer: 'P-003', line: { counted: 2 } });
  });

  it('every event after sign-in carries the packer id', () => {
    const bench = verified();
    expect(bench.events.filter((e) => e.type !== 'pack.packer_signed_in').every((e) => e.packer === 'P-001')).toBe(true);
  });
});

describe('loading an order', () => {
  it.each([
    ['order number', '$PG:ORDER:880001'],
    ['task id', '$PG:TASK:T17'],
    ['tote', '$PG:TOTE:tote-04'],
  ])('by %s, from the local snapshot', (_, label) => {
    const bench = new Bench();
    bench.scans('$PG:BADGE:P-001', label);
    expect(bench.event('pack.order_loaded')).toMatchObject({ source: 'local', waybill: 'SF1234567890', order: { taskId: 'T17' } });
    expect(bench.last.display).toMatchObject({
      state: 'packing',
      prompt: 'prompt.scan_items',
      order: { taskId: 'T17', orderNo: '880001', shipTo: '王芳' },
      totals: { expected: 9, scanned: 0 },
    });
  });

  it('an order not held locally: asks the hub, then loads what the hub sends', () => {
    const bench = new Bench(context({ tasks: indexTasks([SOCK_TASK]) }));
    bench.scans('$PG:BADGE:P-001', '$PG:ORDER:880001');
    expect(bench.event('pack.order_requested').ref).toEqual({ type: 'order', id: '880001' });
    expect(bench.last.display).toMatchObject({ state: 'awaiting_order', awaiting: { ref: 'order:880001', remainingMs: 10_000 } });
    bench.scan(CODES.dressEan);
    expect(bench.verdict).toBe('no_order');
    bench.input({ type: 'task_received', task: SOCK_TASK });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'task_received', reason: 'not_awaiting' });
    bench.advance(3_000);
    bench.input({ type: 'task_received', task: TASK });
    expect(bench.event('pack.order_loaded')).toMatchObject({ source: 'hub', ref: { type: 'order', id: '880001' } });
    expect(bench.last.display.state).toBe('packing');
  });

  it('the hub does not answer within the bounded wait: a clear message, back to idle', () => {
    const bench = new Bench(context({ tasks: {} }));
    bench.scans('$PG:BADGE:P-001', '$PG:TASK:T99');
    bench.advance(9_999);
    bench.input({ type: 'tick' });
    expect(bench.last.events).toEqual([]);
    bench.advance(1);
    bench.input({ type: 'tick' });
    expect(bench.event('pack.order_unavailable')).toMatchObject({ reason: 'timeout', waitedMs: 10_000, ref: { type: 'task', id: 'T99' } });
    expect(bench.last.display).toMatchObject({ state: 'idle', notice: { key: 'notice.order_timeout', params: { ref: 'task:T99' } } });
    bench.input({ type: 'task_received', task: { ...TASK, taskId: 'T99' } });
    expect(bench.event('pack.refused').reason).toBe('not_awaiting');
  });

  it('the wait is configurable, ends when the hub says no, when the packer cancels, or when the clock is set back', () => {
    const policy = { ...context().policy, awaitOrderMs: 2_000 };
    const short = new Bench(context({ tasks: {}, policy }));
    short.scans('$PG:BADGE:P-001', '$PG:ORDER:1');
    short.advance(2_000);
    short.input({ type: 'tick' });
    expect(short.event('pack.order_unavailable').reason).toBe('timeout');

    const no = new Bench(context({ tasks: {} }));
    no.scans('$PG:BADGE:P-001', '$PG:ORDER:1');
    no.input({ type: 'task_unavailable', ref: { type: 'order', id: '2' } });
    expect(no.event('pack.refused').reason).toBe('not_awaiting');
    no.input({ type: 'task_unavailable', ref: { type: 'order', id: '1' } });
    expect(no.event('pack.order_unavailable').reason).toBe('not_found');
    expect(no.last.display.notice?.key).toBe('notice.order_not_found');

    const cancelled = new Bench(context({ tasks: {} }));
    cancelled.scans('$PG:BADGE:P-001', '$PG:ORDER:1', '$PG:CANCEL');
    expect(cancelled.event('pack.order_unavailable').reason).toBe('cancelled');

    const setBack = new Bench(context({ tasks: {} }));
    setBack.scans('$PG:BADGE:P-001', '$PG:ORDER:1');
    setBack.advance(-60_000);
    setBack.input({ type: 'tick' });
    expect(setBack.event('pack.order_unavailable').reason).toBe('timeout');
  });

  it('a task that reaches the local snapshot while waiting loads at the next tick', () => {
    const bench = new Bench(context({ tasks: {} }));
    bench.scans('$PG:BADGE:P-001', '$PG:ORDER:880001');
    bench.with({ tasks: indexTasks([TASK]) }).input({ type: 'tick' });
    expect(bench.event('pack.order_loaded').source).toBe('local');
  });

  it('a malformed task is refused, never half-loaded', () => {
    const bad = { ...TASK, lines: [{ ...TASK.lines[0], quantity: 0 }] } as unknown as PackTask;
    const local = new Bench(context({ tasks: { 'order:880001': bad } }));
    local.scans('$PG:BADGE:P-001', '$PG:ORDER:880001');
    expect(local.event('pack.refused')).toMatchObject({ act: 'order', reason: 'invalid_task' });
    expect(local.state.order).toBeNull();
    const hub = new Bench(context({ tasks: {} }));
    hub.scans('$PG:BADGE:P-001', '$PG:ORDER:880001');
    hub.input({ type: 'task_received', task: bad });
    expect(hub.event('pack.refused')).toMatchObject({ act: 'task_received', reason: 'invalid_task' });
    expect(hub.state.phase).toBe('awaiting_order');
  });

  it('an order number two channels share is not loaded from the snapshot: the hub is asked', () => {
    const twin: PackTask = { ...SOCK_TASK, taskId: 'T19', orderId: 'pinduoduo:880001', orderNo: '880001' };
    const bench = new Bench(context({ tasks: indexTasks([TASK, twin]) }));
    bench.scans('$PG:BADGE:P-001', '$PG:ORDER:880001');
    expect(bench.types).toEqual(['pack.order_requested']);
    bench.scans('$PG:CANCEL', '$PG:TASK:T19');
    expect(bench.event('pack.order_loaded').order?.orderId).toBe('pinduoduo:880001');
  });

  it('another order label is refused until the current one is printed, cancelled or put aside', () => {
    const bench = packing();
    bench.scan('$PG:TASK:T17');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'order', reason: 'same_order' });
    bench.scan('$PG:ORDER:DY-5501');
    expect(bench.event('pack.refused').reason).toBe('order_in_progress');
    expect(bench.state.order?.task.taskId).toBe('T17');
  });
});

describe('cancel and put aside', () => {
  it('CANCEL abandons the order, the counts kept in the event', () => {
    const bench = packing();
    bench.scans(CODES.dressCase, '$PG:CANCEL');
    expect(bench.event('pack.order_cancelled')).toMatchObject({
      lines: [{ masterSku: 'DRESS-2026-RED-M', quantity: 7, counted: 6 }, { masterSku: 'BT-001', quantity: 2, counted: 0 }],
      block: null,
      label: 'none',
      order: { taskId: 'T17' },
    });
    expect(bench.last.display).toMatchObject({ state: 'idle', notice: { key: 'notice.order_cancelled' }, order: null });
    bench.scan('$PG:CANCEL');
    expect(bench.event('pack.refused').reason).toBe('no_order');
  });

  it('$PG:ASIDE opens the put-aside menu and records nothing; a reason card or a tap puts the order aside with its reason', () => {
    const card = packing();
    card.scans(CODES.dressEan, '$PG:ASIDE');
    expect(card.events.some((e) => e.type === 'pack.order_aside')).toBe(false);
    expect(card.last.display).toMatchObject({ state: 'packing', prompt: 'prompt.aside_reason', asideMenu: ['short_pick', 'damaged', 'wrong_pick', 'label_problem', 'other'] });
    card.input({ type: 'tick' });
    expect(card.last.display.asideMenu).not.toBeNull();
    card.scan('$PG:ASIDE:DAMAGED');
    expect(card.event('pack.order_aside')).toMatchObject({ reason: 'damaged', lines: [{ counted: 1 }, { counted: 0 }] });
    expect(card.last.display).toMatchObject({ state: 'idle', notice: { key: 'aside.damaged' }, asideMenu: null });
    expect(card.state.asideMenu).toBeUndefined();

    const direct = packing();
    direct.scan('$pg:aside:wrong_pick');
    expect(direct.event('pack.order_aside').reason).toBe('wrong_pick');

    const screen = packing();
    screen.input({ type: 'aside_menu', open: true });
    expect(screen.last.display.asideMenu).toHaveLength(5);
    screen.input({ type: 'aside', reason: 'label_problem' });
    expect(screen.event('pack.order_aside').reason).toBe('label_problem');
    screen.input({ type: 'aside', reason: 'other' });
    expect(screen.event('pack.refused')).toMatchObject({ act: 'aside', reason: 'no_order' });
  });

  it('the put-aside menu closes on Back or on any other scan, which counts as usual', () => {
    const back = packing();
    back.scan('$PG:ASIDE');
    back.input({ type: 'aside_menu', open: false });
    expect(back.last.display).toMatchObject({ asideMenu: null, prompt: 'prompt.scan_items' });
    expect(back.state.order).not.toBeNull();
    const scan = packing();
    scan.scans('$PG:ASIDE', CODES.dressEan);
    expect(scan.event('pack.verdict')).toMatchObject({ verdict: 'counted' });
    expect(scan.last.display.asideMenu).toBeNull();
  });

  it('the put-aside menu does not open when the order may not be put aside', () => {
    const idle = packing();
    idle.scan('$PG:CANCEL');
    idle.scan('$PG:ASIDE');
    expect(idle.event('pack.refused')).toMatchObject({ act: 'aside', reason: 'no_order' });
    expect(idle.last.display.asideMenu).toBeNull();
    const printed = verified();
    printed.input({ type: 'label_requested' });
    printed.input({ type: 'label_printed' });
    printed.input({ type: 'aside_menu', open: true });
    expect(printed.event('pack.refused').reason).toBe('already_printed');
    expect(printed.last.display.asideMenu).toBeNull();
  });

  it('while the label prints: no other order, no ASIDE; CANCEL stays the way out if the printer never answers', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    bench.scan('$PG:ORDER:DY-5501');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'order', reason: 'label_in_progress' });
    bench.scan('$PG:ASIDE');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'aside', reason: 'label_in_progress' });
    bench.scan('$PG:CANCEL');
    expect(bench.event('pack.order_cancelled').label).toBe('requested');
    bench.input({ type: 'label_printed' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_printed', reason: 'no_label_requested' });
  });

  it('a printed order cannot be put aside', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    bench.scan('$PG:ASIDE');
    expect(bench.event('pack.refused').reason).toBe('already_printed');
  });
});
