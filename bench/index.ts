import type { Benchmark } from './benchmark.js';
import { cameraBenchmark } from './camera.js';
import { decodeBenchmark } from './decode.js';
import { durabilityBenchmark } from './durability.js';
import { funnelBenchmark } from './funnel.js';
import { historyBenchmark } from './history.js';
import { hubStartBenchmark } from './hub-start.js';
import { ingestBenchmark } from './ingest.js';
import { mappingBenchmark } from './mapping.js';
import { patrolBenchmark } from './patrol.js';
import { scaleVerdictBenchmark } from './scale-verdict.js';
import { scannerLatencyBenchmark } from './scanner-latency.js';
import { stationVerdictBenchmark } from './station-verdict.js';
import { stopLatencyBenchmark } from './stop-latency.js';
import { tabletAlertBenchmark } from './tablet-alert.js';
import { waybillLookupBenchmark } from './waybill-lookup.js';
import { waybillPrintBenchmark } from './waybill-print.js';

/** Every benchmark `npm run bench` runs, in order. */
export const BENCHMARKS: readonly Benchmark[] = [
  ingestBenchmark,
  stopLatencyBenchmark,
  tabletAlertBenchmark,
  decodeBenchmark,
  scannerLatencyBenchmark,
  scaleVerdictBenchmark,
  stationVerdictBenchmark,
  historyBenchmark,
  hubStartBenchmark,
  durabilityBenchmark,
  mappingBenchmark,
  waybillPrintBenchmark,
  waybillLookupBenchmark,
  patrolBenchmark,
  funnelBenchmark,
  cameraBenchmark,
];
