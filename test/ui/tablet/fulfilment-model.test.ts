import { describe, expect, it } from 'vitest';
import { duration } from '../../../ui/tablet/src/format.js';
import { PageModel } from '../../../ui/tablet/src/model/page-model.js';
import { STRINGS } from '../../../ui/tablet/src/strings.js';
import { nodeStates } from '../../../ui/tablet/src/views/node-states.js';
import type { FeedRecord } from '../../../ui/tablet/src/wire.js';

const AT = '2026-11-22T08:00:00.000Z';

describe("the tablet's fulfilment figures without a browser (issue #14)", () => {
  it("says each node's state: reached, passed without a time, stuck at the patrol's node, or ahead", () => {
    expect(nodeStates({ node: null, at: {} }).map((node) => node.state)).toEqual(Array(6).fill('ahead'));
    expect(nodeStates({ node: 'verified', at: { released: AT, verified: AT }, stuck: { node: 'released', since: AT, alertSeq: 3 } })).toEqual([
      { node: 'released', state: 'stuck', at: AT },
      { node: 'verified', state: 'reached', at: AT },
      { node: 'labelled', state: 'ahead' },
      { node: 'handed-over', state: 'ahead' },
      { node: 'picked-up', state: 'ahead' },
      { node: 'delivered', state: 'ahead' },
    ]);
    // A delivery reported before the pickup: the pickup was passed, with no time of its own.
    const delivered = nodeStates({ node: 'delivered', at: { released: AT, verified: AT, labelled: AT, 'handed-over': AT, delivered: AT } });
    expect(delivered.map((node) => node.state)).toEqual(['reached', 'reached', 'reached', 'reached', 'passed', 'reached']);
  });

  it("writes the patrol's limits in both languages", () => {
    expect([90 * 60_000, 2 * 3600_000, 86_400_000].map((ms) => duration(STRINGS.en, ms))).toEqual(['90 min', '2 h', '1 d']);
    expect([90 * 60_000, 2 * 3600_000, 86_400_000].map((ms) => duration(STRINGS['zh-CN'], ms))).toEqual(['90 分钟', '2 小时', '1 天']);
  });

  it('reloads the funnel when an order reaches a node, and the dock when a batch, a hold or an intercept changes', () => {
    const model = new PageModel();
    let seq = 0;
    const domain = (...types: string[]): FeedRecord =>
      ({ seq: (seq += 1), at: AT, kind: 'domain', command: { type: 'x' }, audit: { at: AT, actor: { kind: 'system', id: 't' } }, events: types.map((type) => ({ type })) }) as unknown as FeedRecord;
    const moved = (...types: string[]) => {
      const before = { ...model.revisions };
      model.apply(domain(...types));
      return { funnel: model.revisions.funnel - before.funnel, dock: model.revisions.dock - before.dock };
    };
    expect(moved('order.carrier-event')).toEqual({ funnel: 1, dock: 0 });
    expect(moved('task.label-printed')).toEqual({ funnel: 1, dock: 0 });
    expect(moved('handover.scanned')).toEqual({ funnel: 0, dock: 1 });
    expect(moved('handover.closed', 'order.handed-over')).toEqual({ funnel: 1, dock: 2 });
    expect(moved('task.stopped')).toEqual({ funnel: 0, dock: 1 });
    expect(moved('parcel.withdrawn', 'alert.closed')).toEqual({ funnel: 1, dock: 2 });
    expect(moved('mapping.changed', 'stock.changed')).toEqual({ funnel: 0, dock: 0 });
  });
});
