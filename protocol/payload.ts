import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { PAYLOAD_VERSION } from './schemas.js';

/** Reason codes for payloads refused at the wire. Stable: dashboards and tests match them. */
export const PayloadRejection = {
  TooLarge: 'PAYLOAD_TOO_LARGE',
  NotJson: 'PAYLOAD_NOT_JSON',
  VersionUnsupported: 'PAYLOAD_VERSION_UNSUPPORTED',
  Invalid: 'PAYLOAD_INVALID',
} as const;
export type PayloadRejectionCode = (typeof PayloadRejection)[keyof typeof PayloadRejection];

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: PayloadRejectionCode; message: string };

export const MAX_PAYLOAD_BYTES = 64 * 1024;

export interface PayloadParser<T> {
  parse(payload: Uint8Array | string): ParseResult<T>;
  encode(value: T): string;
}

/**
 * A parser for one payload schema: size bound, JSON, version, then the full schema check.
 * `maxBytes` raises the bound for payloads the hub sends (a site's mapping or stop list).
 */
export function payloadParser<S extends TSchema>(schema: S, options: { maxBytes?: number } = {}): PayloadParser<Static<S>> {
  const validator = Compile(schema);
  const maxBytes = options.maxBytes ?? MAX_PAYLOAD_BYTES;
  return {
    parse(payload) {
      const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
      if (size > maxBytes) {
        return reject(PayloadRejection.TooLarge, `payload of ${size} bytes exceeds ${maxBytes}`);
      }
      let value: unknown;
      try {
        value = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
      } catch {
        return reject(PayloadRejection.NotJson, 'payload is not JSON');
      }
      if (typeof value === 'object' && value !== null && 'v' in value && value.v !== PAYLOAD_VERSION) {
        return reject(PayloadRejection.VersionUnsupported, `schema version ${String(value.v)} is not supported`);
      }
      if (!validator.Check(value)) {
        const first = validator.Errors(value)[0];
        const where = first?.instancePath || '/';
        return reject(PayloadRejection.Invalid, `${where}: ${first?.message ?? 'does not match the schema'}`);
      }
      return { ok: true, value: value as Static<S> };
    },
    encode: (value) => JSON.stringify(value),
  };
}

function reject(code: PayloadRejectionCode, message: string): ParseResult<never> {
  return { ok: false, code, message };
}
