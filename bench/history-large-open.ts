import { randomUUID } from 'node:crypto';
import { History } from '../hub/store/history.js';
import { entryFor, latencies, orderOf, QUERIES, randomInt, round, STATIONS, time } from './history-data.js';
import { LARGE_START } from './history-large.js';

/**
 * The segmented history's figures, in a process of its own (started by bench/history.ts with the
 * history path and its event count; prints one JSON line): its memory is the store's only.
 */
const [path, eventsArg] = process.argv.slice(2);
const events = Number(eventsArg);
const DAY_MS = 24 * 60 * 60 * 1000;
/** The day after the generated year: every generated day is closed and within the live window. */
const today = LARGE_START + 365 * DAY_MS + 60_000;

const opened = time(() => History.open(path!, { now: () => new Date(today) }));
const history = opened.value;
const afterOpen = process.memoryUsage();
if (history.lastSeq !== events) throw new Error(`opened ${history.lastSeq} records, expected ${events}`);

const timeline = latencies(QUERIES, () => history.byKey(`order:${orderOf(randomInt(events))}`).length > 0);
const afterTimeline = process.memoryUsage();
const station = latencies(200, () => history.byKey(`station:S${String(randomInt(STATIONS)).padStart(2, '0')}`).length === 1000);
const since = latencies(QUERIES, () => history.since(randomInt(events - 100), 100).length === 100);
const knownIds = Array.from({ length: 100 }, () => history.since(randomInt(events - 1), 1)[0]!);
const miss = latencies(QUERIES, () => !history.hasEventId(randomUUID()));
let hit = 0;
const hits = latencies(100, () => {
  const known = knownIds[hit++]!;
  return known.kind === 'event' && history.hasEventId(known.event.id);
});

// A real seal: a day of appends to the open segment, then the first append of the next day.
const perDay = Math.ceil(events / 365);
for (let i = 0; i < perDay; i += 1) history.append(entryFor(history.lastSeq + 1), new Date(today + i));
const sealed = time(() => history.append(entryFor(history.lastSeq + 1), new Date(today + DAY_MS)));
const { segments } = history.stats;
history.close();

console.log(
  JSON.stringify({
    open_ms: round(opened.ms, 0),
    rss_after_open_mb: round(afterOpen.rss / 2 ** 20, 0),
    heap_used_after_open_mb: round(afterOpen.heapUsed / 2 ** 20, 0),
    rss_after_timelines_mb: round(afterTimeline.rss / 2 ** 20, 0),
    timeline_p50_ms: round(timeline.p50, 3),
    timeline_p99_ms: round(timeline.p99, 3),
    timeline_station_newest_1000_p99_ms: round(station.p99, 3),
    since_100_p99_ms: round(since.p99, 3),
    has_event_id_miss_p99_ms: round(miss.p99, 3),
    has_event_id_hit_p99_ms: round(hits.p99, 3),
    seal_day_ms: round(sealed.ms, 0),
    segments_after_seal: segments,
  }),
);
