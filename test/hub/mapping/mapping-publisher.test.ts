import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DELTA_BARCODES, MappingPublisher } from '../../../hub/mapping/mapping-publisher.js';
import { MappingDeltaPayload, MappingSnapshotPayload, payloadParser, siteTopics, snapshotHeadVersion } from '../../../protocol/index.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { Harness } from '../domain/harness.js';

const topics = siteTopics('main');
const snapshots = payloadParser(MappingSnapshotPayload, { maxBytes: 16 * 1024 * 1024 });
const deltas = payloadParser(MappingDeltaPayload, { maxBytes: 16 * 1024 * 1024 });

interface Sent {
  topic: string;
  payload: unknown;
  retain: boolean;
}

describe('MappingPublisher', () => {
  let dir: ReturnType<typeof tempDir>;
  let sent: Sent[];
  let publisher: MappingPublisher | undefined;
  const open = (path?: string) => {
    publisher?.close();
    publisher = new MappingPublisher({ topics, publish: (topic, payload, retain) => sent.push({ topic, payload, retain: retain === true }), ...(path ? { path } : {}) });
    return publisher;
  };
  const full = () => sent.filter((s) => s.topic === topics.mappingVersion).map((s) => s.payload as MappingSnapshotPayload);
  const deltasSent = () => sent.filter((s) => s.topic === topics.mappingDelta).map((s) => s.payload as MappingDeltaPayload);

  beforeEach(() => {
    vi.useFakeTimers();
    dir = tempDir();
    sent = [];
  });
  afterEach(() => {
    publisher?.close();
    publisher = undefined;
    vi.useRealTimers();
    dir.remove();
  });

  it('sends each change as a valid delta at once and the retained snapshot once, 2 s after the first change', () => {
    const h = new Harness();
    const p = open();
    p.publishSnapshot(h.state);
    expect(full()).toMatchObject([{ version: 0, pending: [], barcodes: {} }]);
    expect(sent[0]!.retain).toBe(true);

    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS', barcodes: [{ code: 'D1', multiplier: 1 }] });
    p.changed(h.state);
    h.ok({ type: 'setCatalogItem', masterSku: 'SOCK', barcodes: [{ code: 'S1', multiplier: 2 }] });
    p.changed(h.state);
    p.changed(h.state); // nothing moved: nothing sent

    expect(deltasSent()).toMatchObject([
      { from: 0, version: 1, set: { D1: { masterSku: 'DRESS', multiplier: 1 } }, removed: [], pending: [] },
      { from: 1, version: 2, set: { S1: { masterSku: 'SOCK', multiplier: 2 } }, removed: [], pending: [] },
    ]);
    expect(sent.filter((s) => s.topic === topics.mappingDelta).every((s) => !s.retain)).toBe(true);
    for (const delta of deltasSent()) expect(deltas.parse(Buffer.from(JSON.stringify(delta)))).toMatchObject({ ok: true });
    expect(full()).toHaveLength(1);

    vi.advanceTimersByTime(1999);
    expect(full()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(full()).toHaveLength(2);
    expect(full()[1]).toMatchObject({ version: 2, barcodes: { D1: { masterSku: 'DRESS' }, S1: { masterSku: 'SOCK', multiplier: 2 } } });
    vi.advanceTimersByTime(10_000);
    expect(full()).toHaveLength(2);
  });

  it('publishes a waiting snapshot at once when flushed, and nothing when none waits', () => {
    const h = new Harness();
    const p = open();
    p.publishSnapshot(h.state);
    p.flush();
    expect(full()).toHaveLength(1);
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS', barcodes: [{ code: 'D1', multiplier: 1 }] });
    p.changed(h.state);
    p.flush();
    expect(full().map((s) => s.version)).toEqual([0, 1]);
    vi.advanceTimersByTime(5000);
    expect(full()).toHaveLength(2);
  });

  it('moves the version when only the pending list changes, and carries the list in the delta and the snapshot', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'BT-001', barcodes: [{ code: 'BT1', multiplier: 1 }] });
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
    const p = open();
    p.publishSnapshot(h.state);
    const start = full()[0]!.version;

    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-001' });
    p.changed(h.state);
    expect(deltasSent()).toMatchObject([{ from: start, version: start + 1, set: {}, removed: [], pending: ['BT-001', 'BT-002'] }]);
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    p.changed(h.state);
    expect(deltasSent()[1]).toMatchObject({ from: start + 1, version: start + 2, pending: [] });
    vi.advanceTimersByTime(2000);
    expect(full().at(-1)).toMatchObject({ version: start + 2, pending: [] });
  });

  it('writes v and version first, so a station can read the version without parsing the snapshot', () => {
    const h = new Harness();
    h.ok({ type: 'setCatalogItem', masterSku: 'DRESS', barcodes: [{ code: 'D1', multiplier: 1 }] });
    open().publishSnapshot(h.state);
    const wire = Buffer.from(JSON.stringify(full()[0]));
    expect(snapshotHeadVersion(wire)).toBe(1);
    expect(snapshots.parse(wire)).toMatchObject({ ok: true, value: { version: 1 } });
    expect(snapshotHeadVersion(Buffer.from('{"version":1,"v":1}'))).toBeUndefined();
  });

  it('after a restart, reuses the version for the same content and never an old version for new content', () => {
    const path = join(dir.path, 'mapping-version.json');
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
    let p = open(path);
    p.publishSnapshot(h.state);
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-001' });
    p.changed(h.state);
    const held = deltasSent()[0]!.version;

    p = open(path);
    p.publishSnapshot(h.state);
    expect(full().at(-1)).toMatchObject({ version: held, pending: ['BT-001', 'BT-002'] });

    // The hub stopped after storing a change and before publishing it: a restart publishes the next version.
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    p = open(path);
    p.publishSnapshot(h.state);
    expect(full().at(-1)).toMatchObject({ version: held + 1, pending: [] });
  });

  it('sends a change too large for a delta as the full snapshot at once', () => {
    const h = new Harness();
    const p = open();
    p.publishSnapshot(h.state);
    const item = (i: number) => ({ masterSku: `SKU${i}`, barcodes: [{ code: `C${i}`, multiplier: 1 }] });
    const catalog = Object.fromEntries(Array.from({ length: MAX_DELTA_BARCODES + 1 }, (_, i) => [`SKU${i}`, item(i)]));
    const state = { ...h.state, catalog, catalogVersion: h.state.catalogVersion + 1 };
    const before = sent.length;
    p.changed(state);
    expect(sent.slice(before).map((s) => s.topic)).toEqual([topics.mappingVersion]);
  });
});
