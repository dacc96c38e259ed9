import type { PackScanRecord } from '../../protocol/pack-events.js';
import { MAX_PACK_RAW_BYTES } from '../../protocol/pack-vocabulary.js';
import { decodeScan, type DecodeResult, type Gs1Scan, type GtinScan, type TextScan } from '../barcode/index.js';
import { clip } from './events.js';
import { comparableCode } from './task.js';
import type { PackInput } from './types.js';

/** A decoded scan that stands for a unit (or a package of units), as opposed to a card or a label. */
export type ItemScan = GtinScan | Gs1Scan | TextScan;

/**
 * The session input for one framed scan: decodes it (with `now` as the decoder's "today") and
 * keeps the bytes, base64, at most {@link MAX_PACK_RAW_BYTES} of them.
 */
export function scanInput(bytes: Uint8Array | string, now: number): Extract<PackInput, { type: 'scan' }> {
  const result = decodeScan(bytes, { today: new Date(now) });
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const truncated = buffer.byteLength > MAX_PACK_RAW_BYTES;
  const raw = buffer.subarray(0, MAX_PACK_RAW_BYTES).toString('base64');
  return truncated ? { type: 'scan', raw, truncated, result } : { type: 'scan', raw, result };
}

function decodedRecord(result: DecodeResult): PackScanRecord['decoded'] {
  if (!result.ok) {
    const { code, message, ai } = result;
    return ai === undefined ? { ok: false, code, message: clip(message, 500) ?? '' } : { ok: false, code, message: clip(message, 500) ?? '', ai };
  }
  const scan = result.scan;
  const record: PackScanRecord['decoded'] & { ok: true } = {
    ok: true,
    kind: scan.kind,
    symbology: { aim: scan.symbology.aim, name: scan.symbology.name },
    text: clip(scan.text, 1024) ?? '',
  };
  if (scan.kind === 'gtin') record.gtin14 = scan.gtin14;
  if (scan.kind === 'gs1') {
    const gtin14 = scan.gtin14 ?? scan.contentGtin14;
    if (gtin14 !== undefined) record.gtin14 = gtin14;
    if (scan.batch !== undefined) record.batch = scan.batch;
    if (scan.serial !== undefined) record.serial = scan.serial;
    if (scan.expiry !== undefined) record.expiry = scan.expiry;
  }
  if (scan.kind === 'control') {
    const control = scan.control;
    record.control = 'badge' in control ? { command: control.command, badge: control.badge } : { command: control.command };
  }
  if (scan.kind === 'order') record.order = { type: scan.order.type, id: scan.order.id };
  return record;
}

/** The scan as pack events record it: raw bytes and the decoder's reading. */
export function scanRecord(input: Extract<PackInput, { type: 'scan' }>): PackScanRecord {
  const record: PackScanRecord = { raw: input.raw.slice(0, Math.ceil(MAX_PACK_RAW_BYTES / 3) * 4), decoded: decodedRecord(input.result) };
  return input.truncated === true ? { ...record, truncated: true } : record;
}

/** What an item scan says about the unit. */
export interface ItemFacts {
  /** The code looked up in the task and the mapping (GTIN-14 for GTINs). */
  readonly code: string;
  /** Units the barcode itself states (GS1 AI 37 with AI 02); 1 otherwise; null when it states nonsense. */
  readonly count: number | null;
  readonly batch: string | null;
  /** `{gtin14}/{serial}`. */
  readonly serial: string | null;
  readonly expiry: string | null;
}

/** Reads the code, count, batch, serial and expiry off an item scan. */
export function itemFacts(scan: ItemScan): ItemFacts {
  switch (scan.kind) {
    case 'gtin':
      return { code: scan.gtin14, count: 1, batch: null, serial: null, expiry: null };
    case 'text':
      return { code: comparableCode(scan.data), count: 1, batch: null, serial: null, expiry: null };
    case 'gs1': {
      const gtin = scan.gtin14 ?? scan.contentGtin14;
      // GS1 GenSpecs 3.2: AI 02 names the trade items inside a logistic unit; AI 37 says how many.
      const ai37 = scan.gtin14 === undefined ? scan.elements.find((element) => element.ai === '37') : undefined;
      const count = ai37 === undefined ? 1 : Number.parseInt(ai37.raw, 10);
      return {
        code: gtin ?? scan.sscc ?? scan.data,
        count: Number.isSafeInteger(count) && count >= 1 ? count : null,
        batch: scan.batch ?? null,
        serial: scan.serial !== undefined && gtin !== undefined ? `${gtin}/${scan.serial}` : null,
        expiry: scan.expiry ?? null,
      };
    }
  }
}
