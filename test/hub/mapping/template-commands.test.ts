import { describe, expect, it } from 'vitest';
import { getOwn, pendingSkus, taskStatus } from '../../../hub/domain/index.js';
import { affectedSkus, resolveCode, templateCodes } from '../../../hub/mapping/index.js';
import { BLUE_M, DOUYIN, RED_L, RED_M, dresses } from '../domain/dresses.js';
import { alerts, ofType, orderCommand, types } from '../domain/harness.js';

/** Sizes M become MED: the two M dresses change code, the L one does not. */
const MED = 'DY-{category}-{colour}-{size|replace("M", "MED")}-{year|right(2)}';

/** A shift: a Douyin order of the red M dress loaded at S1, one of the red L dress released. */
function shift() {
  const h = dresses();
  h.ok(orderCommand('1', [['DY-DRESS-RED-M-26', 1]], 'douyin'));
  h.ok(orderCommand('2', [['DY-DRESS-RED-L-26', 1]], 'douyin'));
  h.ok({ type: 'taskLoaded', taskId: 'T1', station: 'S1' });
  return h;
}

describe('template circuit breaker', () => {
  it('changing a template holds every SKU whose code changed: tasks blocked, an alert for the channel', () => {
    const h = shift();
    const events = h.ok({ type: 'setTemplate', channel: 'douyin', source: MED, note: 'Douyin spells sizes out' });
    expect(types(events).slice(0, 4)).toEqual(['template.set', 'template.pending', 'alert.raised', 'task.blocked']);
    expect(getOwn(h.state.pendingTemplates, 'douyin')).toEqual({ channel: 'douyin', previous: DOUYIN, source: MED, skus: [BLUE_M, RED_M], since: h.now.toISOString() });
    expect([...pendingSkus(h.state)]).toEqual([BLUE_M, RED_M]);
    expect(alerts(events)[0]).toMatchObject({ kind: 'mapping-pending', severity: 'critical', target: { channel: 'douyin' } });
    expect(taskStatus(h.state, getOwn(h.state.tasks, 'T1')!)).toBe('blocked');
    expect(getOwn(h.state.tasks, 'T2')!.block).toBeUndefined();
    expect(h.state.mappingLog.at(-1)).toMatchObject({ kind: 'template-set', from: DOUYIN, to: MED, note: 'Douyin spells sizes out' });
    // New orders: the new code resolves but waits; the old code no longer resolves.
    h.ok(orderCommand('3', [['DY-DRESS-RED-MED-26', 1]], 'douyin'));
    expect(getOwn(h.state.orders, 'douyin:3')).toMatchObject({ status: 'held', hold: { unresolved: [{ pending: RED_M }] } });
    expect(resolveCode(h.state, 'douyin', 'DY-DRESS-RED-M-26')).toBeUndefined();
  });

  it('confirming keeps the new template, lifts the blocks and releases the held orders', () => {
    const h = shift();
    h.ok({ type: 'setTemplate', channel: 'douyin', source: MED });
    h.ok(orderCommand('3', [['DY-DRESS-RED-MED-26', 1]], 'douyin'));
    const events = h.ok({ type: 'confirmTemplate', channel: 'douyin' });
    expect(types(events)).toEqual(['template.confirmed', 'alert.closed', 'order.released', 'alert.closed', 'task.released', 'task.unblocked', 'alert.closed', 'stop-list.changed']);
    expect(events[1]).toMatchObject({ type: 'alert.closed', reason: 'confirmed' });
    expect(h.state.alerts.find((alert) => alert.kind === 'mapping-pending')).toMatchObject({ target: { channel: 'douyin' }, closed: { reason: 'confirmed' } });
    expect(getOwn(h.state.pendingTemplates, 'douyin')).toBeUndefined();
    expect(getOwn(h.state.templates, 'douyin')!.source).toBe(MED);
    expect(h.state.mappingLog.at(-1)).toMatchObject({ kind: 'confirmed', channel: 'douyin', from: DOUYIN, to: MED });
    expect(h.state.mappingLog.at(-1)!.channelSku).toBeUndefined();
    expect(h.refused({ type: 'confirmTemplate', channel: 'douyin' })).toBe('MAPPING_NOT_PENDING');
  });

  it('rolling back restores the confirmed source, even after two changes, and releases orders of the old codes', () => {
    const h = shift();
    h.ok({ type: 'setTemplate', channel: 'douyin', source: MED });
    h.ok({ type: 'setTemplate', channel: 'douyin', source: 'DY-{colour}-{size}' });
    expect(getOwn(h.state.pendingTemplates, 'douyin')).toMatchObject({ previous: DOUYIN, source: 'DY-{colour}-{size}', skus: [BLUE_M, RED_L, RED_M] });
    h.ok(orderCommand('3', [['DY-RED-M', 1]], 'douyin'));
    const events = h.ok({ type: 'rollbackTemplate', channel: 'douyin', note: 'not announced by Douyin' });
    expect(ofType(events, 'template.rolled-back')[0]).toMatchObject({ source: DOUYIN, rejected: 'DY-{colour}-{size}', skus: [BLUE_M, RED_L, RED_M] });
    expect(getOwn(h.state.templates, 'douyin')).toMatchObject({ source: DOUYIN, version: h.state.mappingVersion });
    expect(pendingSkus(h.state).size).toBe(0);
    expect(getOwn(h.state.tasks, 'T1')!.block).toBeUndefined();
    // The order of the rejected rule's code stays held, now as an unresolved code.
    expect(getOwn(h.state.orders, 'douyin:3')).toMatchObject({ status: 'held', hold: { unresolved: [{ channelSku: 'DY-RED-M' }] } });
    expect(getOwn(h.state.orders, 'douyin:3')!.hold!.unresolved[0]!.pending).toBeUndefined();
    h.ok(orderCommand('4', [['DY-DRESS-RED-M-26', 1]], 'douyin'));
    expect(getOwn(h.state.orders, 'douyin:4')!.status).toBe('released');
  });

  it('removing a template holds every SKU it coded; rows with a pending change cannot be removed', () => {
    const h = shift();
    expect(h.refused({ type: 'removeTemplate', channel: 'taobao' })).toBe('TEMPLATE_NOT_FOUND');
    const events = h.ok({ type: 'removeTemplate', channel: 'douyin' });
    expect(types(events).slice(0, 2)).toEqual(['template.removed', 'template.pending']);
    expect(getOwn(h.state.pendingTemplates, 'douyin')).toMatchObject({ previous: DOUYIN, source: null, skus: [BLUE_M, RED_L, RED_M] });
    expect(getOwn(h.state.templates, 'douyin')).toBeUndefined();
    expect(h.refused({ type: 'removeTemplate', channel: 'douyin' })).toBe('MAPPING_PENDING');
    h.ok({ type: 'rollbackTemplate', channel: 'douyin' });
    expect(resolveCode(h.state, 'douyin', 'DY-DRESS-RED-M-26')).toBe(RED_M);
  });

  it('a template that changes no code holds nothing', () => {
    const h = shift();
    expect(types(h.ok({ type: 'setTemplate', channel: 'douyin', source: 'DY-{category}-{colour}-{size}-{year|slice(2)}' }))).toEqual(['template.set']);
    expect(h.ok({ type: 'setTemplate', channel: 'douyin', source: 'DY-{category}-{colour}-{size}-{year|slice(2)}' })).toEqual([]);
  });

  it('a row over a template code, or a removal that lets the template re-point a code, is a change', () => {
    const h = dresses();
    const events = h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-DRESS-RED-M-26', masterSku: RED_L });
    expect(types(events)).toEqual(['mapping.set', 'mapping.pending', 'alert.raised']);
    expect([...pendingSkus(h.state)]).toEqual([RED_M, RED_L]);
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-DRESS-RED-M-26' });
    // Removing the row lets the template give the code its own SKU again: held too.
    expect(types(h.ok({ type: 'removeMapping', channel: 'douyin', channelSku: 'DY-DRESS-RED-M-26' }))).toEqual(['mapping.removed', 'mapping.pending', 'alert.raised']);
    expect([...pendingSkus(h.state)]).toEqual([RED_L, RED_M]);
    // A row that agrees with the template changes nothing.
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-DRESS-RED-M-26' });
    expect(types(h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-DRESS-BLUE-M-26', masterSku: BLUE_M }))).toEqual(['mapping.set']);
  });

  it('affectedSkus: changed or lost codes, and SKUs that took another’s code', () => {
    const h = dresses();
    const before = templateCodes(DOUYIN, h.state.catalog);
    expect(affectedSkus(before, before)).toEqual([]);
    expect(affectedSkus(before, templateCodes(null, h.state.catalog))).toEqual([BLUE_M, RED_L, RED_M]);
    expect(affectedSkus(templateCodes(null, h.state.catalog), before)).toEqual([]);
    // `DY-{colour}` gives both red dresses DY-RED: each lost its code.
    expect(affectedSkus(templateCodes('DY-{size}', h.state.catalog), templateCodes('DY-{colour}', h.state.catalog))).toEqual([BLUE_M, RED_L, RED_M]);
  });
});
