import { describe, expect, it } from 'vitest';
import { FreezeListPayload, MAX_PAYLOAD_BYTES, PAYLOAD_VERSION, PayloadRejection, StationEvent, payloadParser } from '../../protocol/index.js';
import { scanEvent } from '../helpers/events.js';

const parser = payloadParser(StationEvent);

describe('payloadParser', () => {
  it('accepts a valid station event from bytes or text', () => {
    const event = scanEvent('S1', 1);
    expect(parser.parse(Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, value: event });
    expect(parser.parse(parser.encode(event))).toEqual({ ok: true, value: event });
  });

  it.each([
    ['not JSON', '{"v":1,', PayloadRejection.NotJson],
    ['another schema version', JSON.stringify({ ...scanEvent('S1', 1), v: 2 }), PayloadRejection.VersionUnsupported],
    ['a missing field', JSON.stringify({ ...scanEvent('S1', 1), seq: undefined }), PayloadRejection.Invalid],
    ['a sequence below 1', JSON.stringify(scanEvent('S1', 0)), PayloadRejection.Invalid],
    ['an extra field', JSON.stringify({ ...scanEvent('S1', 1), extra: true }), PayloadRejection.Invalid],
    ['a JSON array', '[1,2,3]', PayloadRejection.Invalid],
    ['a bad timestamp', JSON.stringify({ ...scanEvent('S1', 1), at: 'yesterday' }), PayloadRejection.Invalid],
    ['an oversized payload', 'x'.repeat(MAX_PAYLOAD_BYTES + 1), PayloadRejection.TooLarge],
  ])('rejects %s with its code', (_name, payload, code) => {
    const result = parser.parse(payload);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.code).toBe(code);
  });

  it('says where the payload is wrong', () => {
    const result = parser.parse(JSON.stringify({ ...scanEvent('S1', 1), seq: -3 }));
    expect(result.ok ? '' : result.message).toContain('/seq');
  });
});

describe('freeze list payload', () => {
  const freezes = payloadParser(FreezeListPayload);
  const list = { v: PAYLOAD_VERSION, version: 3, at: '2026-11-22T08:00:00.000Z', entries: [{ sku: 'DRESS-RED-M', quantity: 1 }] };

  it('accepts an entry without `exhausted`, as a hub before the field published it', () => {
    expect(freezes.parse(JSON.stringify(list))).toEqual({ ok: true, value: list });
  });

  it('rejects an `exhausted` that is not a boolean', () => {
    const result = freezes.parse(JSON.stringify({ ...list, entries: [{ ...list.entries[0], exhausted: 'yes' }] }));
    expect(result.ok ? undefined : result.code).toBe(PayloadRejection.Invalid);
  });
});
