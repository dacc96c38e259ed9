import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { EvidenceClipBody } from '../../../protocol/evidence.js';
import { WeightTolerancePayload } from '../../../protocol/weight-tolerance.js';
import type { StationEvent } from '../../../protocol/index.js';
import { orderOfWaybill } from '../../domain/index.js';
import { getOwn, waybillKey } from '../../domain/state.js';
import { clipsOfWaybill } from '../../evidence/clips.js';
import type { HistoryRecord } from '../../store/history.js';
import { closed, errorResponses, guarded, notFound } from './common.js';
import type { HubServices } from './services.js';

const WaybillQuery = closed({ waybill: Type.String({ minLength: 1, maxLength: 64, description: "any parcel's waybill; case does not matter" }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
/** The newest records of an order or waybill read for one answer. */
const MAX_RECORDS = 1000;

const Scan = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  station: Type.String(),
  packer: Nullable(Type.String()),
  verdict: Type.String(),
  sku: Nullable(Type.String()),
  code: Nullable(Type.String()),
  units: Type.Integer(),
  blocks: Type.Boolean(),
});

const Release = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  station: Type.String(),
  type: Type.Enum(['label_printed', 'sealed'], { description: "the printer's own proof, or the parcel sealed (verify-preprinted)" }),
  waybill: Type.String(),
  reprint: Type.Boolean(),
});

const Weighing = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    station: Type.String(),
    grams: Type.Number({ description: 'the stable weight on the scale when the parcel was let go' }),
    expectedGrams: Type.Optional(Type.Number({ description: 'what it should weigh; absent: a unit weight unknown, not checked' })),
    tolerance: Type.Optional(
      Type.Object(WeightTolerancePayload.properties, {
        additionalProperties: false,
        description: "the weight tolerance the station applied to this parcel (its copy of the site's); absent: not checked, or a station older than the weight margin",
      }),
    ),
    allowedGrams: Type.Optional(Type.Number({ description: 'the weight margin: grams either side of expectedGrams the parcel was allowed (the larger of tolerance.grams and tolerance.percent of expectedGrams)' })),
    box: Type.Optional(Type.Object({ code: Nullable(Type.String()), grams: Type.Number(), by: Type.String() })),
    check: Type.Optional(Type.String({ description: 'passed, overridden (a supervisor) or unchecked' })),
  },
  { description: 'the parcel weighed at the bench: the newest weighing that let it go (label or seal); null where the bench did not weigh' },
);

const Clip = Type.Object({
  seq: Type.Integer({ description: 'the history record that holds it' }),
  station: Type.String(),
  record: EvidenceClipBody,
});

const Evidence = Type.Object({
  waybill: Type.String(),
  orderId: Nullable(Type.String()),
  orderNo: Nullable(Type.String()),
  scans: Type.Array(Scan, { description: "every product scan's verdict at a station, oldest first" }),
  releases: Type.Array(Release, { description: "labels printed (the printer's proof) and parcels sealed" }),
  weight: Nullable(Weighing),
  clips: Type.Array(Clip, { description: "the packing clips and photos that name this waybill, oldest first; empty until the station's record arrives" }),
  dispute: Nullable(
    Type.Object({ waybill: Type.String(), since: Type.String(), by: Type.String(), note: Nullable(Type.String()) }, { description: 'open while the waybill is disputed: its clips are pinned at their station' }),
  ),
});
type Evidence = Static<typeof Evidence>;

/** `GET /api/v1/evidence?waybill=` (viewer): one parcel's evidence, its scans, label proof and clip. */
export function registerEvidenceRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof WaybillQuery> }>(
    '/api/v1/evidence',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: "A parcel's evidence by waybill: scans and verdicts, label proof, the clip's and photo's hashes",
      querystring: WaybillQuery,
      response: { 200: Evidence, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const evidence = evidenceOf(services, request.query.waybill);
      if (!evidence) return notFound(reply, 'ORDER_NOT_FOUND', `no order or clip with waybill ${request.query.waybill}`);
      return evidence;
    },
  );
}

/** One parcel's evidence by waybill, or undefined when no order and no clip has it. */
export function evidenceOf(services: HubServices, waybill: string): Evidence | undefined {
  const order = orderOfWaybill(services.domain.state, waybill);
  const clips = clipsOfWaybill(services.history, waybill);
  if (!order && clips.length === 0) return undefined;
  const events = order ? services.history.byKey(`order:${order.id}`, { limit: MAX_RECORDS }).flatMap(eventOf) : [];
  const dispute = getOwn(services.domain.state.disputes ?? {}, waybillKey(waybill));
  return {
    waybill,
    orderId: order?.id ?? null,
    orderNo: order?.orderNo ?? null,
    scans: events.flatMap(({ seq, event }) =>
      event.body.type === 'pack.verdict'
        ? [{ seq, at: event.at, station: event.station, packer: event.body.packer, verdict: event.body.verdict, sku: event.body.sku, code: event.body.code, units: event.body.units, blocks: event.body.blocks }]
        : [],
    ),
    releases: events.flatMap(({ seq, event }) => {
      const body = event.body;
      if (body.type !== 'pack.label_printed' && body.type !== 'pack.sealed') return [];
      const released = body.parcel?.waybill ?? order?.waybill ?? waybill;
      return [{ seq, at: event.at, station: event.station, type: body.type === 'pack.sealed' ? ('sealed' as const) : ('label_printed' as const), waybill: released, reprint: 'reprint' in body ? body.reprint : false }];
    }),
    weight: weighingOf(events, order ? order.waybill : waybill, waybill),
    clips,
    dispute: dispute ? { ...dispute, note: dispute.note ?? null } : null,
  };
}

function eventOf(record: HistoryRecord): Array<{ seq: number; event: StationEvent }> {
  return record.kind === 'event' ? [{ seq: record.seq, event: record.event }] : [];
}


/** The newest label request (not a reprint) or seal of this parcel that carries a weight. */
function weighingOf(events: ReadonlyArray<{ seq: number; event: StationEvent }>, orderWaybill: string, waybill: string): Static<typeof Weighing> | null {
  const wanted = waybillKey(waybill);
  for (const { seq, event } of [...events].reverse()) {
    const body = event.body;
    if (body.type !== 'pack.label_requested' && body.type !== 'pack.sealed') continue;
    if (body.weightGrams === undefined || (body.type === 'pack.label_requested' && body.reprint)) continue;
    if (waybillKey(body.parcel?.waybill ?? orderWaybill) !== wanted) continue;
    return {
      seq,
      at: event.at,
      station: event.station,
      grams: body.weightGrams,
      ...(body.expectedGrams === undefined ? {} : { expectedGrams: body.expectedGrams }),
      ...(body.tolerance ? { tolerance: { ...body.tolerance } } : {}),
      ...(body.allowedGrams === undefined ? {} : { allowedGrams: body.allowedGrams }),
      ...(body.box ? { box: { ...body.box } } : {}),
      ...(body.weightCheck === undefined ? {} : { check: body.weightCheck }),
    };
  }
  return null;
}
