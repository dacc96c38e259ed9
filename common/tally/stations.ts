import { benchAfter, type BenchState } from './bench.js';
import type { DeviceStatus, FeedRecordOf, PackOrderRef } from './records.js';
import { scanFacts } from './scans.js';
import { dayStart, HOUR_MS, hourStart, quarterStart, sumQuarters } from './time.js';

export interface StationCounts {
  scans: number;
  judged: number;
  mismatches: number;
  verified: number;
  /** Parcels blocked for a weight outside tolerance (`weight_mismatch`). */
  weightMismatches: number;
}

const noCounts = (): StationCounts => ({ scans: 0, judged: 0, mismatches: 0, verified: 0, weightMismatches: 0 });

/** What the feed tells about one station, beside what `GET /api/v1/stations` answers. */
export interface StationFacts {
  readonly id: string;
  presence?: 'online' | 'offline';
  scanner?: DeviceStatus;
  printer?: DeviceStatus;
  /** The bench scale, for stations that have one. */
  scale?: DeviceStatus;
  /** The mapping snapshot version the station holds, from its status and its pack events. */
  mappingVersion: number | null;
  packer: string | null;
  order: PackOrderRef | null;
  /** The state of that order at the bench, from the same events (bench.ts). */
  bench: BenchState | null;
  /** Counts by quarter-hour start (ms). */
  readonly quarters: Map<number, StationCounts>;
}

/** A station's facts as the hub sends them in the tablet state (`GET /api/v1/tablet/state`). */
export type StationSnapshot = Omit<StationFacts, 'quarters'> & { readonly quarters: ReadonlyArray<StationCounts & { readonly at: number }> };

export interface StationFigures {
  readonly scansThisHour: number;
  readonly verifiedThisHour: number;
  readonly weightMismatchesThisHour: number;
  /** Mismatches over judged scans today, 0…1; null before any judged scan. */
  readonly mismatchRateToday: number | null;
}

/** Per-station facts from presence records and station events. */
export class StationBook {
  readonly #stations = new Map<string, StationFacts>();
  /**
   * The version of the mapping snapshot the hub publishes to stations: from the tablet state,
   * then from each `GET /api/v1/mappings/stations` answer. It moves with the pending list too,
   * so no feed event tells it.
   */
  hubMappingVersion: number | null = null;

  apply(record: FeedRecordOf): boolean {
    if (record.kind === 'station') {
      const facts = this.#get(record.station);
      facts.presence = record.status.state;
      if (record.status.scanner) facts.scanner = record.status.scanner;
      if (record.status.printer) facts.printer = record.status.printer;
      if (record.status.scale) facts.scale = record.status.scale;
      if (record.status.versions) facts.mappingVersion = record.status.versions.mapping;
      return true;
    }
    if (record.kind !== 'event') return false;
    const { event } = record;
    const facts = this.#get(event.station);
    const body = event.body;
    if (body.packer !== undefined) facts.packer = body.packer;
    // Every pack event names the mapping version the station judged with: fresher than its birth status.
    if (typeof body.mappingVersion === 'number') facts.mappingVersion = body.mappingVersion;
    if (body.type === 'pack.packer_signed_out') facts.packer = null;
    if (body.type === 'pack.order_loaded' && body.order) facts.order = body.order;
    if (body.type === 'pack.order_aside' || body.type === 'pack.order_cancelled') facts.order = null;
    facts.bench = benchAfter(facts.bench, body);
    const counted = scanFacts(body);
    if (counted.scan || counted.verified || counted.weightMismatch) {
      const quarter = quarterStart(Date.parse(event.at));
      const counts = facts.quarters.get(quarter) ?? noCounts();
      counts.scans += counted.scan ? 1 : 0;
      counts.judged += counted.judged ? 1 : 0;
      counts.mismatches += counted.mismatch ? 1 : 0;
      counts.verified += counted.verified ? 1 : 0;
      counts.weightMismatches += counted.weightMismatch ? 1 : 0;
      facts.quarters.set(quarter, counts);
    }
    return true;
  }

