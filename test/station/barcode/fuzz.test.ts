import { describe, expect, it } from 'vitest';
import { SCAN_REJECTION_CODES, aiSpec, decodeScan, hasValidCheckDigit, type DecodeResult } from '../../../station/barcode/index.js';
import { GS, TODAY } from './helpers.js';
import { seededRandom } from '../../../common/random.js';

const VALID = [
  ']E04006381333931',
  '4006381333931',
  '96385074',
  ']E004252614',
  ']E3978020137962451234',
  `]C101095060001343521727123110ABC123`,
  `]d2010950600013435221SER-1${GS}10LOT7${GS}17271200`,
  `]Q30010614141123456789702095060001343523712`,
  ']e001095060001343523103000189',
  '(01)09506000134352(17)271231(10)ABC123',
  'https://id.gs1.org/01/09506000134352/10/ABC123?17=271231',
  '$PG:BADGE:P-0042',
  '$PG:ORDER:TB20261122001',
  '$PG:CANCEL',
  ']C0DY-RED-M-2601',
  '(00)106141411234567897',
  `]C1414952012345678842127610115${GS}90X`,
  `]e00109506000134352392200299${GS}3103000195`,
  '(8003)00614141123452ABC(8030)c2ln',
  'https://id.gs1.org/00/106141411234567897?02=09506000134352&37=25&10=ABC123',
  'https://id.gs1.org/01/09506000134352/22/2A/10/ABC/21/S1?17=271231&99=X',
  `]C1010950600013435210LOT7${GS}7299NEW${GS}89ABC${GS}3199123456`,
  '(8110)061414112345612110123',
  '(415)5412345000013(8020)INV-7(8007)GB82WEST12345698765432',
];
const SPICE = ['\u001d', '(', ')', '^', ']', '$PG:', '%', '/', '?', '=', '0', '1', '9', ' ', '\r', '\n', '\u0000', '\ud800', '\ufffd', 'é', '连'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomBytes(random: () => number): Uint8Array {
  const length = random() < 0.95 ? Math.floor(random() * 48) : Math.floor(random() * 6000);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

function mutateText(random: () => number, text: string): string {
  let out = text;
  const rounds = 1 + Math.floor(random() * 3);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.3) out = out.slice(0, at) + pick(random, SPICE) + out.slice(at + 1);
    else if (choice < 0.55) out = out.slice(0, at) + pick(random, SPICE) + out.slice(at);
    else if (choice < 0.7) out = out.slice(0, at) + out.slice(at + 1);
    else if (choice < 0.8) out = out.slice(0, at);
    else if (choice < 0.9) out = out.slice(0, at) + String.fromCharCode(48 + Math.floor(random() * 10)) + out.slice(at + 1);
    else out = out + out.slice(at);
  }
  return out;
}

function mutateBytes(random: () => number, text: string): Uint8Array {
  const out = new TextEncoder().encode(text);
  const flips = 1 + Math.floor(random() * 2);
  for (let i = 0; i < flips && out.length > 0; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
  return out;
}

function input(random: () => number): Uint8Array | string {
  const choice = random();
  if (choice < 0.3) return randomBytes(random);
  if (choice < 0.45) return Array.from({ length: Math.floor(random() * 30) }, () => pick(random, SPICE)).join('');
  if (choice < 0.85) return mutateText(random, pick(random, VALID));
  return mutateBytes(random, pick(random, VALID));
}

/** What must hold of every answer, whatever the input. */
function checkInvariants(result: DecodeResult): void {
  if (!result.ok) {
    if (!SCAN_REJECTION_CODES.has(result.code) || typeof result.message !== 'string') throw new Error(`uncoded rejection ${JSON.stringify(result)}`);
    return;
  }
  const { scan } = result;
  if (scan.kind === 'gtin' || (scan.kind === 'gs1' && scan.gtin14 !== undefined)) {
    const gtin14 = scan.gtin14 ?? '';
    if (!/^\d{14}$/.test(gtin14) || !hasValidCheckDigit(gtin14)) throw new Error(`bad GTIN passed: ${JSON.stringify(scan)}`);
  }
  if (scan.kind === 'gs1') {
    if (scan.elements.length === 0) throw new Error(`GS1 scan without elements: ${JSON.stringify(scan)}`);
    for (const element of scan.elements) {
      const spec = aiSpec(element.ai);
      // Where the whole value is one check-digit component (GTIN, SSCC, GLN…).
      if (spec?.checkDigit && spec.parts.length === 1 && !hasValidCheckDigit(element.raw)) throw new Error(`bad check digit passed: ${JSON.stringify(scan)}`);
    }
  }
}

describe('decoder fuzz', () => {
  it('turns 100,000 random and mutated inputs into decoded scans or coded rejections, never an exception', () => {
    const seed = Number(process.env.PACKGATE_FUZZ_SEED ?? 20261122);
    const random = seededRandom(seed);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const scan = input(random);
      let result: DecodeResult;
      try {
        result = decodeScan(scan, { today: TODAY });
        checkInvariants(result);
      } catch (err) {
        const shown = typeof scan === 'string' ? JSON.stringify(scan) : `bytes ${Buffer.from(scan).toString('hex')}`;
        throw new Error(`seed ${seed}, input #${i} ${shown}: ${(err as Error).message}`);
      }
      const key = result.ok ? result.scan.kind : result.code;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    // The mix must reach the decoded kinds, not only the cheap rejections.
    for (const kind of ['gtin', 'gs1', 'control', 'order', 'text']) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(100);
    expect(kinds.get('BAD_CHECK_DIGIT') ?? 0).toBeGreaterThan(100);
  });
});
