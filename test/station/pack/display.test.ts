import { describe, expect, it } from 'vitest';
import { display, indexTasks } from '../../../station/pack/index.js';
import { Bench, CODES, SOCK_TASK, context, packing, verified } from './helpers.js';

describe('the display model', () => {
  it('walks the prompts of a normal order', () => {
    const bench = new Bench();
    const prompts: string[] = [bench.input({ type: 'tick' }).display.prompt];
    for (const scan of ['$PG:BADGE:P-001', '$PG:ORDER:DY-5501', CODES.sockEan]) prompts.push(bench.scan(scan).display.prompt);
    prompts.push(bench.input({ type: 'label_requested' }).display.prompt);
    prompts.push(bench.input({ type: 'label_printed' }).display.prompt);
    expect(prompts).toEqual(['prompt.scan_badge', 'prompt.scan_order', 'prompt.scan_items', 'prompt.label_ready', 'prompt.label_printing', 'prompt.next_order']);
    expect(bench.last.display.state).toBe('printed');
  });

  it('shows lines, totals and the order', () => {
    const bench = packing();
    bench.scans(CODES.dressCase, CODES.earbudsGtin);
    expect(bench.last.display).toMatchObject({
      state: 'blocked',
      order: { taskId: 'T17', orderNo: '880001', channel: 'taobao', waybill: 'SF1234567890', shipTo: '王芳' },
      lines: [
        { masterSku: 'DRESS-2026-RED-M', expected: 7, scanned: 6, complete: false },
        { masterSku: 'BT-001', expected: 2, scanned: 0, complete: false },
      ],
      totals: { expected: 9, scanned: 6 },
      label: { status: 'none', printed: 0, gate: 'blocked' },
    });
  });

  it('counts down the wait for the hub', () => {
    const bench = new Bench(context({ tasks: indexTasks([SOCK_TASK]) }));
    bench.scans('$PG:BADGE:P-001', '$PG:ORDER:1');
    bench.advance(4_000);
    expect(display(bench.state, bench.ctx)).toMatchObject({ state: 'awaiting_order', prompt: 'prompt.awaiting_order', promptParams: { ref: 'order:1' }, awaiting: { remainingMs: 6_000 } });
  });

  it('says why a verified order may not print', () => {
    const bench = verified();
    expect(display(bench.state, { ...bench.ctx, stopList: null })).toMatchObject({ state: 'verified', prompt: 'prompt.label_blocked', label: { gate: 'no_stop_list' } });
  });
});