  get(id: string): StationFacts | undefined {
    return this.#stations.get(id);
  }

  ids(): string[] {
    return [...this.#stations.keys()];
  }

  figures(id: string, now: number): StationFigures {
    const quarters = this.#stations.get(id)?.quarters ?? new Map<number, StationCounts>();
    const hour = hourStart(now);
    const thisHour = sumQuarters(quarters, hour, hour + HOUR_MS, noCounts);
    const today = sumQuarters(quarters, dayStart(now), Infinity, noCounts);
    return {
      scansThisHour: thisHour.scans,
      verifiedThisHour: thisHour.verified,
      weightMismatchesThisHour: thisHour.weightMismatches,
      mismatchRateToday: today.judged > 0 ? today.mismatches / today.judged : null,
    };
  }

  /**
   * Every station's scans, mismatches and weight mismatches added up per hour, the last `hours` hours oldest first
   * (ending with the current one). The charts read this, so a bar is the station board's figures
   * summed: one count of scans (`scanFacts`) for both.
   */
  siteHours(now: number, hours = 12): Array<{ hour: number; scans: number; mismatches: number; weightMismatches: number }> {
    const last = hourStart(now);
    return Array.from({ length: hours }, (_, i) => {
      const hour = last - (hours - 1 - i) * HOUR_MS;
      let scans = 0;
      let mismatches = 0;
      let weightMismatches = 0;
      for (const facts of this.#stations.values()) {
        const counts = sumQuarters(facts.quarters, hour, hour + HOUR_MS, noCounts);
        scans += counts.scans;
        mismatches += counts.mismatches;
        weightMismatches += counts.weightMismatches;
      }
      return { hour, scans, mismatches, weightMismatches };
    });
  }

  /** Each station's weight mismatches from `from` (ms) on, the stations with none left out, most first. */
  weightMismatchesByStation(from: number): Array<{ station: string; count: number }> {
    const counts = [...this.#stations.values()].map((facts) => ({ station: facts.id, count: sumQuarters(facts.quarters, from, Infinity, noCounts).weightMismatches }));
    return counts.filter(({ count }) => count > 0).sort((a, b) => b.count - a.count || a.station.localeCompare(b.station));
  }

  /** How many versions the station's mapping is behind the hub's; null when either is unknown. */
  mappingLag(id: string): number | null {
    const held = this.#stations.get(id)?.mappingVersion;
    if (held === undefined || held === null || this.hubMappingVersion === null) return null;
    return Math.max(0, this.hubMappingVersion - held);
  }

  /** Forgets counts older than `before` (ms): the hub keeps a bounded window. */
  prune(before: number): void {
    for (const facts of this.#stations.values()) {
      for (const at of facts.quarters.keys()) if (at < before) facts.quarters.delete(at);
    }
  }

  snapshot(): StationSnapshot[] {
    return [...this.#stations.values()].map(({ quarters, ...facts }) => ({
      ...facts,
      quarters: [...quarters].map(([at, counts]) => ({ at, ...counts })),
    }));
  }

  /** Takes the hub's snapshot as the starting point (before any record after it is applied). */
  load(stations: readonly StationSnapshot[], hubMappingVersion: number | null): void {
    this.#stations.clear();
    this.hubMappingVersion = hubMappingVersion;
    for (const { quarters, ...facts } of stations) {
      this.#stations.set(facts.id, {
        ...facts,
        quarters: new Map(quarters.map(({ at, scans, judged, mismatches, verified, weightMismatches }) => [at, { scans, judged, mismatches, verified, weightMismatches }])),
      });
    }
  }

  #get(id: string): StationFacts {
    let facts = this.#stations.get(id);
    if (!facts) {
      facts = { id, mappingVersion: null, packer: null, order: null, bench: null, quarters: new Map() };
      this.#stations.set(id, facts);
    }
    return facts;
  }
}
