import { describe, expect, it } from 'vitest';
import type { DockManifestParcel } from '../../../protocol/dock.js';
import { dockPrompt, dockStep, EMPTY_DOCK_SESSION, type DockContext, type DockSession } from '../../../station/dock/session.js';
import { indexManifest, judgeDockScan } from '../../../station/dock/verdict.js';
import { scanInput } from '../../../station/pack/scan.js';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const parcel = (waybill: string, extra: Partial<DockManifestParcel> = {}): DockManifestParcel => ({ waybill, orderId: `taobao:${waybill}`, parcel: 1, packed: true, ...extra });
const manifest = indexManifest({
  version: 7,
  at: new Date(NOW).toISOString(),
  parcels: [
    parcel('SF1', { carrier: 'sf-express' }),
    parcel('SF2'),
    parcel('SF3', { held: 'stopped' }),
    parcel('SF4', { packed: false }),
    parcel('SF5', { handedOver: 'DOCK1-1' }),
    parcel('SF6', { batchId: 'DOCK2-4' }),
    parcel('YT1', { carrier: 'yto' }),
    // Held and not packed: the intercept is said first, as at the hub.
    parcel('SF7', { held: 'cancelled', packed: false }),
  ],
});
const batch = { id: 'DOCK1-2', carrier: 'sf-express', waybills: ['SF2'] };

describe('judgeDockScan', () => {
  it.each([
    ['SF1', 'accepted'],
    ['sf1', 'accepted'],
    ['NOPE', 'WAYBILL_NOT_FOUND'],
    ['SF3', 'PARCEL_INTERCEPTED'],
    ['SF7', 'PARCEL_INTERCEPTED'],
    ['SF4', 'PARCEL_NOT_PACKED'],
    ['SF5', 'PARCEL_HANDED_OVER'],
    ['sf2', 'PARCEL_IN_BATCH'],
    ['SF6', 'PARCEL_IN_BATCH'],
    ['YT1', 'CARRIER_MISMATCH'],
  ])('%s → %s', (waybill, verdict) => {
    const judged = judgeDockScan(manifest, batch, waybill);
    expect(judged.ok ? 'accepted' : judged.code).toBe(verdict);
  });

  it('refuses a scan with no batch open, and any with no manifest yet', () => {
    expect(judgeDockScan(manifest, null, 'SF1')).toMatchObject({ ok: false, code: 'NO_BATCH' });
    expect(judgeDockScan(null, batch, 'SF1')).toMatchObject({ ok: false, code: 'WAYBILL_NOT_FOUND' });
  });

  it('refuses a parcel past the batch bound', () => {
    expect(judgeDockScan(manifest, { ...batch, waybills: Array.from({ length: 500 }, (_, i) => `X${i}`) }, 'SF1')).toMatchObject({ ok: false, code: 'BATCH_FULL' });
  });
});

describe('dockStep', () => {
  const ctx: DockContext = { station: 'DOCK1', now: NOW, manifest, lastHeardAt: NOW - 1000, hubSilenceMs: 300_000 };
  const run = (s: DockSession, scans: string[], context = ctx) => {
    let session = s;
    const events = [];
    for (const data of scans) {
      const step = dockStep(session, scanInput(data, context.now), context);
      session = step.session;
      events.push(...step.events);
    }
    return { session, events };
  };

  it('opens a batch from a carrier card only for a signed-in operator, with the station-made id', () => {
    expect(run(EMPTY_DOCK_SESSION, ['$PG:CARRIER:SF-EXPRESS']).session.notice?.key).toBe('notice.need_badge');
    const { session, events } = run(EMPTY_DOCK_SESSION, ['$PG:BADGE:W09', '$PG:CARRIER:SF-EXPRESS']);
    expect(session.batch).toMatchObject({ id: 'DOCK1-1', carrier: 'sf-express', openedBy: 'W09' });
    expect(events).toEqual([expect.objectContaining({ type: 'dock.batch_opened', batchId: 'DOCK1-1', carrier: 'sf-express', operator: 'W09', station: 'DOCK1' })]);
    expect(dockPrompt(session)).toBe('prompt.scan_parcels');
  });

  it('blocks on an intercept until the parcel is scanned out on the withdraw card, and logs each step', () => {
    const { session, events } = run(EMPTY_DOCK_SESSION, ['$PG:BADGE:W09', '$PG:CARRIER:sf-express', 'SF1', 'SF3', 'SF2', '$PG:WITHDRAW', 'SF1', 'SF3', 'SF2']);
    expect(session.block).toBeNull();
    expect(session.batch?.parcels.map((p) => p.waybill)).toEqual(['SF1', 'SF2']);
    expect(events.map((e) => (e.type === 'dock.scanned' ? `${e.waybill}:${e.verdict}` : e.type))).toEqual([
      'dock.batch_opened',
      'SF1:accepted',
      'SF3:PARCEL_INTERCEPTED',
      'dock.block_cleared',
      'SF2:accepted',
    ]);
    expect(events[3]).toMatchObject({ by: 'withdrawn', waybill: 'SF3', verdict: 'PARCEL_INTERCEPTED', batchId: 'DOCK1-1' });
  });

  it('closes no batch while the hub is silent past the offline policy, and none holding a parcel intercepted since its scan', () => {
    const open = run(EMPTY_DOCK_SESSION, ['$PG:BADGE:W09', '$PG:CARRIER:sf-express', 'SF1']).session;
    const silent = run(open, ['$PG:CLOSE'], { ...ctx, lastHeardAt: NOW - 300_001 });
    expect(silent.session.batch?.id).toBe('DOCK1-1');
    expect(silent.session.notice?.key).toBe('notice.hub_silent');
    const frozen = indexManifest({ version: 8, at: '', parcels: [parcel('SF1', { carrier: 'sf-express', held: 'stopped' })] });
    const refused = run(open, ['$PG:CLOSE'], { ...ctx, manifest: frozen });
    expect(refused.session.block).toMatchObject({ waybill: 'SF1', code: 'PARCEL_INTERCEPTED' });
    const closed = dockStep(open, scanInput('$PG:CLOSE', NOW), ctx);
    expect(closed.events).toEqual([expect.objectContaining({ type: 'dock.batch_closed', batchId: 'DOCK1-1', count: 1, waybills: ['SF1'] })]);
    expect(closed.closed?.batch.parcels).toHaveLength(1);
    expect(closed.session.batch).toBeNull();
  });

  it('opens a batch from a carrier chosen on the screen, never a second while one is open', () => {
    const signed = run(EMPTY_DOCK_SESSION, ['$PG:BADGE:W09']).session;
    const first = dockStep(signed, { type: 'carrier', carrier: 'yto' }, ctx);
    expect(first.session.batch?.carrier).toBe('yto');
    const second = dockStep(first.session, { type: 'carrier', carrier: 'sf-express' }, ctx);
    expect(second.events).toEqual([]);
    expect(second.session.notice?.key).toBe('notice.batch_open');
  });
});
