import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeFiles, type FileLayer } from '../common/file-io.js';
import { Journal } from '../common/journal.js';
import { Ingest } from '../hub/ingest/ingest.js';
import { History } from '../hub/store/history.js';
import { PAYLOAD_VERSION, siteTopics, type StationEvent } from '../protocol/index.js';
import { Recorder } from '../station/agent/recorder.js';
import { Outbox } from '../station/link/outbox.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const HUB_EVENTS = Number(process.env.PACKGATE_BENCH_DURABILITY_EVENTS ?? 20_000);
const HUB_STATIONS = 20;
/** Events arriving in one event-loop turn at the hub (MQTT delivers them in batches per socket read). */
const HUB_BURST = 50;
const STATION_INPUTS = 1000;
const topics = siteTopics('bench');
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** node:fs with fdatasync (or without), counting the syncs. */
function countingFiles(sync: boolean): { files: FileLayer; syncs: () => number } {
  const inner = nodeFiles({ sync });
  let syncs = 0;
  return {
    syncs: () => syncs,
    files: {
      exists: (path) => inner.exists(path),
      openAppend: (path) => {
        const file = inner.openAppend(path);
        return {
          size: () => file.size(),
          read: (buffer, offset, length, position) => file.read(buffer, offset, length, position),
          write: (bytes, offset) => file.write(bytes, offset),
          truncate: (size) => file.truncate(size),
          sync: () => ((syncs += 1), file.sync()),
          close: () => file.close(),
        };
      },
    },
  };
}

function scan(station: string, seq: number): Buffer {
  const data = `0104012345678901${String(seq).padStart(10, '0')}`;
  const event: StationEvent = {
    v: PAYLOAD_VERSION,
    id: randomUUID(),
    station,
    seq,
    at: new Date().toISOString(),
    body: { type: 'scan', data, raw: Buffer.from(data).toString('base64'), source: 'bench' },
  };
  return Buffer.from(JSON.stringify(event));
}

/**
 * The hub's real ingest on a file-backed history: events arrive in bursts of `HUB_BURST`, a burst
 * per event-loop turn (the next burst does not wait for acks, as MQTT keeps delivering), and each
 * event's ack latency is from its `handle` to the first ack covering it.
 */
async function hubIngest(sync: boolean, events = HUB_EVENTS) {
  const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-durability-'));
  const { files, syncs } = countingFiles(sync);
  const history = History.open(join(dir, 'history.jsonl'), { files, checkpointEvery: Infinity });
  const arrived = new Map<string, number[]>();
  const latencies: number[] = [];
  const ackedUpTo = new Map<string, number>();
  let acked = 0;
  let allAcked: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allAcked = resolve));
  const ingest = new Ingest({
    topics,
    history,
    onStored: () => undefined,
    sendAck: (station, upTo) => {
      const times = arrived.get(station)!;
      const now = performance.now();
      for (let seq = (ackedUpTo.get(station) ?? 0) + 1; seq <= upTo; seq += 1) {
        latencies.push(now - times[seq]!);
        acked += 1;
      }
      ackedUpTo.set(station, Math.max(upTo, ackedUpTo.get(station) ?? 0));
      if (acked >= events) allAcked();
    },
  });
  const next = Array.from({ length: HUB_STATIONS }, () => 1);
  const started = performance.now();
  for (let sent = 0; sent < events; ) {
    for (let i = 0; i < HUB_BURST && sent < events; i += 1, sent += 1) {
      const s = sent % HUB_STATIONS;
      const station = `S${s}`;
      const seq = next[s]!++;
      const payload = scan(station, seq);
      let times = arrived.get(station);
      if (!times) arrived.set(station, (times = []));
      times[seq] = performance.now();
      ingest.handle(topics.stationEvents(station), payload);
    }
    await turn();
  }
  await done;
  const elapsed = performance.now() - started;
  ingest.close();
  history.close();
  rmSync(dir, { recursive: true, force: true });
  return { perS: Math.round(events / (elapsed / 1000)), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), syncs: syncs() };
}

