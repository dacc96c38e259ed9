import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildBarcodeSnapshot,
  buildNearMissIndex,
  diffMappings,
  exportMappingsCsv,
  lookupBarcode,
  planMappingImport,
  suggestNearMisses,
  type MappingSheet,
  type BarcodeHit,
  type BarcodeSnapshot,
  type MappingRef,
  type SnapshotItem,
} from '../hub/mapping/catalog/index.js';
import { planSheet } from '../hub/api/routes/mapping/import-planner.js';
import { catalogDelta } from '../hub/mapping/mapping-delta.js';
import type { ReadonlyDomainState } from '../hub/domain/index.js';
import { snapshotHeadVersion, type MappingDeltaPayload, type MappingSnapshotPayload } from '../protocol/index.js';
import { MappingCopy } from '../station/store/mapping-copy.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const SIZE = Number(process.env.PACKGATE_BENCH_MAPPING_SIZE ?? 100_000);
const QUERIES = 300;
const LOOKUPS = 1_000_000;

/** A small deterministic generator, so every run measures the same data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const CATEGORIES = ['DRESS', 'SHIRT', 'BABY-SH', 'BABY-HAT', 'SOCK', 'BT', 'PB', 'CABLE', 'MUG', 'TOWEL', 'BAG', 'CAP'];
const COLOURS = ['RED', 'BLUE', 'BLK', 'WHT', 'GRN', 'PNK', 'NAVY', 'GREY'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

/** Douyin-style rows `DY-{category}-{colour}-{size}-{nnn}`, all distinct. */
function mappings(count: number): MappingRef[] {
  const rows: MappingRef[] = [];
  for (let i = 0; rows.length < count; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const colour = COLOURS[Math.floor(i / CATEGORIES.length) % COLOURS.length]!;
    const size = SIZES[Math.floor(i / (CATEGORIES.length * COLOURS.length)) % SIZES.length]!;
    const serial = String(Math.floor(i / (CATEGORIES.length * COLOURS.length * SIZES.length)) + 1).padStart(3, '0');
    rows.push({ channel: 'douyin', channelSku: `DY-${category}-${colour}-${size}-${serial}`, masterSku: `M${i}` });
  }
  return rows;
}

/** An unresolved code near an existing one: a zero dropped or added, a swap, a typo, case. */
function nearMiss(code: string, random: () => number): string {
  const kind = Math.floor(random() * 4);
  if (kind === 0) return code.replace(/-(\d+)$/, (_, digits: string) => `-0${digits}`);
  if (kind === 1) return code.toLowerCase().replaceAll('-', '_');
  const at = 3 + Math.floor(random() * (code.length - 5));
  if (kind === 2) return code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
  return `${code.slice(0, at)}Q${code.slice(at + 1)}`;
}

