import { PackgateError } from '../../../common/errors.js';
import type { WaybillPrintData } from '../../../protocol/waybill.js';
import { MAX_PRINT_CONTENTS, MAX_PRINT_DATA_BYTES, type WaybillPlatform } from '../../../protocol/waybill-vocabulary.js';

/** A waybill or document id: what protocol/waybill.ts allows, printable, no control characters. */
const NAME = /^[^\u0000-\u001f\u007f]{1,100}$/;

export interface CheckedDoc {
  readonly waybill: string;
  readonly documentId: string;
  /** A copy, detached from the caller's object. */
  readonly print: WaybillPrintData;
}

function bad(message: string): PackgateError {
  return new PackgateError('BAD_PRINT_DATA', message);
}

/**
 * Checks one parcel's print data as the station receives it (the hub checked it against the
 * schema already; the station does not load TypeBox): its platform, the size bound and the shape.
 * Error messages name what is wrong, never the content. Throws WRONG_PLATFORM,
 * PRINT_DATA_TOO_LARGE or BAD_PRINT_DATA.
 */
export function checkPrintDoc(platform: WaybillPlatform, waybill: unknown, print: unknown): CheckedDoc {
  if (typeof waybill !== 'string' || !NAME.test(waybill)) throw bad('the waybill must be 1–100 printable characters');
  if (typeof print !== 'object' || print === null || Array.isArray(print)) throw bad('no print data');
  const data = print as Partial<WaybillPrintData>;
  if (data.platform !== platform) throw new PackgateError('WRONG_PLATFORM', `print data for ${String(data.platform).slice(0, 20)}, this is the ${platform} print program`);
  let json: string;
  try {
    json = JSON.stringify(print);
  } catch {
    throw bad('print data is not JSON');
  }
  if (Buffer.byteLength(json, 'utf8') > MAX_PRINT_DATA_BYTES) throw new PackgateError('PRINT_DATA_TOO_LARGE', `print data is over ${MAX_PRINT_DATA_BYTES} bytes`);
  const copy = JSON.parse(json) as WaybillPrintData;
  const contents: unknown = copy.contents;
  if (!Array.isArray(contents) || contents.length === 0 || contents.length > MAX_PRINT_CONTENTS) throw bad(`contents must be 1–${MAX_PRINT_CONTENTS} objects`);
  if (!contents.every((part) => typeof part === 'object' && part !== null && !Array.isArray(part))) throw bad('every contents item must be an object');
  const documentId = copy.documentId ?? waybill;
  if (typeof documentId !== 'string' || !NAME.test(documentId)) throw bad('documentId must be 1–100 printable characters');
  return { waybill, documentId, print: copy };
}
