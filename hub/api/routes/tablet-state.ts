import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { BENCH_PROGRESS } from '../../../common/tally/bench.js';
import { isOpenAlert, type ReadonlyDomainState } from '../../domain/index.js';
import { historyIdentity } from '../../push/tablet-tally.js';
import { AlertRecord } from './alerts.js';
import { errorResponses, guarded, NoQuery } from './common.js';
import type { HubServices } from './services.js';

/** Hub alerts in the state besides the open ones: the newest, acknowledged or not. */
export const RECENT_ALERTS = 200;

const Device = Type.Object({ kind: Type.String(), state: Type.Enum(['ok', 'fault', 'absent']), detail: Type.Optional(Type.String()) });
const OrderRef = Type.Object({ taskId: Type.String(), orderId: Type.String(), orderNo: Type.String(), channel: Type.String() });
const Bench = Type.Object({
  progress: Type.Enum(BENCH_PROGRESS),
  closed: Type.Integer({ description: 'parcels closed (an order of one parcel closes none)' }),
  released: Type.Integer({ description: 'parcels labelled the first time, or sealed' }),
  block: Type.Union([Type.Object({ reason: Type.String(), detail: Type.Union([Type.String(), Type.Null()]), hold: Type.Boolean() }), Type.Null()]),
  label: Type.Union([Type.Enum(['requested', 'failed']), Type.Null()]),
  refused: Type.Union([Type.String(), Type.Null()], { description: "the label gate's reason for the last refusal" }),
});
const Quarter = { at: Type.Integer({ description: 'quarter-hour start, ms since the epoch' }) };

const Station = Type.Object({
  id: Type.String(),
  presence: Type.Optional(Type.Enum(['online', 'offline'])),
  scanner: Type.Optional(Device),
  printer: Type.Optional(Device),
  scale: Type.Optional(Device),
  mappingVersion: Type.Union([Type.Integer(), Type.Null()]),
  packer: Type.Union([Type.String(), Type.Null()]),
  order: Type.Union([OrderRef, Type.Null()]),
  bench: Type.Union([Bench, Type.Null()], { description: "the state of that order at the bench, from the station's pack events (common/tally/bench.ts)" }),
  quarters: Type.Array(
    Type.Object({
      ...Quarter,
      scans: Type.Integer(),
      judged: Type.Integer(),
      mismatches: Type.Integer(),
      verified: Type.Integer(),
      weightMismatches: Type.Integer({ description: 'parcels blocked for a weight outside tolerance (weight_mismatch)' }),
    }),
  ),
});

export const TabletState = Type.Object({
  history: Type.Object(
    {
      id: Type.Union([Type.String(), Type.Null()], { description: "the history's first record time; null while empty" }),
      lastSeq: Type.Integer(),
    },
    { description: 'a page holding a sequence from another history, or above lastSeq, starts over' },
  ),
  seq: Type.Integer({ description: 'the history sequence this state reflects: subscribe to /ws with since = seq' }),
  alerts: Type.Array(AlertRecord, { description: `open alerts and the newest ${RECENT_ALERTS}, in seq order` }),
  stations: Type.Array(Station),
  hubMappingVersion: Type.Union([Type.Integer(), Type.Null()], {
    description: "the station mapping snapshot's version the hub publishes (as in GET /mappings/stations); null before its first publish",
  }),
  stats: Type.Object({
    quarters: Type.Array(Type.Object({ ...Quarter, scans: Type.Integer(), mismatches: Type.Integer() })),
    tasks: Type.Array(Type.Object({ taskId: Type.String(), releasedAt: Type.Integer(), step: Type.Integer({ minimum: 0, maximum: 2 }) })),
    labelled: Type.Array(Type.Object({ ...Quarter, count: Type.Integer() })),
  }),
});

/**
 * `GET /api/v1/tablet/state` (viewer): what the tablet page shows, as of one history sequence,
 * so the page loads in bounded time and then follows `/ws` from that sequence (docs/tablet.md).
 */
export function registerTabletStateRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/tablet/state',
    guarded(services, {
      roles: 'viewer',
      tag: 'tablet',
      summary: "The tablet page's starting state as of a history sequence",
      querystring: NoQuery,
      response: { 200: TabletState, ...errorResponses() },
    }),
    // Synchronous from the tally's catch-up to the last read: the domain state and the tally
    // reflect the same history sequence.
    async () => {
      const { history, domain } = services;
      const state = domain.state;
      const tally = services.tally.catchUp();
      tally.seedStations(Object.keys(state.stations));
      return {
        history: historyIdentity(history),
        seq: tally.seq,
        alerts: recentAlerts(state),
        stations: tally.stations.snapshot(),
        hubMappingVersion: services.mappingVersion?.() ?? null,
        stats: tally.stats.snapshot(),
      };
    },
  );
}

function recentAlerts(state: ReadonlyDomainState) {
  const newest = state.alerts.length - RECENT_ALERTS;
  return state.alerts.filter((alert, index) => index >= newest || isOpenAlert(alert));
}