/** An EAN-13 with its GS1 check digit. */
function ean13(n: number): string {
  const body = `69${String(n).padStart(10, '0')}`;
  const sum = [...body].reverse().reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

function catalog(count: number): SnapshotItem[] {
  return Array.from({ length: count }, (_, i) => ({
    masterSku: `M${i}`,
    barcodes: i % 4 === 0 ? [{ code: ean13(i), multiplier: 1 }, { code: `CASE-${i}`, multiplier: 6 }] : [{ code: ean13(i), multiplier: 1 }],
  }));
}

const CHANGES = 10_000;

/**
 * Near duplicates at scale (issue #6): a diff of the table against itself with 10,000 rows
 * given another master SKU and 1,000 added (each one's near duplicates in its channel), the
 * same as an import plan (`planMappingImport`), and as a dry run through the API's planner (CSV
 * parsed, read, planned and viewed; in-process). Every row is near dozens of others here
 * (serials 001–174), more than in a real table.
 */
async function diffFigures(rows: readonly MappingRef[]): Promise<Record<string, number>> {
  const step = Math.max(1, Math.floor(rows.length / CHANGES));
  const after = rows.map((row, i) => (i % step === 0 ? { ...row, masterSku: `${row.masterSku}-NEW` } : row));
  for (let i = 0; i < CHANGES / 10; i++) after.push({ channel: 'douyin', channelSku: `DY-NEW-${i}`, masterSku: `N${i}` });
  let started = performance.now();
  const diff = diffMappings(rows, after);
  const diffMs = performance.now() - started;
  if (diff.changed.length !== Math.ceil(rows.length / step) || diff.nearDuplicates.length === 0) throw new Error('mapping benchmark: the diff missed its changes');
  const sheet: MappingSheet = { ok: true, rows: after.map((row, i) => ({ ...row, line: i + 2 })), problems: [], ignoredColumns: [] };
  started = performance.now();
  const plan = planMappingImport(rows, sheet);
  const planMs = performance.now() - started;
  if (plan.counts.change !== diff.changed.length) throw new Error('mapping benchmark: the import plan disagrees with the diff');
  const bytes = Buffer.from(exportMappingsCsv(after), 'utf8');
  started = performance.now();
  const planned = await planSheet({ format: 'csv', bytes, current: rows, mode: 'merge' });
  const plannerMs = performance.now() - started;
  if (!planned.ok || planned.plan.counts.change !== diff.changed.length) throw new Error('mapping benchmark: the import plan disagrees with the diff');
  return {
    diff_changed_rows: diff.changed.length + diff.added.length,
    diff_near_duplicates: diff.nearDuplicates.length,
    diff_ms: Math.round(diffMs),
    import_plan_sheet_rows: after.length,
    import_plan_ms: Math.round(planMs),
    import_plan_through_planner_ms: Math.round(plannerMs),
    target_diff_ms_max: 2000,
  };
}

const DELTAS = 200;

/**
 * Keeping a station's 100,000-SKU snapshot current: the hub's delta for a one-item catalog change
 * (`catalogDelta` over the copy-on-write catalog), a station's full load into its mapping store
 * (parse, keys as GTIN-14, base written), one-item deltas applied there (journaled, then in
 * memory; target well under 10 ms), and the skip of a snapshot of the version held.
 */
async function deltaFigures(items: readonly SnapshotItem[], snapshot: BarcodeSnapshot): Promise<Record<string, number>> {
  const catalog: ReadonlyDomainState['catalog'] = Object.fromEntries(items.map((item) => [item.masterSku, { masterSku: item.masterSku, barcodes: [...item.barcodes] }]));
  const changed = { ...catalog, M7: { masterSku: 'M7', barcodes: [{ code: ean13(SIZE + 7), multiplier: 1 }] } };
  let started = performance.now();
  const hubDelta = catalogDelta(catalog, changed);
  const hubDeltaMs = performance.now() - started;
  if (hubDelta.removed.length !== 1 || Object.keys(hubDelta.set).length !== 1) throw new Error('mapping benchmark: the hub delta is not one item');

  const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-mapping-'));
  const copy = MappingCopy.open(join(dir, 'hub-mapping.json'));
  try {
    const wire = Buffer.from(JSON.stringify({ v: 1, version: 1, at: new Date().toISOString(), pending: [], barcodes: Object.fromEntries(snapshot) }));
    started = performance.now();
    copy.replace(JSON.parse(wire.toString('utf8')) as MappingSnapshotPayload);
    await copy.flush();
    const fullLoadMs = performance.now() - started;
    started = performance.now();
    for (let i = 0; i < 1000; i++) if (snapshotHeadVersion(wire) !== 1) throw new Error('mapping benchmark: snapshot head unread');
    const skipUs = ((performance.now() - started) * 1000) / 1000;

    const times: number[] = [];
    for (let i = 0; i < DELTAS; i++) {
      const delta: MappingDeltaPayload = {
        v: 1, from: i + 1, version: i + 2, at: new Date().toISOString(),
        set: { [ean13(SIZE + i)]: { masterSku: `M${i}`, multiplier: 1 } }, removed: [ean13(i)], pending: i % 2 === 0 ? [] : [`M${i}`],
      };
      started = performance.now();
      if (!copy.applyDelta(delta)) throw new Error('mapping benchmark: a delta did not apply');
      times.push(performance.now() - started);
    }
    if (copy.version !== DELTAS + 1) throw new Error('mapping benchmark: deltas lost');
    return {
      delta_hub_build_ms: Number(hubDeltaMs.toFixed(2)),
      delta_station_full_load_ms: Number(fullLoadMs.toFixed(1)),
      delta_station_skip_held_us: Number(skipUs.toFixed(2)),
      delta_station_apply_p50_ms: Number(percentile(times, 50).toFixed(3)),
      delta_station_apply_p99_ms: Number(percentile(times, 99).toFixed(3)),
      delta_station_apply_max_ms: Number(Math.max(...times).toFixed(3)),
      target_delta_apply_ms_max: 10,
    };
  } finally {
    copy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Mapping governance at warehouse scale: near-miss suggestions against 100,000 mappings
 * (target < 50 ms a query), the station's barcode snapshot for 100,000 SKUs built and loaded
 * from its JSON (target < 500 ms), one lookup per scan (target < 5 µs), and a 10,000-row diff
 * and import plan (target about a second or two).
 */
export const mappingBenchmark: Benchmark = {
  name: 'mapping',
  async run() {
    const random = generator(42);
    const rows = mappings(SIZE);
    let started = performance.now();
    const index = buildNearMissIndex(rows);
    const indexBuildMs = performance.now() - started;
    const queries = Array.from({ length: QUERIES }, () => nearMiss(rows[Math.floor(random() * rows.length)]!.channelSku, random));
    for (const query of queries.slice(0, 20)) suggestNearMisses(index, query, { channel: 'douyin' });
    const times: number[] = [];
    let answered = 0;
    for (const query of queries) {
      started = performance.now();
      const found = suggestNearMisses(index, query, { channel: 'douyin' });
      times.push(performance.now() - started);
      if (found.length > 0) answered++;
    }

    const items = catalog(SIZE);
    started = performance.now();
    const snapshot = buildBarcodeSnapshot(items);
    const snapshotBuildMs = performance.now() - started;
    // What a station does with the retained snapshot (the protocol's MappingSnapshotPayload
    // shape, barcode → {masterSku, multiplier}): parse the JSON, build its Map. Schema
    // validation of the payload is not counted here.
    const wire = JSON.stringify({ v: 1, version: 1, barcodes: Object.fromEntries(snapshot) });
    started = performance.now();
    const payload = JSON.parse(wire) as { barcodes: Record<string, BarcodeHit> };
    const loaded: BarcodeSnapshot = new Map(Object.entries(payload.barcodes));
    const snapshotLoadMs = performance.now() - started;
    // The same as `[barcode, masterSku, multiplier]` tuples: about half the bytes, and no
    // 100,000-key object for JSON.parse to build (for the protocol's next snapshot version).
    const tuples = JSON.stringify({ v: 1, version: 1, barcodes: [...snapshot].map(([code, hit]) => [code, hit.masterSku, hit.multiplier]) });
    started = performance.now();
    const compact = new Map<string, BarcodeHit>();
    for (const [code, masterSku, multiplier] of (JSON.parse(tuples) as { barcodes: Array<[string, string, number]> }).barcodes) {
      compact.set(code, { masterSku, multiplier });
    }
    const snapshotLoadTuplesMs = performance.now() - started;
    if (compact.size !== loaded.size) throw new Error('mapping benchmark: the tuple snapshot lost barcodes');
    const scans = Array.from({ length: 4096 }, () => ean13(Math.floor(random() * SIZE)));
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (lookupBarcode(loaded, scans[i & 4095]!)) hits++;
    started = performance.now();
    for (let i = 0; i < LOOKUPS; i++) if (lookupBarcode(loaded, scans[i & 4095]!)) hits++;
    const lookupUs = ((performance.now() - started) * 1000) / LOOKUPS;
    if (hits !== LOOKUPS + 100_000) throw new Error(`mapping benchmark: ${LOOKUPS + 100_000 - hits} scans missed the snapshot`);

    const deltas = await deltaFigures(items, snapshot);
    const diffs = await diffFigures(rows);

    return {
      mappings: SIZE,
      near_miss_index_build_ms: Number(indexBuildMs.toFixed(1)),
      near_miss_queries: QUERIES,
      near_miss_answered: answered,
      near_miss_p50_ms: Number(percentile(times, 50).toFixed(3)),
      near_miss_p99_ms: Number(percentile(times, 99).toFixed(3)),
      near_miss_max_ms: Number(Math.max(...times).toFixed(3)),
      target_near_miss_ms_max: 50,
      snapshot_skus: SIZE,
      snapshot_barcodes: snapshot.size,
      snapshot_build_ms: Number(snapshotBuildMs.toFixed(1)),
      snapshot_json_bytes: wire.length,
      snapshot_load_ms: Number(snapshotLoadMs.toFixed(1)),
      snapshot_tuples_json_bytes: tuples.length,
      snapshot_load_tuples_ms: Number(snapshotLoadTuplesMs.toFixed(1)),
      target_snapshot_ms_max: 500,
      lookup_mean_us: Number(lookupUs.toFixed(3)),
      target_lookup_us_max: 5,
      ...deltas,
      ...diffs,
    };
  },
};