/**
 * The station's real recorder, journal and outbox: one input (1 to 3 events) at a time, as a
 * packer scans, from `commit` to the event handed to the link to publish; then the same inputs
 * in bursts of 20 (a replay, a fast scanner) for how a sync covers several.
 */
async function stationPublish(sync: boolean, inputs = STATION_INPUTS) {
  const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-durability-'));
  const { files, syncs } = countingFiles(sync);
  const { journal } = Journal.open<StationEvent>(join(dir, 'journal.jsonl'), { files });
  const latencies: number[] = [];
  let committedAt = 0;
  let onPublished: () => void = () => undefined;
  const recorder = new Recorder('B1', journal, new Outbox([], 0), () => {
    latencies.push(performance.now() - committedAt);
    onPublished();
  }, 0);
  const bodies = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'scan' as const, data: `CODE-${i}`, raw: 'Q09ERQ==', source: 'bench' }));
  for (let input = 0; input < inputs; input += 1) {
    const events = recorder.build(bodies(1 + (input % 3)), Date.now());
    const published = new Promise<void>((resolve) => (onPublished = resolve));
    committedAt = performance.now();
    recorder.commit(events);
    await published;
    await recorder.published();
  }
  const single = { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) };
  const syncsSingle = syncs();
  const started = performance.now();
  for (let burst = 0; burst < inputs / 20; burst += 1) {
    for (let i = 0; i < 20; i += 1) recorder.commit(recorder.build(bodies(1), Date.now()));
    await recorder.published();
  }
  const burstMs = performance.now() - started;
  journal.close();
  rmSync(dir, { recursive: true, force: true });
  return { ...single, syncsSingle, burstEventsPerS: Math.round(inputs / (burstMs / 1000)), syncsBurst: syncs() - syncsSingle };
}

/**
 * What power-cut safety costs: the hub's ingest and the station's journal with one fdatasync
 * per burst (as they run) and with none (the baseline, as before), measured in the same run on
 * the same disk.
 */
export const durabilityBenchmark: Benchmark = {
  name: 'durability',
  async run() {
    // Warm-ups (not counted), so that neither measured run pays for the JIT alone.
    await hubIngest(false, 2000);
    await stationPublish(false, 100);
    const hubNoSync = await hubIngest(false);
    const hubSync = await hubIngest(true);
    const stationNoSync = await stationPublish(false);
    const stationSync = await stationPublish(true);
    return {
      hub_events: HUB_EVENTS,
      hub_burst: HUB_BURST,
      hub_ingest_events_per_s: hubSync.perS,
      hub_ingest_nosync_events_per_s: hubNoSync.perS,
      hub_ack_latency_p50_ms: hubSync.p50,
      hub_ack_latency_p99_ms: hubSync.p99,
      hub_ack_latency_nosync_p50_ms: hubNoSync.p50,
      hub_ack_latency_nosync_p99_ms: hubNoSync.p99,
      hub_fdatasyncs: hubSync.syncs,
      hub_events_per_fdatasync: Math.round(HUB_EVENTS / Math.max(1, hubSync.syncs)),
      station_inputs: STATION_INPUTS,
      station_event_to_publish_p50_ms: stationSync.p50,
      station_event_to_publish_p99_ms: stationSync.p99,
      station_event_to_publish_nosync_p50_ms: stationNoSync.p50,
      station_event_to_publish_nosync_p99_ms: stationNoSync.p99,
      station_burst_events_per_s: stationSync.burstEventsPerS,
      station_burst_nosync_events_per_s: stationNoSync.burstEventsPerS,
      station_fdatasyncs_per_burst_of_20: Number((stationSync.syncsBurst / (STATION_INPUTS / 20)).toFixed(2)),
    };
  },
};
