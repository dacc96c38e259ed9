import { ScanRejection, reject, type Rejection } from './rejection.js';

/** What the data after an AIM identifier must be. */
export type AimContent = 'gs1' | 'ean' | 'ean-addon' | 'ean8' | 'itf' | 'text';

/** An ISO/IEC 15424 symbology identifier this decoder interprets. */
export interface AimSpec {
  readonly id: string;
  readonly name: string;
  readonly content: AimContent;
}

/** The identifiers with a defined content; every other valid one is text with its name recorded. */
export const AIM_TABLE: readonly AimSpec[] = [
  { id: ']C1', name: 'GS1-128', content: 'gs1' },
  { id: ']E0', name: 'EAN-13/UPC-A/UPC-E', content: 'ean' },
  { id: ']E3', name: 'EAN/UPC with add-on', content: 'ean-addon' },
  { id: ']E4', name: 'EAN-8', content: 'ean8' },
  { id: ']I0', name: 'ITF', content: 'itf' },
  { id: ']I1', name: 'ITF', content: 'itf' },
  { id: ']J1', name: 'GS1 DotCode', content: 'gs1' },
  { id: ']d2', name: 'GS1 DataMatrix', content: 'gs1' },
  { id: ']Q3', name: 'GS1 QR Code', content: 'gs1' },
  { id: ']e0', name: 'GS1 DataBar', content: 'gs1' },
];

/** ISO/IEC 15424 symbology code characters, for naming identifiers without a table row. */
export const AIM_FAMILIES: Readonly<Record<string, string>> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  I: 'ITF',
  J: 'DotCode',
  L: 'PDF417',
  Q: 'QR Code',
  X: 'other symbology',
  z: 'Aztec',
};

const BY_ID: ReadonlyMap<string, AimSpec> = new Map(AIM_TABLE.map((spec) => [spec.id, spec]));

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isModifier(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/**
 * Reads the AIM identifier at the start of a scan: `]`, a symbology letter and one modifier
 * character (0–9, A–Z). Returns null when the scan does not start with `]`, and a
 * BAD_SYMBOLOGY_ID rejection when it does but the identifier is malformed.
 */
export function readAim(text: string): AimSpec | Rejection | null {
  if (text.charCodeAt(0) !== 0x5d) return null;
  const id = text.slice(0, 3);
  if (id.length < 3 || !isLetter(id.charCodeAt(1)) || !isModifier(id.charCodeAt(2))) {
    return reject(ScanRejection.BadSymbologyId, `"${id}" is not an AIM symbology identifier (] + letter + modifier)`);
  }
  return BY_ID.get(id) ?? { id, name: AIM_FAMILIES[id.charAt(1)] ?? 'unknown symbology', content: 'text' };
}
