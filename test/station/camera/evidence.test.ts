import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceClipBody, StationEvent, StationEventBody } from '../../../protocol/index.js';
import { PAYLOAD_VERSION } from '../../../protocol/wire.js';
import { EvidenceKeeper } from '../../../station/camera/evidence.js';
import { tempDir } from '../../helpers/temp-dir.js';

/*
 * The evidence keeper without a camera (its records say `missing`, `no_camera`): one record per
 * order, and what a restart does with the clips a killed agent left open.
 */

const T0 = Date.parse('2026-12-05T08:00:00.000Z');
const order = { taskId: 'T1', orderId: 'taobao:TB1', orderNo: 'TB1', channel: 'taobao' };
const common = { station: 'P1', packer: 'W07', order, mappingVersion: 1 };
const event = (body: StationEventBody): StationEvent => ({ v: PAYLOAD_VERSION, id: randomUUID(), station: 'P1', seq: 1, at: (body as { at: string }).at, body });
const loaded = event({ ...common, at: new Date(T0).toISOString(), type: 'pack.order_loaded', ref: { type: 'order', id: 'TB1' }, source: 'hub', waybill: 'SFTB1', lines: [] });
const verdict = event({ ...common, at: new Date(T0 + 4000).toISOString(), type: 'pack.verdict', verdict: 'counted', units: 1, code: '1', sku: 'SKU', via: 'task', line: null, detail: null, blocks: false });
const printed = event({ ...common, at: new Date(T0 + 9000).toISOString(), type: 'pack.label_printed', reprint: false });

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((remove) => remove()));

function keeper(dataDir: string, options: { benchTaskId?: string | null; journaled?: string[] } = {}) {
  const records: EvidenceClipBody[] = [];
  const made = new EvidenceKeeper({ station: 'P1', dataDir, camera: null, timeZone: () => 'UTC', commit: (body) => records.push(body), journaled: options.journaled ?? [], benchTaskId: options.benchTaskId ?? null });
  return { keeper: made, records };
}

function folder(): string {
  const dir = tempDir('packgate-evidence-');
  dirs.push(dir.remove);
  return dir.path;
}

describe('EvidenceKeeper', () => {
  it('records one clip per order from its load minus the lead-in to its label plus the tail', async () => {
    const { keeper: k, records } = keeper(folder());
    k.onEvents([loaded], 'packing');
    k.onEvents([verdict], 'packing');
    k.onEvents([printed], 'printed');
    await k.idle();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'evidence.clip', status: 'missing', reason: 'no_camera', ending: 'printed', waybills: ['SFTB1'], packer: 'W07', taskId: 'T1', orderNo: 'TB1',
      from: new Date(T0 - 5000).toISOString(), to: new Date(T0 + 12_000).toISOString(), video: null, photo: null, durationMs: 0,
    });
    expect(k.stored()).toEqual([]);
  });

  it('after a kill -9: the order still on the bench keeps its clip open; one that left is ended at its last mark', async () => {
    const dir = folder();
    const first = keeper(dir);
    first.keeper.onEvents([loaded, verdict], 'packing');
    // No close: the process is gone. The restored session still holds T1.
    const kept = keeper(dir, { benchTaskId: 'T1' });
    await kept.keeper.idle();
    expect(kept.records).toEqual([]);
    kept.keeper.onEvents([printed], 'printed');
    await kept.keeper.idle();
    expect(kept.records).toMatchObject([{ ending: 'printed', taskId: 'T1' }]);

    // Another folder: the session came back empty (the order was cancelled at the hub meanwhile, say).
    const dir2 = folder();
    keeper(dir2).keeper.onEvents([loaded, verdict], 'packing');
    const left = keeper(dir2, { benchTaskId: null });
    await left.keeper.idle();
    expect(left.records).toMatchObject([{ ending: 'unknown', to: new Date(T0 + 4000 + 3000).toISOString() }]);
  });

  it('does not send a record the journal already holds (a crash after the record, before the state)', async () => {
    const dir = folder();
    const first = keeper(dir);
    first.keeper.onEvents([loaded], 'packing');
    first.keeper.close();
    first.keeper.onEvents([printed], 'printed');
    await first.keeper.idle();
    expect(first.records).toEqual([]);
    const clipId = (JSON.parse(readFileSync(join(dir, 'camera', 'open-clips.json'), 'utf8')) as { open: Array<{ clipId: string }> }).open[0]!.clipId;
    const again = keeper(dir, { journaled: [clipId] });
    await again.keeper.idle();
    expect(again.records).toEqual([]);
    const third = keeper(dir);
    await third.keeper.idle();
    expect(third.records).toEqual([]);
  });
});
