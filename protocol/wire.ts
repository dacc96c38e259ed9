/**
 * What every payload between stations and hub shares, without the schemas: the schema version,
 * the size bounds and the reason codes of a refused payload. A station loads this and the
 * generated checks (protocol/hub-to-station.ts), never TypeBox itself.
 */
import { MAX_JSON_DEPTH, jsonDeeperThan } from './json-depth.js';

export const PAYLOAD_VERSION = 1;

export const MAX_PAYLOAD_BYTES = 64 * 1024;
/**
 * The bound of a `task` command on a station's `cmd` topic. The largest task the hub can make is
 * about 4.3 MB: 10 parcels of 16 KiB print data, and 500 lines each with a catalog item's most
 * barcodes (50 of 128 characters). Every other command keeps MAX_PAYLOAD_BYTES.
 */
export const MAX_TASK_COMMAND_BYTES = 8 * 1024 * 1024;
export const MAX_SCAN_BYTES = 4096;
/**
 * The largest station `seq` and `bdSeq` (and `lastSeq`, `input.first`): 2^32 - 1. The hub numbers
 * its own history records in 32 bits (its id index and checkpoint keep them in `Uint32Array`s),
 * so no station can have more events stored than that; a larger `seq` is not a count of events
 * but a fault, whose gap the station could never fill. At 10 events a second it lasts 13 years.
 */
export const MAX_SEQ = 2 ** 32 - 1;

/** Reason codes for payloads refused at the wire. Stable: dashboards and tests match them. */
export const PayloadRejection = {
  TooLarge: 'PAYLOAD_TOO_LARGE',
  NotJson: 'PAYLOAD_NOT_JSON',
  /** JSON nested deeper than MAX_JSON_DEPTH (protocol/json-depth.ts). */
  TooDeep: 'PAYLOAD_TOO_DEEP',
  VersionUnsupported: 'PAYLOAD_VERSION_UNSUPPORTED',
  Invalid: 'PAYLOAD_INVALID',
} as const;
export type PayloadRejectionCode = (typeof PayloadRejection)[keyof typeof PayloadRejection];

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: PayloadRejectionCode; message: string };

export interface PayloadParser<T> {
  parse(payload: Uint8Array | string): ParseResult<T>;
  encode(value: T): string;
}

/** A full schema check of a parsed payload. */
export type PayloadCheck<T> = (value: unknown) => value is T;

/**
 * A parser for one payload: size bound, nesting depth, JSON, version, then `check`; `explain` says what is
 * wrong with a value `check` refused. `maxBytes` raises the bound for payloads the hub sends (a
 * site's mapping or stop list).
 */
export function checkedParser<T>(check: PayloadCheck<T>, explain: (value: unknown) => string, options: { maxBytes?: number } = {}): PayloadParser<T> {
  const maxBytes = options.maxBytes ?? MAX_PAYLOAD_BYTES;
  return {
    parse(payload) {
      const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
      if (size > maxBytes) {
        return reject(PayloadRejection.TooLarge, `payload of ${size} bytes exceeds ${maxBytes}`);
      }
      const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
      if (jsonDeeperThan(text)) return reject(PayloadRejection.TooDeep, `payload nests deeper than ${MAX_JSON_DEPTH} levels`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return reject(PayloadRejection.NotJson, 'payload is not JSON');
      }
      if (typeof value === 'object' && value !== null && 'v' in value && value.v !== PAYLOAD_VERSION) {
        return reject(PayloadRejection.VersionUnsupported, `schema version ${String(value.v)} is not supported`);
      }
      if (!check(value)) return reject(PayloadRejection.Invalid, explain(value));
      return { ok: true, value };
    },
    encode: (value) => JSON.stringify(value),
  };
}

function reject(code: PayloadRejectionCode, message: string): ParseResult<never> {
  return { ok: false, code, message };
}
