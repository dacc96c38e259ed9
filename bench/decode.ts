import { decodeScan } from '../station/barcode/index.js';
import type { Benchmark } from './benchmark.js';

const GS = '\u001d';
const TODAY = new Date('2026-11-22T00:00:00Z');

/** What a bench scanner sends in a shift: mostly retail EANs, some GS1-128 and GS1 DataMatrix. */
const MIX = [
  ...Array<string>(6).fill(']E04006381333931'),
  ...Array<string>(2).fill(']E09780201379624'),
  ...Array<string>(2).fill('6901234567892'),
  ...Array<string>(3).fill(`]C101095060001343521727123110LOT42`),
  ...Array<string>(2).fill(`]C1010690123456789210B2611${GS}17271200`),
  ...Array<string>(3).fill(`]d201095060001343521727123121SN-000123457${GS}10LOT7`),
  ...Array<string>(2).fill(`]d2010950600013435221ABC123DEF`),
].map((scan) => new TextEncoder().encode(scan));

// 9600 baud 8N1: 10 bits on the wire per character; an EAN-13 plus CR LF is 15 characters.
const BAUD = 9600;
const WIRE_CHARS = 13 + 2;

function decodeAll(rounds: number): number {
  let decoded = 0;
  for (let round = 0; round < rounds; round++) {
    for (const scan of MIX) if (decodeScan(scan, { today: TODAY }).ok) decoded++;
  }
  return decoded;
}

/**
 * Decodes per second for a realistic mix, as bytes from the scanner, and how the mean
 * decode compares with the time the shortest common scan takes on a 9600-baud serial line.
 */
export const decodeBenchmark: Benchmark = {
  name: 'decode',
  async run() {
    decodeAll(5_000);
    const rounds = Number(process.env.PACKGATE_BENCH_DECODE_ROUNDS ?? 50_000);
    const started = performance.now();
    const decoded = decodeAll(rounds);
    const elapsedMs = performance.now() - started;
    const scans = rounds * MIX.length;
    if (decoded !== scans) throw new Error(`decode benchmark: ${scans - decoded} of the mix were rejected`);
    const meanUs = (elapsedMs * 1000) / scans;
    const wireMs = (WIRE_CHARS * 10 * 1000) / BAUD;
    return {
      scans,
      decodes_per_s: Math.round(scans / (elapsedMs / 1000)),
      mean_decode_us: Number(meanUs.toFixed(3)),
      wire_time_ean13_crlf_9600_8n1_ms: Number(wireMs.toFixed(3)),
      decode_to_wire_percent: Number(((meanUs / 1000 / wireMs) * 100).toFixed(4)),
      target_decode_to_wire_percent_max: 1,
    };
  },
};
