import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { PackgateError } from '../../common/errors.js';

/**
 * A ZIP (APPNOTE 6.3.10) of stored entries, streamed: an evidence export is an mp4 and a JPEG,
 * both compressed already, plus a small JSON, so deflate would gain nothing and a stored writer
 * is a page of code instead of a dependency. No ZIP64: an entry and the whole archive stay under
 * 4 GiB (MAX_ZIP_BYTES), which the hub's 1 GiB limit per clip file keeps.
 */

/** An entry: bytes in memory, or a file read twice (its CRC-32 first, then its bytes). */
export type ZipEntry = { readonly name: string; readonly data: Buffer } | { readonly name: string; readonly path: string };

export const MAX_ZIP_BYTES = 0xffff_fff0;
const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;

interface Sized {
  readonly name: Buffer;
  readonly crc: number;
  readonly size: number;
  readonly entry: ZipEntry;
}

/** The archive as a stream; `ZIP_TOO_LARGE` before a byte is sent when it would pass 4 GiB. */
export async function zipStream(entries: readonly ZipEntry[]): Promise<Readable> {
  const sized: Sized[] = [];
  let total = 22;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { crc, size } = 'data' in entry ? { crc: crc32(entry.data), size: entry.data.length } : await fileCrc(entry.path);
    sized.push({ name, crc, size, entry });
    total += 30 + 46 + 2 * name.length + size;
  }
  if (total > MAX_ZIP_BYTES) throw new PackgateError('ZIP_TOO_LARGE', `the export would be ${total} bytes, over the ${MAX_ZIP_BYTES} a ZIP without ZIP64 holds`);
  return Readable.from(chunks(sized));
}

async function fileCrc(path: string): Promise<{ crc: number; size: number }> {
  let crc = 0;
  for await (const chunk of createReadStream(path)) crc = crc32(chunk as Buffer, crc);
  return { crc, size: (await stat(path)).size };
}

async function* chunks(entries: readonly Sized[]): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  for (const item of entries) {
    const local = header(0x04034b50, 30, item);
    yield local;
    if ('data' in item.entry) yield item.entry.data;
    else for await (const chunk of createReadStream(item.entry.path, { end: Math.max(0, item.size - 1), start: 0 })) if (item.size > 0) yield chunk as Buffer;
    const record = header(0x02014b50, 46, item);
    record.writeUInt32LE(offset, 42);
    central.push(record);
    offset += local.length + item.size;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}

/** A local (30 bytes) or central (46 bytes) header with the entry's name after it; method 0, stored. */
function header(signature: number, length: 30 | 46, item: Sized): Buffer {
  const buffer = Buffer.alloc(length + item.name.length);
  buffer.writeUInt32LE(signature, 0);
  const at = length === 46 ? 2 : 0;
  if (length === 46) buffer.writeUInt16LE(20, 4);
  buffer.writeUInt16LE(20, 4 + at);
  buffer.writeUInt16LE(0x0800, 6 + at); // bit 11: the name is UTF-8
  buffer.writeUInt16LE(0, 8 + at);
  buffer.writeUInt16LE(0, 10 + at);
  buffer.writeUInt16LE(DOS_DATE_1980, 12 + at);
  buffer.writeUInt32LE(item.crc, 14 + at);
  buffer.writeUInt32LE(item.size, 18 + at);
  buffer.writeUInt32LE(item.size, 22 + at);
  buffer.writeUInt16LE(item.name.length, 26 + at);
  item.name.copy(buffer, length);
  return buffer;
}
