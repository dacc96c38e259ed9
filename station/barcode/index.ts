export { decodeScan, type DecodeResult } from './decode.js';
export { ScanRejection, SCAN_REJECTION_CODES, type Rejection, type ScanRejectionCode } from './rejection.js';
export { CONTROL_PREFIX, asideCardCode } from './control.js';
export { MAX_SCAN_LENGTH } from './input.js';
export { AI_TABLE, GS1_DICTIONARY_RELEASE } from './ai-table.js';
export { AI_SPECS, PREDEFINED_LENGTH, aiSpec, type AiFormat, type AiSpec } from './ai.js';
export type { AiEntry, AiPart, Cset } from './ai-entry.js';
export { AIM_TABLE, type AimSpec } from './aim.js';
export { mod10CheckDigit, hasValidCheckDigit, expandUpcE, toGtin14 } from './check-digit.js';
export type {
  ControlCode,
  ControlScan,
  DecodeOptions,
  DecodedScan,
  ElementString,
  Gs1Form,
  Gs1Scan,
  GtinFormat,
  GtinScan,
  OrderRef,
  OrderScan,
  Symbology,
  TextScan,
} from './types.js';
