import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { MAX_PACK_RAW_BYTES, PackEventBody, PackEventSchemas } from '../../../protocol/pack-events.js';
import { PACK_VERDICTS } from '../../../station/pack/index.js';
import { Bench, packing } from './helpers.js';

const check = Compile(PackEventBody);

describe('pack events on the wire', () => {
  it('one schema per event type, each discriminated by `type`', () => {
    for (const [type, schema] of Object.entries(PackEventSchemas)) expect(schema.properties.type.const).toBe(type);
    expect(PACK_VERDICTS).toHaveLength(16);
  });

  it('refuses an extra field, an unknown verdict, a missing packer field, a bad timestamp', () => {
    const bench = packing();
    bench.scan('4006381333931');
    const event = bench.event('pack.verdict');
    expect(check.Check(event)).toBe(true);
    expect(check.Check({ ...event, extra: 1 })).toBe(false);
    expect(check.Check({ ...event, verdict: 'fine' })).toBe(false);
    const { packer: _packer, ...withoutPacker } = event;
    expect(check.Check(withoutPacker)).toBe(false);
    expect(check.Check({ ...event, at: 'today' })).toBe(false);
  });

  it('keeps at most 4096 raw bytes of a runaway scan, marked truncated, and still fits the schema', () => {
    const bench = new Bench();
    bench.scan(new Uint8Array(MAX_PACK_RAW_BYTES + 500).fill(0x41));
    const event = bench.event('pack.verdict');
    expect(event).toMatchObject({ verdict: 'unreadable', code: 'TOO_LONG', scan: { truncated: true } });
    expect(Buffer.from(event.scan?.raw ?? '', 'base64').byteLength).toBe(MAX_PACK_RAW_BYTES);
  });

  it('records the decoded control card and order label', () => {
    const bench = new Bench();
    bench.scan('$PG:BADGE:P-001');
    expect(bench.event('pack.packer_signed_in').scan?.decoded).toMatchObject({ ok: true, kind: 'control', control: { command: 'packer-badge', badge: 'P-001' } });
    bench.scan('$PG:TOTE:TOTE-04');
    expect(bench.event('pack.order_loaded').scan?.decoded).toMatchObject({ kind: 'order', order: { type: 'tote', id: 'TOTE-04' } });
  });

  it('events without a scan (ticks, hub answers, printer reports) carry no scan record', () => {
    const bench = packing();
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_refused')).not.toHaveProperty('scan');
  });
});
