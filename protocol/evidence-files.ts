import { PAYLOAD_VERSION } from './wire.js';

/**
 * The frames a station sends on `station/{id}/files` in answer to an `evidence-fetch` command
 * (issue #16): binary, not JSON, so that a clip's bytes cross MQTT as they are. One frame is
 *
 *     u32 big-endian header length | header (UTF-8 JSON) | data
 *
 * A `chunk` header says where its data lies in the file (`offset`) and how long the whole file
 * is (`total`); the file is whole when `offset + data length === total`. A `refused` header
 * carries no data and says why the station cannot send the file. The hub checks the whole file
 * against the SHA-256 of the clip's record before it serves a byte of it.
 */

/** Bytes of file data in one frame: well under the broker's 1 MiB packet limit for stations. */
export const FILE_CHUNK_BYTES = 256 * 1024;
const MAX_HEADER_BYTES = 1024;

/** Why a station sends no file. Stable codes, shown by the hub's API (docs/api.md). */
export const FILE_REFUSALS = ['CLIP_NOT_STORED', 'FILE_UNREADABLE'] as const;
export type FileRefusal = (typeof FILE_REFUSALS)[number];

export type FileFrameHeader =
  | { readonly v: typeof PAYLOAD_VERSION; readonly kind: 'chunk'; readonly fetchId: string; readonly offset: number; readonly total: number }
  | { readonly v: typeof PAYLOAD_VERSION; readonly kind: 'refused'; readonly fetchId: string; readonly code: FileRefusal; readonly message: string };

export interface FileFrame {
  readonly header: FileFrameHeader;
  readonly data: Buffer;
}

/** One frame's bytes. */
export function encodeFileFrame(header: FileFrameHeader, data: Buffer = Buffer.alloc(0)): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, data]);
}

/** A frame read back, or undefined for anything that is not one (bounded, never throws). */
export function decodeFileFrame(payload: Buffer): FileFrame | undefined {
  if (payload.length < 4) return undefined;
  const headerBytes = payload.readUInt32BE(0);
  if (headerBytes > MAX_HEADER_BYTES || 4 + headerBytes > payload.length) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(payload.subarray(4, 4 + headerBytes).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isHeader(header)) return undefined;
  const data = payload.subarray(4 + headerBytes);
  if (header.kind === 'chunk' && (data.length > FILE_CHUNK_BYTES || header.offset + data.length > header.total)) return undefined;
  return { header, data };
}

function isHeader(value: unknown): value is FileFrameHeader {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  if (header.v !== PAYLOAD_VERSION || typeof header.fetchId !== 'string' || header.fetchId.length === 0 || header.fetchId.length > 100) return false;
  if (header.kind === 'chunk') return isCount(header.offset) && isCount(header.total);
  return header.kind === 'refused' && (FILE_REFUSALS as readonly unknown[]).includes(header.code) && typeof header.message === 'string';
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
