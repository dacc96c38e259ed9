import { PAYLOAD_VERSION } from './wire.js';

const SNAPSHOT_HEAD = new RegExp(`^\\{"v":${PAYLOAD_VERSION},"version":(\\d{1,15}),`);

/**
 * The version of a serialized snapshot read from its first bytes, without parsing the rest (a
 * 100,000-SKU snapshot takes a station hundreds of milliseconds to parse); undefined when the
 * payload does not start the way the hub writes it.
 */
export function snapshotHeadVersion(payload: Uint8Array): number | undefined {
  const head = SNAPSHOT_HEAD.exec(Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.byteLength, 40)).toString('latin1'));
  return head ? Number(head[1]) : undefined;
}
